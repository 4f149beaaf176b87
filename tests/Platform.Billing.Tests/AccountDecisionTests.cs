using Platform.Billing.Accounts;
using Platform.Billing.OpeningAccount;
using Platform.Contracts.Billing;
using Xunit;
using Closing = Platform.Billing.ClosingAccount.ClosingAccount;
using Opening = Platform.Billing.OpeningAccount.OpeningAccount;

namespace Platform.Billing.Tests;

/// <summary>Opening and closing a workspace's account: Given events, When a command, Then events.</summary>
public sealed class AccountDecisionTests
{
    static readonly Guid WorkspaceId = Guid.Parse("6f1d7f0e-6a43-4a5e-9d0f-0c3a3c1b2a11");
    static readonly Guid OwnerId = Guid.Parse("0b1c2d3e-4f50-4a6b-8c7d-8e9fa0b1c2d3");
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    static readonly BillingOptions Options = new(5_000_000, "USD");
    static readonly OpenBillingAccount Open = new() { WorkspaceId = WorkspaceId, OwnerId = OwnerId };
    static readonly CloseBillingAccount Close = new() { WorkspaceId = WorkspaceId, Reason = "onboarding failed" };

    /// <summary>Folds events the way Marten's single-stream aggregation does (Create for the first, Apply for the rest).</summary>
    internal static Account? Fold(IEnumerable<object> events)
    {
        Account? account = null;
        foreach (var e in events)
        {
            account = (account, e) switch
            {
                (null, AccountOpened opened) => Account.Create(opened),
                (null, AccountClosed closed) => Account.Create(closed),
                (null, _) => throw new InvalidOperationException($"{e.GetType().Name} cannot start an account stream"),
                (_, AccountCredited x) => account.Apply(x),
                (_, AccountDebited x) => account.Apply(x),
                (_, AccountClosed x) => account.Apply(x),
                (_, AccountOpeningRefused x) => account.Apply(x),
                _ => throw new InvalidOperationException($"unexpected {e.GetType().Name}"),
            };
        }
        return account;
    }

    static object[] Opened() => Opening.Decide(null, Open, Options, Now);

    [Fact]
    public void GivenNoAccount_WhenOpened_ThenAccountIsOpenedWithTheWelcomeCredit()
    {
        var events = Opening.Decide(null, Open, Options, Now);

        Assert.Collection(events,
            e => Assert.Equal(new AccountOpened(WorkspaceId, OwnerId, "USD", 5_000_000, Now), e),
            e => Assert.Equal(new AccountCredited(WorkspaceId, 5_000_000, "welcome-credit", Now), e));
        var account = Fold(events)!;
        Assert.Equal(5_000_000, account.BalanceMicros);
        Assert.True(account.IsOpen);
        Assert.False(account.IsClosed);
    }

    [Fact]
    public void GivenOpenAccount_WhenOpenedAgain_ThenNothingHappens()
    {
        var account = Fold(Opened());

        Assert.Empty(Opening.Decide(account, Open, Options, Now.AddMinutes(1)));
    }

    [Fact]
    public void GivenClosedAccount_WhenOpened_ThenOpeningIsRefused()
    {
        var given = Opened().ToList();
        given.AddRange(Closing.Decide(Fold(given), Close, Now));

        var events = Opening.Decide(Fold(given), Open, Options, Now.AddMinutes(1));

        var refused = Assert.IsType<AccountOpeningRefused>(Assert.Single(events));
        Assert.Equal(WorkspaceId, refused.WorkspaceId);
        Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
    }

    [Fact]
    public void GivenUnusedWelcomeCredit_WhenClosed_ThenTheWelcomeCreditIsReversedAndTheAccountClosed()
    {
        var given = Opened();

        var events = Closing.Decide(Fold(given), Close, Now);

        Assert.Collection(events,
            e => Assert.Equal(new AccountDebited(WorkspaceId, 5_000_000, "welcome-credit-reversed", Now), e),
            e => Assert.Equal(new AccountClosed(WorkspaceId, "onboarding failed", Now), e));
        var account = Fold([.. given, .. events])!;
        Assert.Equal(0, account.BalanceMicros);
        Assert.True(account.IsClosed);
        Assert.False(account.IsOpen);
    }

    [Fact]
    public void GivenPartlySpentWelcomeCredit_WhenClosed_ThenOnlyWhatIsLeftOfItIsReversed()
    {
        object[] given = [.. Opened(), new AccountDebited(WorkspaceId, 1_250_000, "usage", Now)];

        var events = Closing.Decide(Fold(given), Close, Now);

        Assert.Equal(new AccountDebited(WorkspaceId, 3_750_000, "welcome-credit-reversed", Now), events[0]);
        Assert.Equal(0, Fold([.. given, .. events])!.BalanceMicros);
    }

    [Fact]
    public void GivenMoneyPaidInBesidesTheWelcomeCredit_WhenClosed_ThenOnlyTheWelcomeCreditIsReversed()
    {
        object[] given = [.. Opened(), new AccountCredited(WorkspaceId, 20_000_000, "payment-42", Now)];

        var events = Closing.Decide(Fold(given), Close, Now);

        Assert.Equal(new AccountDebited(WorkspaceId, 5_000_000, "welcome-credit-reversed", Now), events[0]);
        Assert.Equal(20_000_000, Fold([.. given, .. events])!.BalanceMicros);
    }

    [Fact]
    public void GivenWelcomeCreditAllSpent_WhenClosed_ThenTheAccountIsOnlyClosed()
    {
        object[] given = [.. Opened(), new AccountDebited(WorkspaceId, 6_000_000, "usage", Now)];

        var events = Closing.Decide(Fold(given), Close, Now);

        Assert.Equal(new AccountClosed(WorkspaceId, "onboarding failed", Now), Assert.Single(events));
        Assert.Equal(-1_000_000, Fold([.. given, .. events])!.BalanceMicros);
    }

    [Fact]
    public void GivenClosedAccount_WhenClosedAgain_ThenNothingHappens()
    {
        var given = Opened().ToList();
        given.AddRange(Closing.Decide(Fold(given), Close, Now));

        Assert.Empty(Closing.Decide(Fold(given), Close, Now.AddMinutes(1)));
    }

    [Fact]
    public void GivenNoAccount_WhenClosed_ThenATombstoneRefusesALaterOpening()
    {
        var events = Closing.Decide(null, Close, Now);

        Assert.Equal(new AccountClosed(WorkspaceId, "onboarding failed", Now), Assert.Single(events));
        var tombstone = Fold(events)!;
        Assert.True(tombstone.IsClosed);
        Assert.False(tombstone.IsOpen);
        Assert.Equal(0, tombstone.BalanceMicros);
        Assert.IsType<AccountOpeningRefused>(Assert.Single(Opening.Decide(tombstone, Open, Options, Now)));
    }

    [Fact]
    public void GivenAccountEvents_WhenFolded_ThenBalanceIsCreditsMinusDebits()
    {
        var account = Fold([
            new AccountOpened(WorkspaceId, OwnerId, "EUR", 1_000, Now),
            new AccountCredited(WorkspaceId, 1_000, "welcome-credit", Now),
            new AccountCredited(WorkspaceId, 500, "payment", Now),
            new AccountDebited(WorkspaceId, 300, "usage", Now),
            new AccountOpeningRefused(WorkspaceId, "ignored by the fold", Now),
        ])!;

        Assert.Equal(new Account(WorkspaceId, "EUR", 1_200, 1_000, IsOpen: true, IsClosed: false), account);
    }
}
