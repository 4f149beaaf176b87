using Platform.Billing.Accounts;
using Platform.Contracts.Billing;

namespace Platform.Billing.OpeningAccount;

/// <summary>Welcome credit and currency of new accounts (Platform:Billing:WelcomeCreditMicros, Platform:Billing:Currency).</summary>
public sealed record BillingOptions(long WelcomeCreditMicros, string Currency)
{
    public static BillingOptions From(IConfiguration configuration) => new(
        configuration.GetValue("Platform:Billing:WelcomeCreditMicros", 5_000_000L),
        configuration.GetValue("Platform:Billing:Currency", "USD")!);
}

public static class OpeningAccount
{
    /// <summary>Open once with the welcome credit; a repeat changes nothing; a closed account stays closed.</summary>
    public static object[] Decide(Account? account, OpenBillingAccount command, BillingOptions options, DateTimeOffset now) => account switch
    {
        null =>
        [
            new AccountOpened(command.WorkspaceId, command.OwnerId, options.Currency, options.WelcomeCreditMicros, now),
            new AccountCredited(command.WorkspaceId, options.WelcomeCreditMicros, "welcome-credit", now),
        ],
        { IsClosed: true } => [new AccountOpeningRefused(command.WorkspaceId, "The workspace's billing account was closed.", now)],
        _ => [],
    };
}
