using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Outbox;

public sealed class OutboxService() : ServiceFixture("outbox-items");

public sealed class OutboxTests(OutboxService fixture) : IClassFixture<OutboxService>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    readonly TestService _service = fixture.Service;

    [Fact]
    public async Task GivenEventsCommittedWhileTheServiceWasDown_WhenItStarts_ThenEachIsConsumedOnceUnderItsEventId()
    {
        var workspaceId = Guid.NewGuid();
        var app = _service.Build(ItemsService.Configure);
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var eventIds = await ItemsService.RecordItemsAsync(store, workspaceId, firstNumber: 1, count: 50);

        await app.StartAsync();
        try
        {
            await Eventually.Until(() => ItemsService.EffectsAsync(store, workspaceId), e => e.Count >= 50, Deadline,
                "an effect for each of the 50 events");
            await Eventually.Until(() => ItemsService.QuietAsync(_service, app), Deadline, "the forwarder and consumer to go quiet");

            var effects = await ItemsService.EffectsAsync(store, workspaceId);
            Assert.Equal(50, effects.Count);
            Assert.Equal(eventIds.Order(), effects.Select(e => e.MessageId).Order());
            Assert.Equal(Enumerable.Range(1, 50), effects.Select(e => e.Number).Order());
        }
        finally
        {
            await app.StopAndDisposeAsync();
        }
    }
}
