using Platform.Infrastructure.Sagas;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Sagas;

public sealed class PairingService() : ServiceFixture("saga-pairing");

public sealed class MartenSagaRepositoryTests(PairingService fixture) : IClassFixture<PairingService>, IAsyncLifetime
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    readonly TestService _service = fixture.Service;
    WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await _service.StartAsync(s => s.Messaging(x =>
        {
            x.AddSagaStateMachine<PairingStateMachine, PairingState>().MartenRepository().Endpoint(e =>
            {
                e.ConcurrentMessageLimit = 4;
                e.PrefetchCount = 8;
            });
        }));
        await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Deadline);
    }

    public Task DisposeAsync() => _app.StopAndDisposeAsync();

    [Fact]
    public async Task GivenOpenPairing_WhenBothHalvesArriveConcurrently_ThenBothAreAppliedAfterAConcurrencyRetry()
    {
        var pairingId = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        await bus.Publish(new PairingOpened { PairingId = pairingId });
        await Eventually.Until(() => LoadAsync(pairingId), s => s?.CurrentState == "Open", Deadline, "the pairing to open");

        await Task.WhenAll(
            bus.Publish(new LeftArrived { PairingId = pairingId }),
            bus.Publish(new RightArrived { PairingId = pairingId }));

        var pairing = await Eventually.Until(() => LoadAsync(pairingId), s => s is { LeftArrived: true, RightArrived: true }, Deadline,
            "both halves to be applied");
        Assert.Equal("Open", pairing!.CurrentState);
        Assert.True(PairingStateMachine.Retries.GetValueOrDefault(pairingId) >= 1,
            "the two steps ran in parallel, so one of them should have lost the race and been retried");
    }

    [Fact]
    public async Task GivenOpenPairing_WhenHalvesArriveOneAfterTheOther_ThenBothAreAppliedWithoutRetry()
    {
        var pairingId = Guid.NewGuid();
        var bus = _app.Services.GetRequiredService<IBus>();
        await bus.Publish(new PairingOpened { PairingId = pairingId });
        await Eventually.Until(() => LoadAsync(pairingId), s => s?.CurrentState == "Open", Deadline, "the pairing to open");

        await bus.Publish(new LeftArrived { PairingId = pairingId });
        await Eventually.Until(() => LoadAsync(pairingId), s => s?.LeftArrived == true, Deadline, "the left half");
        await bus.Publish(new RightArrived { PairingId = pairingId });

        var pairing = await Eventually.Until(() => LoadAsync(pairingId), s => s?.RightArrived == true, Deadline, "the right half");
        Assert.True(pairing!.LeftArrived);
        Assert.Equal(0, PairingStateMachine.Retries.GetValueOrDefault(pairingId));
    }

    async Task<PairingState?> LoadAsync(Guid pairingId)
    {
        await using var query = _app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.LoadAsync<PairingState>(pairingId);
    }
}
