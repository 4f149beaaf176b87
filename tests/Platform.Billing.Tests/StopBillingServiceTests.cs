using Platform.Contracts.Billing;
using Platform.Testing;
using Xunit;

namespace Platform.Billing.Tests;

/// <summary>The billing service process with a probe that also hears BillingStopped.</summary>
public sealed class StoppingBillingService : IAsyncLifetime
{
    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = await ServiceUnderTest.StartAsync("billing");
        Probe = await Service.ProbeAsync(typeof(BillingAccountOpened), typeof(BillingAccountOpeningFailed), typeof(BillingAccountClosed),
            typeof(BillingStopped));
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
    }
}

/// <summary>StopBilling for a workspace being deleted: the stop time is recorded, nothing paid is taken, every request is answered.</summary>
public sealed class StopBillingServiceTests(StoppingBillingService billing) : IClassFixture<StoppingBillingService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    static readonly DateTimeOffset DeletionRequestedAt = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    BusProbe Probe => billing.Probe;

    Task<BalanceDetails> Balance(Guid workspaceId) => Probe.Request<GetBalance, BalanceDetails>(new GetBalance { WorkspaceId = workspaceId });

    Task<IReadOnlyList<BillingStopped>> Stops(Guid workspaceId, int count) =>
        Probe.WaitForCount<BillingStopped>(m => m.WorkspaceId == workspaceId, count, Timeout, $"{count} BillingStopped for {workspaceId}");

    [Fact]
    public async Task GivenAnOpenAccount_WhenBillingStopsAndLaterAgain_ThenBothAreAnsweredWithTheFirstStopAndTheBalanceIsKeptUntilClosed()
    {
        var workspaceId = Guid.NewGuid();
        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });
        await Probe.WaitFor<BillingAccountOpened>(m => m.WorkspaceId == workspaceId, Timeout);

        await Probe.Publish(new StopBilling { WorkspaceId = workspaceId, StoppedAt = DeletionRequestedAt, Reason = "deleted" });

        var stopped = (await Stops(workspaceId, 1))[0];
        Assert.Equal((DeletionRequestedAt, false), (stopped.StoppedAt, stopped.AccountClosed));
        Assert.Equal(new BalanceDetails { Found = true, AmountMicros = 5_000_000, Currency = "USD", Closed = false }, await Balance(workspaceId));

        await Probe.Publish(new StopBilling { WorkspaceId = workspaceId, StoppedAt = DeletionRequestedAt.AddHours(1), Reason = "deleted" });

        var again = (await Stops(workspaceId, 2))[1];
        Assert.Equal(DeletionRequestedAt, again.StoppedAt);
        await Probe.Publish(new CloseBillingAccount { WorkspaceId = workspaceId, Reason = "deleted" });
        await Probe.WaitFor<BillingAccountClosed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.True((await Balance(workspaceId)).Closed);
    }

    [Fact]
    public async Task GivenNoAccount_WhenBillingStops_ThenItIsAnsweredAsClosedAndALateOpeningIsRefused()
    {
        var workspaceId = Guid.NewGuid();

        await Probe.Publish(new StopBilling { WorkspaceId = workspaceId, StoppedAt = DeletionRequestedAt, Reason = "deleted" });

        Assert.True((await Stops(workspaceId, 1))[0].AccountClosed);
        await Probe.Publish(new OpenBillingAccount { WorkspaceId = workspaceId, OwnerId = Guid.NewGuid() });
        await Probe.WaitFor<BillingAccountOpeningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.DoesNotContain(Probe.All<BillingAccountOpened>(), m => m.WorkspaceId == workspaceId);
    }
}
