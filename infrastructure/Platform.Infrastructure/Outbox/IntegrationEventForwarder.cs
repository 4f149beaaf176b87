using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Platform.Infrastructure.Observability;
using Platform.Infrastructure.Persistence;

namespace Platform.Infrastructure.Outbox;

/// <summary>Maps a committed domain event to the integration message to publish, or null when it stays inside.</summary>
public interface IIntegrationEventMap
{
    object? ToIntegrationMessage(IEvent committed);
}

/// <summary>
/// The outbox: a Marten subscription over the committed event log that publishes integration messages
/// with MessageId = event id. Publishing is retried until the broker takes it, so the subscription's
/// position only moves past events that were published; a crash resumes from the last position.
/// </summary>
public sealed class IntegrationEventForwarder : SubscriptionBase
{
    public const string SubscriptionId = "integration-events";
    public const string WorkspaceIdHeader = "Platform-WorkspaceId";

    readonly IIntegrationEventMap _map;
    readonly IBusControl _bus;
    readonly ILogger<IntegrationEventForwarder> _logger;

    public IntegrationEventForwarder(IIntegrationEventMap map, IBusControl bus, ILogger<IntegrationEventForwarder> logger)
    {
        _map = map;
        _bus = bus;
        _logger = logger;
        Name = SubscriptionId;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        // Until the bus has started, this service's own queues may not be bound to their exchanges yet, and a message
        // the broker accepts now would be routed nowhere (lost, while the position moves past its event).
        await _bus.WaitForHealthStatus(BusHealthStatus.Healthy, cancellationToken);
        // The page's messages go out concurrently (one confirm round-trip per page, not per event); the position
        // moves past the page only when every one of them was accepted. Consumers never relied on publish order:
        // they run concurrently, and a replayed page is deduplicated by their inboxes.
        var outgoing = page.Events
            .Select(committed => (Committed: committed, Message: _map.ToIntegrationMessage(committed)))
            .Where(x => x.Message is not null);
        await Parallel.ForEachAsync(outgoing, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            (x, ct) => new ValueTask(PublishUntilAccepted(x.Committed, x.Message!, ct)));
        return NullChangeListener.Instance;
    }

    async Task PublishUntilAccepted(IEvent committed, object message, CancellationToken cancellationToken)
    {
        // The message joins the trace of the request that appended its event (MassTransit carries it on from here).
        using var activity = Tracing.StartPublishActivity(committed, message.GetType());
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attempt.CancelAfter(TimeSpan.FromSeconds(10));
                await _bus.Publish(message, message.GetType(), context =>
                {
                    context.MessageId = committed.Id;
                    if (Guid.TryParse(committed.CorrelationId, out var correlationId))
                        context.CorrelationId = correlationId;
                    if (committed.TenantId != EventStore.PlatformTenant)
                        context.Headers.Set(WorkspaceIdHeader, committed.TenantId);
                }, attempt.Token);
                _logger.LogDebug("Published {MessageType} for event {EventId}", message.GetType().Name, committed.Id);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                _logger.LogWarning(ex, "Publishing {MessageType} for event {EventId} failed; retrying in {Delay}",
                    message.GetType().Name, committed.Id, delay);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }
}
