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
/// workspace, or is scoped to the partner that billing recorded as the workspace's manager (<see cref="WorkspaceManager"/>).
/// The deliveries are written with the consumer's inbox entry in one transaction, with ids derived from
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
        var now = clock.GetUtcNow();
        var managingPartnerId = await ManagingPartnerAsync(context, session, eventType, now);
        var subscriptions = managingPartnerId is { } partnerId
            ? await session.Query<WebhookSubscription>()
                .Where(s => s.DeletedAt == null && s.EventTypes.Contains(eventType) && (s.WorkspaceIds.Contains(workspaceId) || s.PartnerId == partnerId))
                .ToListAsync(context.CancellationToken)
            : await session.Query<WebhookSubscription>()
                .Where(s => s.DeletedAt == null && s.EventTypes.Contains(eventType) && s.WorkspaceIds.Contains(workspaceId))
                .ToListAsync(context.CancellationToken);
        var eventId = context.MessageId!.Value;
        var occurredAt = OccurredAt(context.Message)
                         ?? (context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : now);
        var payload = WebhookPayload.Serialize(eventType, occurredAt, Data(context.Message));
        // The query is the filter; checking again in memory keeps a query translation slip from ever reaching another owner.
        foreach (var subscription in subscriptions.Where(s => s.Hears(eventType, workspaceId, managingPartnerId)))
            WebhookDeliveries.Schedule(session, new ScheduledDelivery(
                DeliveryId.For(subscription.Id, eventId), subscription.Id, eventId, eventType, workspaceId, payload, now));
    }

    /// <summary>How long an event waits (retried, then redelivered) for the WorkspaceCreated of its workspace.</summary>
    public static readonly TimeSpan ManagerGracePeriod = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The partner managing the event's workspace, as billing recorded it from WorkspaceCreated. While no record exists
    /// and a partner-scoped subscription asks for this type, the WorkspaceCreated may still be queued (billing consumes
    /// its queues independently): the event is retried, then redelivered, for <see cref="ManagerGracePeriod"/> or two
    /// redeliveries; after that it goes to the listed subscriptions only (a workspace older than the record), never to a partner's.
    /// </summary>
    static async Task<Guid?> ManagingPartnerAsync(ConsumeContext<TEvent> context, IDocumentSession session, string eventType, DateTimeOffset now)
    {
        var workspaceId = context.Message.WorkspaceId;
        if (await session.LoadAsync<WorkspaceManager>(workspaceId, context.CancellationToken) is { } manager)
            return manager.PartnerId;
        var partnerScoped = await session.Query<WebhookSubscription>()
            .AnyAsync(s => s.DeletedAt == null && s.PartnerId != null && s.EventTypes.Contains(eventType), context.CancellationToken);
        if (!partnerScoped)
            return null;
        var sentAt = context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : now;
        if (now - sentAt < ManagerGracePeriod && context.GetRedeliveryCount() < 2)
            throw new WorkspaceManagerNotKnownYet(workspaceId);
        LogContext.Warning?.Log("No WorkspaceCreated of workspace {WorkspaceId} was recorded; {EventType} goes to no partner-scoped subscription",
            workspaceId, eventType);
        return null;
    }
}

/// <summary>The WorkspaceCreated of a workspace has not been recorded yet; the event is tried again later.</summary>
public sealed class WorkspaceManagerNotKnownYet(Guid workspaceId)
    : Exception($"Billing has not recorded who manages workspace {workspaceId} yet (its WorkspaceCreated is still queued).");

/// <summary>Records who manages each workspace (billing's own copy of WorkspaceCreated.ManagedByPartnerId), once per message.</summary>
public sealed class RecordWorkspaceManager(IDocumentStore store, TimeProvider clock) : IdempotentConsumer<WorkspaceCreated>(store)
{
    protected override async Task Handle(ConsumeContext<WorkspaceCreated> context, IDocumentSession session)
    {
        // A workspace's manager is set at creation and never changes: the first record stays.
        if (await session.LoadAsync<WorkspaceManager>(context.Message.WorkspaceId, context.CancellationToken) is null)
            session.Insert(new WorkspaceManager(context.Message.WorkspaceId, context.Message.ManagedByPartnerId, clock.GetUtcNow()));
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

/// <summary>The ledger events carry no currency (the account's currency is in billing.account.opened).</summary>
public sealed class BillingAccountCreditedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<BillingAccountCredited>(store, clock)
{
    protected override string EventType => WebhookEventTypes.BillingAccountCredited;
    protected override DateTimeOffset? OccurredAt(BillingAccountCredited message) => message.CreditedAt;
    protected override object Data(BillingAccountCredited message) => new
    {
        message.WorkspaceId,
        message.AmountMicros,
        Amount = WebhookPayload.Amount(message.AmountMicros),
        message.Reason,
        message.CreditedAt,
    };
}

public sealed class BillingAccountDebitedWebhooks(IDocumentStore store, TimeProvider clock) : WebhookFanOut<BillingAccountDebited>(store, clock)
{
    protected override string EventType => WebhookEventTypes.BillingAccountDebited;
    protected override DateTimeOffset? OccurredAt(BillingAccountDebited message) => message.DebitedAt;
    protected override object Data(BillingAccountDebited message) => new
    {
        message.WorkspaceId,
        message.AmountMicros,
        Amount = WebhookPayload.Amount(message.AmountMicros),
        message.Reason,
        message.DebitedAt,
    };
}
