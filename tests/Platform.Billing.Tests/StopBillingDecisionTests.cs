using Platform.Billing.Accounts;
using Platform.Billing.OpeningAccount;
using Platform.Billing.StoppingBilling;
using Platform.Contracts.Billing;
using Xunit;
using Closing = Platform.Billing.ClosingAccount.ClosingAccount;
using Opening = Platform.Billing.OpeningAccount.OpeningAccount;
using Stopping = Platform.Billing.StoppingBilling.StoppingBilling;

namespace Platform.Billing.Tests;

/// <summary>Stopping a deleted workspace's billing: Given an account, When StopBilling, Then the stop is recorded and nothing paid is taken.</summary>
public sealed class StopBillingDecisionTests
{
    static readonly Guid WorkspaceId = Guid.Parse("7a2e8f1f-7b54-4b6f-8e1a-1d4b4d2c3b22");
    static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset DeletionRequestedAt = Now.AddMinutes(-3);
    static readonly StopBilling Stop = new() { WorkspaceId = WorkspaceId, StoppedAt = DeletionRequestedAt, Reason = "deleted" };

    static Account Open(params object[] more)
    {
        var events = Opening.Decide(null, new OpenBillingAccount { WorkspaceId = WorkspaceId, OwnerId = Guid.NewGuid() }, new BillingOptions(5_000_000, "USD"),
            Now.AddDays(-2));
        return Fold([.. events, .. more]);
    }

    static Account Fold(IEnumerable<object> events) => events.Aggregate<object, Account?>(null, (account, e) => (account, e) switch
    {
        (null, AccountOpened x) => Account.Create(x),
        (null, AccountClosed x) => Account.Create(x),
        (null, AccountBillingStopped x) => Account.Create(x),
        (not null, AccountCredited x) => account.Apply(x),
        (not null, AccountDebited x) => account.Apply(x),
        (not null, AccountClosed x) => account.Apply(x),
        (not null, AccountBillingStopped x) => account.Apply(x),
        _ => throw new InvalidOperationException($"unexpected {e.GetType().Name}"),
    })!;

    [Fact]
    public void GivenAnOpenAccountWithPaidMoney_WhenBillingStops_ThenOnlyTheStopTimeIsRecordedAndTheBalanceIsUntouched()
    {
        var account = Open(new AccountCredited(WorkspaceId, 20_000_000, "payment", Now.AddDays(-1)));

        var stopped = Stopping.Decide(account, Stop, Now);

        Assert.Equal(new AccountBillingStopped(WorkspaceId, DeletionRequestedAt, AccountWasClosed: false, "deleted", Now), stopped);
        var after = account.Apply(stopped);
        Assert.Equal(25_000_000, after.BalanceMicros);
        Assert.True(after.IsOpen);
        Assert.Equal(DeletionRequestedAt, after.BillingStoppedAt);
    }

    [Fact]
    public void GivenBillingStopped_ThenUsageBeforeTheStopIsBillableAndNothingFromTheStopOn()
    {
        var account = Open();
        Assert.True(account.IsBillableAt(Now));

        var stopped = account.Apply(Stopping.Decide(account, Stop, Now));

        Assert.True(stopped.IsBillableAt(DeletionRequestedAt.AddTicks(-1)));
        Assert.False(stopped.IsBillableAt(DeletionRequestedAt));
        Assert.False(stopped.IsBillableAt(Now));
    }

    [Fact]
    public void GivenBillingAlreadyStopped_WhenStoppedAgainLater_ThenItIsAnsweredAgainWithTheFirstStopTime()
    {
        var account = Open();
        account = account.Apply(Stopping.Decide(account, Stop, Now));

        var again = Stopping.Decide(account, Stop with { StoppedAt = Now.AddMinutes(5) }, Now.AddMinutes(5));

        Assert.Equal(DeletionRequestedAt, again.StoppedAt);
        Assert.Equal(DeletionRequestedAt, account.Apply(again).BillingStoppedAt);
    }

    [Fact]
    public void GivenAClosedAccount_WhenBillingStops_ThenTheStopSaysTheAccountIsAlreadyClosed()
    {
        var account = Open();
        account = Closing.Decide(account, new CloseBillingAccount { WorkspaceId = WorkspaceId, Reason = "onboarding failed" }, Now.AddHours(-1))
            .Aggregate(account, (a, e) => e switch { AccountDebited d => a.Apply(d), AccountClosed c => a.Apply(c), _ => a });

        Assert.True(Stopping.Decide(account, Stop, Now).AccountWasClosed);
    }

    [Fact]
    public void GivenNoAccount_WhenBillingStops_ThenAClosedTombstoneRefusesALaterOpening()
    {
        var stopped = Stopping.Decide(null, Stop, Now);

        Assert.True(stopped.AccountWasClosed);
        var tombstone = Fold([stopped]);
        Assert.True(tombstone.IsClosed);
        Assert.False(tombstone.IsBillableAt(DeletionRequestedAt.AddDays(-1)));
        Assert.IsType<AccountOpeningRefused>(Assert.Single(Opening.Decide(tombstone,
            new OpenBillingAccount { WorkspaceId = WorkspaceId, OwnerId = Guid.NewGuid() }, new BillingOptions(5_000_000, "USD"), Now)));
    }
}
