using Platform.Billing.Accounts;
using Platform.Contracts.Billing;

namespace Platform.Billing.StoppingBilling;

/// <summary>
/// Billing of the workspace stopped at StoppedAt: nothing after it is charged (see <see cref="Account.IsBillableAt"/>).
/// AccountWasClosed says whether the account was already closed (or never opened) when the stop was recorded.
/// </summary>
public sealed record AccountBillingStopped(Guid WorkspaceId, DateTimeOffset StoppedAt, bool AccountWasClosed, string Reason, DateTimeOffset RecordedAt);

public static class StoppingBilling
{
    /// <summary>
    /// Records the stop time and nothing else: the balance, paid money included, stays as it is; closing is a separate
    /// step once the namespace is gone. A stop before any opening leaves a closed tombstone, so a late opening is
    /// refused. A repeat (a deletion re-sending after its deadline) is answered again with the first stop time.
    /// </summary>
    public static AccountBillingStopped Decide(Account? account, StopBilling command, DateTimeOffset now) =>
        new(command.WorkspaceId, account?.BillingStoppedAt ?? command.StoppedAt, account?.IsClosed ?? true, command.Reason, now);
}
