namespace Platform.Contracts.Billing;

// Webhook subscriptions and their deliveries, kept by the billing service and managed by partners and users
// through the gateway. A subscription belongs to an owner (a partner id or a user id, as the gateway names them)
// and hears either the workspaces listed in its WorkspaceIds (the gateway fills that list with workspaces the owner is
// entitled to) or, when it is scoped to a partner (PartnerId), every workspace that partner manages, now and later:
// billing keeps its own "workspace → managing partner" record from the tenant's WorkspaceCreated events. Billing never
// delivers an event of a workspace outside a subscription's scope.
//
// Deliveries follow Standard Webhooks (https://www.standardwebhooks.com): an HTTP POST of
//   { "type": "workspace.activated", "timestamp": "2026-01-01T12:00:00.000Z", "data": { "workspaceId": "...", ... } }
// with the headers webhook-id (the delivery id, the same on every retry), webhook-timestamp (unix seconds of the
// attempt) and webhook-signature ("v1," + base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the
// base64-decoded part of the signing secret after "whsec_").

/// <summary>The catalogue of webhook event types a subscription can ask for.</summary>
public static class WebhookEventTypes
{
    /// <summary>A workspace finished onboarding. data: workspaceId, activatedAt.</summary>
    public const string WorkspaceActivated = "workspace.activated";

    /// <summary>A workspace's onboarding failed and was undone. data: workspaceId, reason, failedAt.</summary>
    public const string WorkspaceFailed = "workspace.failed";

    /// <summary>A workspace was suspended for debt (delivered once the debt lifecycle publishes it).</summary>
    public const string WorkspaceSuspended = "workspace.suspended";

    /// <summary>An app finished installing (delivered once the app store publishes it).</summary>
    public const string AppInstalled = "app.installed";

    /// <summary>An app installation failed (delivered once the app store publishes it).</summary>
    public const string AppFailed = "app.failed";

    /// <summary>A workspace's billing account was opened. data: workspaceId, currency, welcomeCredit { amount, currency }.</summary>
    public const string BillingAccountOpened = "billing.account.opened";

    /// <summary>A workspace's billing account was closed. data: workspaceId.</summary>
    public const string BillingAccountClosed = "billing.account.closed";

    /// <summary>Money was added to an account. data: workspaceId, amountMicros, amount (decimal string), reason, creditedAt.</summary>
    public const string BillingAccountCredited = "billing.account.credited";

    /// <summary>Money was taken from an account. data: workspaceId, amountMicros, amount (decimal string), reason, debitedAt.</summary>
    public const string BillingAccountDebited = "billing.account.debited";

    public static readonly IReadOnlyList<string> All =
    [
        WorkspaceActivated, WorkspaceFailed, WorkspaceSuspended, AppInstalled, AppFailed,
        BillingAccountOpened, BillingAccountClosed, BillingAccountCredited, BillingAccountDebited,
    ];

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);
}

/// <summary>The states of a webhook subscription; a deleted one is never listed nor delivered to again.</summary>
public static class WebhookSubscriptionStatuses
{
    public const string Active = "ACTIVE";
    public const string Deleted = "DELETED";
}

/// <summary>The states of one delivery of one event to one subscription.</summary>
public static class WebhookDeliveryStatuses
{
    /// <summary>Waiting for its first attempt or for a retry at NextAttemptAt.</summary>
    public const string Pending = "PENDING";

    /// <summary>The endpoint answered 2xx.</summary>
    public const string Delivered = "DELIVERED";

    /// <summary>Every attempt of the retry schedule failed; it is not tried again.</summary>
    public const string Failed = "FAILED";

    /// <summary>The subscription was deleted before the delivery succeeded.</summary>
    public const string Cancelled = "CANCELLED";
}

/// <summary>The codes of <see cref="UserError"/>s the webhook requests answer with.</summary>
public static class WebhookErrorCodes
{
    /// <summary>The URL is not an absolute https URL (http only to 127.0.0.1/localhost where allowed), has credentials or is too long.</summary>
    public const string InvalidUrl = "INVALID_URL";

    /// <summary>
    /// The URL's host is a private, loopback or link-local address (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16 with
    /// the cloud metadata service, ::1, fc00::/7, fe80::/10, 0.0.0.0, ...) or an internal name (localhost, *.local,
    /// *.internal, a name without a dot), unless Platform:Webhooks:AllowPrivateTargets is on.
    /// </summary>
    public const string UrlNotAllowed = "URL_NOT_ALLOWED";

    /// <summary>An event type is not in <see cref="WebhookEventTypes.All"/>, or none was given.</summary>
    public const string InvalidEventType = "INVALID_EVENT_TYPE";

    /// <summary>WorkspaceIds is empty or too long (and no PartnerId), or both WorkspaceIds and PartnerId were given.</summary>
    public const string InvalidWorkspaceScope = "INVALID_WORKSPACE_SCOPE";

    /// <summary>The description is too long.</summary>
    public const string InvalidDescription = "INVALID_DESCRIPTION";

    /// <summary>The owner already has the maximum number of active subscriptions.</summary>
    public const string TooManySubscriptions = "TOO_MANY_SUBSCRIPTIONS";

    /// <summary>No such subscription of this owner (another owner's subscription is not found either).</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>Neither or both of First and Last, or a page size outside 1..100.</summary>
    public const string InvalidPagination = "INVALID_PAGINATION";

    /// <summary>An After/Before cursor that this list did not hand out.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";

    /// <summary>OwnerId is empty or too long.</summary>
    public const string InvalidOwner = "INVALID_OWNER";
}

/// <summary>
/// The cursors of the webhook lists: base64url of an item's (CreatedAt, Id), opaque to API callers. Here so that the
/// gateway can turn its own cursors into billing's without knowing the format.
/// </summary>
public static class WebhookCursors
{
    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.ASCII.GetBytes(
            $"{createdAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{id:N}"));

    /// <summary>The key of a cursor <see cref="Encode"/> made; null for anything else.</summary>
    public static (DateTimeOffset CreatedAt, Guid Id)? Decode(string cursor)
    {
        try
        {
            var parts = System.Text.Encoding.ASCII.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor)).Split(':');
            return parts.Length == 2
                   && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                   && ticks is >= 0 and <= 3155378975999999999 && Guid.TryParseExact(parts[1], "N", out var id)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// Request: subscribe <see cref="Url"/> to <see cref="EventTypes"/> of the workspaces <see cref="WorkspaceIds"/>, or of
/// every workspace the partner <see cref="PartnerId"/> manages (give one of the two).
/// The gateway passes the owner and the workspaces (or the partner) the owner is entitled to; the answer is a
/// <see cref="CreateWebhookSubscriptionResult"/> carrying the signing secret, which is never shown again.
/// Safe to retry: while the owner has an active subscription with the same URL, event types and scope, a create answers
/// with that subscription instead of creating a second one — with its signing secret only when the same requester
/// (<see cref="RequestedBy"/>) created it — and a redelivered request (same MessageId) answers with the subscription it created.
/// </summary>
public sealed record CreateWebhookSubscription
{
    /// <summary>Who owns the subscription: a partner id or a user id, as the gateway names callers (at most 200 characters).</summary>
    public required string OwnerId { get; init; }

    /// <summary>
    /// Where events are POSTed: https to a public host (URL_NOT_ALLOWED for private addresses and internal names unless
    /// Platform:Webhooks:AllowPrivateTargets is on), or http to 127.0.0.1/localhost where Platform:Webhooks:AllowInsecureLoopback
    /// (and AllowPrivateTargets) is on.
    /// </summary>
    public required string Url { get; init; }

    /// <summary>One or more of <see cref="WebhookEventTypes.All"/>; duplicates are ignored.</summary>
    public required IReadOnlyList<string> EventTypes { get; init; }

    /// <summary>
    /// The workspaces whose events this subscription hears (one or more, at most 1,000), when it is not scoped to a
    /// partner. The gateway fills it with workspaces the owner may see (a user's workspaces); events of any other
    /// workspace are never delivered to this subscription.
    /// </summary>
    public IReadOnlyList<Guid> WorkspaceIds { get; init; } = [];

    /// <summary>
    /// Scope the subscription to a partner instead of a list: it hears every workspace this partner manages
    /// (WorkspaceCreated.ManagedByPartnerId), including those created after the subscription. The gateway sets it only
    /// for a caller entitled to the partner; WorkspaceIds must then be empty.
    /// </summary>
    public Guid? PartnerId { get; init; }

    /// <summary>Free text for the owner (at most 500 characters).</summary>
    public string? Description { get; init; }

    /// <summary>
    /// Who asks, as the gateway names callers ("key:&lt;id&gt;", "user:&lt;id&gt;"): a create that finds the same subscription
    /// already there repeats its signing secret only to whoever created it, never to another member or key of the owner.
    /// </summary>
    public string? RequestedBy { get; init; }
}

/// <summary>Response to <see cref="CreateWebhookSubscription"/>: the subscription and its secret, or errors.</summary>
public sealed record CreateWebhookSubscriptionResult
{
    public WebhookSubscriptionDetails? Subscription { get; init; }

    /// <summary>The Standard Webhooks signing secret ("whsec_" + base64 of 32 random bytes); shown only in this response.</summary>
    public string? SigningSecret { get; init; }

    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>A webhook subscription as its owner sees it; never carries the signing secret.</summary>
public sealed record WebhookSubscriptionDetails
{
    public Guid Id { get; init; }
    public string OwnerId { get; init; } = "";
    public string Url { get; init; } = "";
    public IReadOnlyList<string> EventTypes { get; init; } = [];
    public IReadOnlyList<Guid> WorkspaceIds { get; init; } = [];

    /// <summary>The partner whose managed workspaces the subscription hears; null for a subscription to WorkspaceIds.</summary>
    public Guid? PartnerId { get; init; }
    public string? Description { get; init; }

    /// <summary>One of <see cref="WebhookSubscriptionStatuses"/>.</summary>
    public string Status { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Request: a page of the owner's active subscriptions ordered by (CreatedAt, Id). Give First (with After) to page
/// forwards or Last (with Before) to page backwards, 1..100 items. Cursors are opaque and stay valid while items
/// are added or deleted.
/// </summary>
public sealed record ListWebhookSubscriptions
{
    public required string OwnerId { get; init; }
    public int? First { get; init; }
    public string? After { get; init; }
    public int? Last { get; init; }
    public string? Before { get; init; }
}

/// <summary>One subscription of a page with the cursor that points at it.</summary>
public sealed record WebhookSubscriptionEdge
{
    public required string Cursor { get; init; }
    public required WebhookSubscriptionDetails Node { get; init; }
}

/// <summary>Relay page information of a list.</summary>
public sealed record WebhookPageInfo
{
    public bool HasNextPage { get; init; }
    public bool HasPreviousPage { get; init; }
    public string? StartCursor { get; init; }
    public string? EndCursor { get; init; }
}

/// <summary>Response to <see cref="ListWebhookSubscriptions"/>; TotalCount counts all the owner's active subscriptions.</summary>
public sealed record WebhookSubscriptionPage
{
    public IReadOnlyList<WebhookSubscriptionEdge> Edges { get; init; } = [];
    public WebhookPageInfo PageInfo { get; init; } = new();
    public int TotalCount { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: delete a subscription of the owner; pending deliveries of it are cancelled.</summary>
public sealed record DeleteWebhookSubscription
{
    public required string OwnerId { get; init; }
    public required Guid SubscriptionId { get; init; }
}

/// <summary>Response to <see cref="DeleteWebhookSubscription"/>: the deleted id, or NOT_FOUND (also for another owner's subscription).</summary>
public sealed record DeleteWebhookSubscriptionResult
{
    public Guid? DeletedSubscriptionId { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>
/// Request: the deliveries of one of the owner's subscriptions, newest first (ordered by CreatedAt, Id descending);
/// First/After or Last/Before as in <see cref="ListWebhookSubscriptions"/>. Deliveries of a deleted subscription
/// can still be read.
/// </summary>
public sealed record ListWebhookDeliveries
{
    public required string OwnerId { get; init; }
    public required Guid SubscriptionId { get; init; }
    public int? First { get; init; }
    public string? After { get; init; }
    public int? Last { get; init; }
    public string? Before { get; init; }
}

/// <summary>One delivery of an event to a subscription and how its attempts went.</summary>
public sealed record WebhookDeliveryDetails
{
    /// <summary>The delivery id, sent as webhook-id: derived from (subscription, event), the same on every retry.</summary>
    public Guid Id { get; init; }
    public Guid SubscriptionId { get; init; }

    /// <summary>The id of the integration event that caused it.</summary>
    public Guid EventId { get; init; }
    public string EventType { get; init; } = "";
    public Guid WorkspaceId { get; init; }

    /// <summary>One of <see cref="WebhookDeliveryStatuses"/>.</summary>
    public string Status { get; init; } = "";
    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>When the next attempt is due (PENDING only).</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>The HTTP status of the last attempt, when the endpoint answered.</summary>
    public int? LastResponseStatus { get; init; }

    /// <summary>Why the last attempt failed, in words (never the response body).</summary>
    public string? LastError { get; init; }
}

/// <summary>One delivery of a page with its cursor.</summary>
public sealed record WebhookDeliveryEdge
{
    public required string Cursor { get; init; }
    public required WebhookDeliveryDetails Node { get; init; }
}

/// <summary>Response to <see cref="ListWebhookDeliveries"/>: Found is false when the owner has no such subscription.</summary>
public sealed record WebhookDeliveryPage
{
    public bool Found { get; init; }
    public IReadOnlyList<WebhookDeliveryEdge> Edges { get; init; } = [];
    public WebhookPageInfo PageInfo { get; init; } = new();
    public int TotalCount { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}
