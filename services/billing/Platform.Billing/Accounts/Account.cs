using Platform.Billing.StoppingBilling;

namespace Platform.Billing.Accounts;

/// <summary>A workspace's ledger folded into its balance; money in integer micro-units.</summary>
public sealed record Account(Guid Id, string Currency, long BalanceMicros, long WelcomeCreditMicros, bool IsOpen, bool IsClosed)
{
    public static Account Create(AccountOpened e) => new(e.WorkspaceId, e.Currency, 0, e.WelcomeCreditMicros, true, false);

    /// <summary>A close that arrives before any opening leaves a tombstone that refuses later openings.</summary>
    public static Account Create(AccountClosed e) => new(e.WorkspaceId, "", 0, 0, false, true);

    /// <summary>A stop that arrives before any opening (a deleted workspace) leaves a closed tombstone too.</summary>
    public static Account Create(AccountBillingStopped e) => new(e.WorkspaceId, "", 0, 0, false, true) { BillingStoppedAt = e.StoppedAt };

    /// <summary>When billing stopped (the workspace is being deleted); null while it runs.</summary>
    public DateTimeOffset? BillingStoppedAt { get; init; }

    /// <summary>Whether usage at <paramref name="at"/> may be charged: only while open and before billing stopped.</summary>
    public bool IsBillableAt(DateTimeOffset at) => IsOpen && (BillingStoppedAt is null || at < BillingStoppedAt);

    public Account Apply(AccountCredited e) => this with { BalanceMicros = BalanceMicros + e.AmountMicros };
    public Account Apply(AccountDebited e) => this with { BalanceMicros = BalanceMicros - e.AmountMicros };
    public Account Apply(AccountClosed e) => this with { IsOpen = false, IsClosed = true };
    public Account Apply(AccountOpeningRefused e) => this;
    public Account Apply(AccountBillingStopped e) => this with { BillingStoppedAt = BillingStoppedAt ?? e.StoppedAt };
}
