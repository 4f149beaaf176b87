using Npgsql;
using Platform.Infrastructure.Outbox;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Outbox;

public sealed class OutboxRestartService() : ServiceFixture("outbox-restart");

public sealed class OutboxRestartTests(OutboxRestartService fixture) : IClassFixture<OutboxRestartService>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    readonly TestService _service = fixture.Service;

    [Fact]
    public async Task GivenHostStoppedMidWayBeforeSavingItsPosition_WhenANewHostStarts_ThenNoEventHasASecondEffectAndNoneIsMissing()
    {
        var workspaceId = Guid.NewGuid();
        var first = _service.Build(ItemsService.Configure);
        var firstStore = first.Services.GetRequiredService<IDocumentStore>();
        var firstHalf = await ItemsService.RecordItemsAsync(firstStore, workspaceId, firstNumber: 1, count: 25);
        await first.StartAsync();
        await Eventually.Until(() => ItemsService.EffectsAsync(firstStore, workspaceId), e => e.Count >= 25, Deadline,
            "the first host to handle the first 25 events");
        var firstDeliveries = first.Services.GetRequiredService<DeliveryLog>().Consumed<ItemAnnounced>();
        await first.StopAndDisposeAsync();

        var second = _service.Build(ItemsService.Configure);
        var store = second.Services.GetRequiredService<IDocumentStore>();
        var secondHalf = await ItemsService.RecordItemsAsync(store, workspaceId, firstNumber: 26, count: 25);
        // The first host died after publishing but before its subscription saved any position: the next one republishes.
        await ForgetForwarderPositionAsync();
        await second.StartAsync();
        try
        {
            await Eventually.Until(() => ItemsService.EffectsAsync(store, workspaceId), e => e.Count >= 50, Deadline,
                "an effect for each of the 50 events");
            await Eventually.Until(() => ItemsService.QuietAsync(_service, second), Deadline, "the forwarder and consumer to go quiet");

            var effects = await ItemsService.EffectsAsync(store, workspaceId);
            Assert.Equal(50, effects.Count);
            Assert.Equal(firstHalf.Concat(secondHalf).Order(), effects.Select(e => e.MessageId).Order());
            var republished = firstDeliveries + second.Services.GetRequiredService<DeliveryLog>().Consumed<ItemAnnounced>() - 50;
            Assert.True(republished >= 25, $"the first 25 events should have been delivered again, but {republished} duplicates were");
        }
        finally
        {
            await second.StopAndDisposeAsync();
        }
    }

    async Task ForgetForwarderPositionAsync()
    {
        await using var connection = new NpgsqlConnection(_service.Postgres);
        await connection.OpenAsync();
        var schema = _service.Name.Replace('-', '_');
        await using var command = new NpgsqlCommand(
            $"delete from {schema}.mt_event_progression where name like @name", connection);
        command.Parameters.AddWithValue("name", IntegrationEventForwarder.SubscriptionId + "%");
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
