using Marten;
using MassTransit;
using Platform.Billing.Webhooks;
using Platform.Contracts;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>
/// Turns one integration event into one delivery per active subscription that asked for its type and names its
/// workspace. The deliveries are written with the consumer's inbox entry in one transaction, with ids derived from
/// (subscription, MessageId): a redelivered event creates nothing new.
/// </summary>
public abstract class WebhookFanOut<TEvent>(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<TEvent>(store)
    where TEvent : class, IWorkspaceMessage
{
    protected abstract string EventType { get; }

    /// <summary>When the event happened, when the message says so (otherwise when it was sent).</summary>
    protected virtual DateTimeOffset? OccurredAt(TEvent message) => null;

    /// <summary>The "data" object of the payload; property names become camelCase.</summary>
    protected abstract object Data(TEvent message);

    protected override async Task Handle(ConsumeContext<TEvent> context, IDocumentSession session)
    {
        var eventType = EventType;
        var workspaceId = context.Message.WorkspaceId;
        var subscriptions = await session.Query<WebhookSubscription>()
            .Where(s => s.DeletedAt == null && s.EventTypes.Contains(eventType) && s.WorkspaceIds.Contains(workspaceId))
            .ToListAsync(context.CancellationToken);
        var now = clock.GetUtcNow();
        var eventId = context.MessageId!.Value;
        var occurredAt = OccurredAt(context.Message)
                         ?? (context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : now);
        var payload = WebhookPayload.Serialize(eventType, occurredAt, Data(context.Message));
        // The query is the filter; checking again in memory keeps a query translation slip from ever reaching another owner.
        foreach (var subscription in subscriptions.Where(s => s.Hears(eventType, workspaceId)))
            WebhookDeliveries.Schedule(session, new ScheduledDelivery(
                DeliveryId.For(subscription.Id, eventId), subscription.Id, eventId, eventType, workspaceId, payload, now));
    }
}

public sealed class WorkspaceActivatedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<WorkspaceActivated>(store, clock)
{
    protected override string EventType => WebhookEventTypes.WorkspaceActivated;
    protected override DateTimeOffset? OccurredAt(WorkspaceActivated message) => message.ActivatedAt;
    protected override object Data(WorkspaceActivated message) => new { message.WorkspaceId, message.ActivatedAt };
}

public sealed class WorkspaceFailedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<WorkspaceFailed>(store, clock)
{
    protected override string EventType => WebhookEventTypes.WorkspaceFailed;
    protected override DateTimeOffset? OccurredAt(WorkspaceFailed message) => message.FailedAt;
    protected override object Data(WorkspaceFailed message) => new { message.WorkspaceId, message.Reason, message.FailedAt };
}

public sealed class BillingAccountOpenedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<BillingAccountOpened>(store, clock)
{
    protected override string EventType => WebhookEventTypes.BillingAccountOpened;
    protected override object Data(BillingAccountOpened message) => new
    {
        message.WorkspaceId,
        message.Currency,
        WelcomeCredit = WebhookPayload.Money(message.WelcomeCreditMicros, message.Currency),
    };
}

public sealed class BillingAccountClosedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<BillingAccountClosed>(store, clock)
{
    protected override string EventType => WebhookEventTypes.BillingAccountClosed;
    protected override object Data(BillingAccountClosed message) => new { message.WorkspaceId };
}
