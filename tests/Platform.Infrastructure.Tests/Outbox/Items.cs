using JasperFx.Events;
using Platform.Contracts;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Outbox;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Outbox;

/// <summary>The stream type of the test's domain events.</summary>
public sealed record ItemLedger(Guid Id);

/// <summary>Domain event: stays in the service's event store.</summary>
public sealed record ItemRecorded(Guid LedgerId, int Number);

/// <summary>Integration message the forwarder publishes for every <see cref="ItemRecorded"/>.</summary>
public sealed record ItemAnnounced : IWorkspaceMessage
{
    public Guid WorkspaceId { get; init; }
    public int Number { get; init; }
}

public sealed class ItemEventMap : IIntegrationEventMap
{
    public object? ToIntegrationMessage(IEvent committed) => committed.Data is ItemRecorded recorded
        ? new ItemAnnounced { WorkspaceId = Guid.Parse(committed.TenantId), Number = recorded.Number }
        : null;
}

/// <summary>One row per effective handling, so a message handled twice shows up twice.</summary>
public sealed record ItemEffect(Guid Id, Guid MessageId, Guid WorkspaceId, int Number);

public sealed class ItemAnnouncedConsumer(IDocumentStore store) : IdempotentConsumer<ItemAnnounced>(store)
{
    protected override Task Handle(ConsumeContext<ItemAnnounced> context, IDocumentSession session)
    {
        session.Insert(new ItemEffect(Guid.NewGuid(), context.MessageId!.Value, context.Message.WorkspaceId, context.Message.Number));
        return Task.CompletedTask;
    }
}

/// <summary>The items service: records items as events and consumes its own announcements.</summary>
public static class ItemsService
{
    public static void Configure(Platform.Infrastructure.Hosting.PlatformServiceBuilder service) => service
        .Store(o =>
        {
            o.Events.AddEventType<ItemRecorded>();
            o.Schema.For<ItemEffect>();
        })
        .Messaging(x => x.AddConsumer<ItemAnnouncedConsumer>())
        .PublishEvents<ItemEventMap>();

    /// <summary>Commits <paramref name="count"/> events in one workspace and returns their ids in order.</summary>
    public static async Task<IReadOnlyList<Guid>> RecordItemsAsync(IDocumentStore store, Guid workspaceId, int firstNumber, int count)
    {
        var ledgerId = Guid.NewGuid();
        await using (var session = store.LightweightSession(Persistence.EventStore.TenantOf(workspaceId)))
        {
            session.Events.StartStream<ItemLedger>(ledgerId,
                Enumerable.Range(firstNumber, count).Select(n => (object)new ItemRecorded(ledgerId, n)).ToArray());
            await session.SaveChangesAsync();
        }
        await using var query = store.QuerySession(Persistence.EventStore.TenantOf(workspaceId));
        var events = await query.Events.FetchStreamAsync(ledgerId);
        return events.Select(e => e.Id).ToList();
    }

    public static async Task<IReadOnlyList<ItemEffect>> EffectsAsync(IDocumentStore store, Guid workspaceId)
    {
        await using var query = store.QuerySession();
        return await query.Query<ItemEffect>().Where(e => e.WorkspaceId == workspaceId).ToListAsync();
    }

    /// <summary>
    /// True once nothing more can arrive: the forwarder has passed every committed event (so each was published),
    /// the consumer's queue is empty and no delivery is being consumed.
    /// </summary>
    public static async Task<bool> QuietAsync(TestService service, WebApplication app)
    {
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var statistics = await store.Advanced.FetchEventStoreStatistics();
        var progress = await store.Advanced.AllProjectionProgress();
        var forwarded = progress.Where(p => p.ShardName.StartsWith(IntegrationEventForwarder.SubscriptionId)).Select(p => p.Sequence)
            .DefaultIfEmpty(0).Max();
        return forwarded >= statistics.EventSequenceNumber
               && await service.ReadyMessagesAsync(service.EndpointNames.Consumer<ItemAnnouncedConsumer>()) == 0
               && app.Services.GetRequiredService<DeliveryLog>().InFlight == 0;
    }
}
