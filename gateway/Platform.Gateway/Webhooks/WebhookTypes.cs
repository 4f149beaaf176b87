using System.ComponentModel;
using GraphQL.Types;
using Platform.Contracts.Billing;
using Platform.Gateway.Connections;

namespace Platform.Gateway.Webhooks;

/// <summary>Whether a subscription still receives events.</summary>
public enum WebhookSubscriptionStatus
{
    [Description("Receives the events it asked for.")]
    Active,

    [Description("Deleted: receives nothing more; pending deliveries were cancelled.")]
    Deleted,
}

public sealed class WebhookSubscriptionStatusType : EnumerationGraphType<WebhookSubscriptionStatus>
{
    public WebhookSubscriptionStatusType()
    {
        Name = "WebhookSubscriptionStatus";
        Description = "Whether a webhook subscription receives events: ACTIVE or DELETED.";
    }
}

/// <summary>How one delivery of one event went.</summary>
public enum WebhookDeliveryStatus
{
    [Description("Waiting for its first attempt or for a retry.")]
    Pending,

    [Description("The endpoint answered 2xx.")]
    Delivered,

    [Description("Every attempt of the retry schedule failed; it is not tried again.")]
    Failed,

    [Description("The subscription was deleted before the delivery succeeded.")]
    Cancelled,
}

public sealed class WebhookDeliveryStatusType : EnumerationGraphType<WebhookDeliveryStatus>
{
    public WebhookDeliveryStatusType()
    {
        Name = "WebhookDeliveryStatus";
        Description = "How a webhook delivery went: PENDING, DELIVERED, FAILED or CANCELLED.";
    }
}

/// <summary>One delivery of an event to a subscription.</summary>
public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDeliveryDetails>
{
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Description = "One event sent (or being sent) to a webhook subscription, with how its attempts went.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id")
            .Description("The delivery id, sent as the webhook-id header: the same on every retry, so a receiver can drop duplicates.")
            .Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("eventType").Description("The event type, e.g. workspace.activated.").Resolve(c => c.Source.EventType);
        Field<NonNullGraphType<IdGraphType>, Guid>("workspaceId").Description("The workspace the event is about.").Resolve(c => c.Source.WorkspaceId);
        Field<NonNullGraphType<WebhookDeliveryStatusType>, WebhookDeliveryStatus>("status").Description("PENDING, DELIVERED, FAILED or CANCELLED.")
            .Resolve(c => Enum.TryParse<WebhookDeliveryStatus>(c.Source.Status, true, out var s) ? s : WebhookDeliveryStatus.Pending);
        Field<NonNullGraphType<IntGraphType>, int>("attempts").Description("How many POSTs were made so far.").Resolve(c => c.Source.Attempts);
        Field<IntGraphType, int?>("lastResponseStatus").Description("The HTTP status of the last attempt; null when none answered.")
            .Resolve(c => c.Source.LastResponseStatus);
        Field<StringGraphType, string?>("lastError").Description("Why the last attempt failed, in words (never the response body); null otherwise.")
            .Resolve(c => c.Source.LastError);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt").Description("When the event was scheduled for this subscription (ISO 8601).")
            .Resolve(c => c.Source.CreatedAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("lastAttemptAt").Description("When the last attempt was made; null before the first.")
            .Resolve(c => c.Source.LastAttemptAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("nextAttemptAt").Description("When the next attempt is due (PENDING only).")
            .Resolve(c => c.Source.NextAttemptAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("deliveredAt").Description("When the endpoint answered 2xx; null otherwise.")
            .Resolve(c => c.Source.DeliveredAt);
    }

    public static CursorKey CursorKey(WebhookDeliveryDetails delivery) => new(delivery.CreatedAt, delivery.Id);
}

/// <summary>A partner's webhook subscription; never its signing secret.</summary>
public sealed class WebhookSubscriptionType : ObjectGraphType<WebhookSubscriptionDetails>
{
    public WebhookSubscriptionType()
    {
        Name = "WebhookSubscription";
        Description = "Where and which events of the partner's customer workspaces are POSTed (Standard Webhooks, signed with the secret shown " +
                      "once by createWebhookSubscription). It hears every workspace the partner manages, including those created later.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The subscription's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("url").Description("Where events are POSTed.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, IReadOnlyList<string>>("eventTypes")
            .Description("The event types it receives (see webhookEventTypes).").Resolve(c => c.Source.EventTypes);
        Field<StringGraphType, string?>("description").Description("Free text for the partner.").Resolve(c => c.Source.Description);
        Field<NonNullGraphType<WebhookSubscriptionStatusType>, WebhookSubscriptionStatus>("status").Description("ACTIVE or DELETED.")
            .Resolve(c => Enum.TryParse<WebhookSubscriptionStatus>(c.Source.Status, true, out var s) ? s : WebhookSubscriptionStatus.Active);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt").Description("When it was created (ISO 8601).")
            .Resolve(c => c.Source.CreatedAt);
        this.GatedConnectionField<WebhookSubscriptionDetails, WebhookDeliveryType, WebhookDeliveryDetails>("deliveries")
            .Description("The deliveries of this subscription, newest first, with how their attempts went. Same access as webhookSubscriptions.")
            .ResolveAsync(async c => await WebhookFields.DeliveriesAsync(c));
    }

    public static CursorKey CursorKey(WebhookSubscriptionDetails subscription) => new(subscription.CreatedAt, subscription.Id);
}
