namespace Platform.Billing.Accounts;

/// <summary>A workspace's ledger folded into its balance; money in integer micro-units.</summary>
public sealed record Account(Guid Id, string Currency, long BalanceMicros, long WelcomeCreditMicros, bool IsOpen, bool IsClosed)
{
    public static Account Create(AccountOpened e) => new(e.WorkspaceId, e.Currency, 0, e.WelcomeCreditMicros, true, false);

    /// <summary>A close that arrives before any opening leaves a tombstone that refuses later openings.</summary>
    public static Account Create(AccountClosed e) => new(e.WorkspaceId, "", 0, 0, false, true);

    public Account Apply(AccountCredited e) => this with { BalanceMicros = BalanceMicros + e.AmountMicros };
    public Account Apply(AccountDebited e) => this with { BalanceMicros = BalanceMicros - e.AmountMicros };
    public Account Apply(AccountClosed e) => this with { IsOpen = false, IsClosed = true };
    public Account Apply(AccountOpeningRefused e) => this;
}
