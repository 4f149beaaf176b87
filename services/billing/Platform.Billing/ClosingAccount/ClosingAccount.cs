using Platform.Billing.Accounts;
using Platform.Contracts.Billing;

namespace Platform.Billing.ClosingAccount;

public static class ClosingAccount
{
    /// <summary>
    /// Closing takes back what is left of the welcome credit (it was a gift to this workspace only) and closes
    /// the account; closing an account that was never opened leaves a tombstone so a late opening is refused.
    /// </summary>
    public static object[] Decide(Account? account, CloseBillingAccount command, DateTimeOffset now)
    {
        if (account is null)
            return [new AccountClosed(command.WorkspaceId, command.Reason, now)];
        if (account.IsClosed)
            return [];
        var unusedWelcomeCredit = Math.Clamp(account.BalanceMicros, 0, account.WelcomeCreditMicros);
        return unusedWelcomeCredit > 0
            ?
            [
                new AccountDebited(command.WorkspaceId, unusedWelcomeCredit, "welcome-credit-reversed", now),
                new AccountClosed(command.WorkspaceId, command.Reason, now),
            ]
            : [new AccountClosed(command.WorkspaceId, command.Reason, now)];
    }
}
