using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Billing;

namespace Platform.Gateway.Tests;

/// <summary>
/// The fake billing's webhook subscriptions and deliveries, in memory. It checks only what the tests need (https URLs, no
/// address literal or localhost, known event types, the owner of a subscription), so a refusal by caller seen by a test is the gateway's;
/// <see cref="WebhookRequests"/> shows what got through.
/// </summary>
public sealed partial class FakeServices
{
    readonly ConcurrentDictionary<Guid, WebhookSubscriptionDetails> _webhookSubscriptions = new();
    readonly ConcurrentDictionary<Guid, WebhookDeliveryDetails> _webhookDeliveries = new();

    /// <summary>Every webhook create and delete that reached the fake billing service.</summary>
    public ConcurrentQueue<object> WebhookRequests { get; } = new();

    public void SetPartnerStatus(Guid partnerId, string status) => _partners[partnerId] = _partners[partnerId] with { Status = status };

    /// <summary>A delivery of the subscription, created at the given time (newest first when listed).</summary>
    public WebhookDeliveryDetails AddWebhookDelivery(Guid subscriptionId, Guid workspaceId, DateTimeOffset createdAt, string status = WebhookDeliveryStatuses.Delivered)
    {
        var delivery = new WebhookDeliveryDetails
        {
            Id = Guid.NewGuid(), SubscriptionId = subscriptionId, EventId = Guid.NewGuid(), EventType = WebhookEventTypes.WorkspaceActivated,
            WorkspaceId = workspaceId, Status = status, Attempts = 1, CreatedAt = createdAt, LastAttemptAt = createdAt,
            DeliveredAt = status == WebhookDeliveryStatuses.Delivered ? createdAt : null, LastResponseStatus = 200,
        };
        _webhookDeliveries[delivery.Id] = delivery;
        return delivery;
    }

    void HandleWebhooks(IReceiveEndpointConfigurator e)
    {
        e.Handler<CreateWebhookSubscription>(c =>
        {
            WebhookRequests.Enqueue(c.Message);
            var m = c.Message;
            var errors = new List<UserError>();
            if (!m.Url.StartsWith("https://", StringComparison.Ordinal))
                errors.Add(new UserError { Field = "url", Code = WebhookErrorCodes.InvalidUrl, Message = "The URL must use https." });
            else if (Uri.TryCreate(m.Url, UriKind.Absolute, out var uri) && (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback))
                // Billing refuses private addresses; the fake, any address literal or loopback name (enough for the mapping).
                errors.Add(new UserError { Field = "url", Code = WebhookErrorCodes.UrlNotAllowed, Message = "The URL's host must be a public internet host." });
            if (m.EventTypes.Count == 0 || m.EventTypes.Any(t => !WebhookEventTypes.IsKnown(t)))
                errors.Add(new UserError { Field = "eventTypes", Code = WebhookErrorCodes.InvalidEventType, Message = "Unknown event type." });
            if (errors.Count > 0)
                return c.RespondAsync(new CreateWebhookSubscriptionResult { Errors = errors });
            var subscription = new WebhookSubscriptionDetails
            {
                Id = NewId.NextGuid(), OwnerId = m.OwnerId, Url = m.Url, EventTypes = m.EventTypes, WorkspaceIds = m.WorkspaceIds, PartnerId = m.PartnerId,
                Description = m.Description, Status = WebhookSubscriptionStatuses.Active, CreatedAt = DateTimeOffset.UtcNow,
            };
            _webhookSubscriptions[subscription.Id] = subscription;
            return c.RespondAsync(new CreateWebhookSubscriptionResult { Subscription = subscription, SigningSecret = "whsec_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()) });
        });
        e.Handler<DeleteWebhookSubscription>(c =>
        {
            WebhookRequests.Enqueue(c.Message);
            if (!_webhookSubscriptions.TryGetValue(c.Message.SubscriptionId, out var s) || s.OwnerId != c.Message.OwnerId || s.Status != WebhookSubscriptionStatuses.Active)
                return c.RespondAsync(new DeleteWebhookSubscriptionResult
                {
                    Errors = [new UserError { Field = "subscriptionId", Code = WebhookErrorCodes.NotFound, Message = "No such webhook subscription." }],
                });
            _webhookSubscriptions[s.Id] = s with { Status = WebhookSubscriptionStatuses.Deleted };
            return c.RespondAsync(new DeleteWebhookSubscriptionResult { DeletedSubscriptionId = s.Id });
        });
        e.Handler<ListWebhookSubscriptions>(c =>
        {
            var all = _webhookSubscriptions.Values.Where(s => s.OwnerId == c.Message.OwnerId && s.Status == WebhookSubscriptionStatuses.Active)
                .OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToList();
            var (page, info) = Page(all, s => (s.CreatedAt, s.Id), c.Message.First, c.Message.After, c.Message.Last, c.Message.Before);
            return c.RespondAsync(new WebhookSubscriptionPage
            {
                Edges = [.. page.Select(s => new WebhookSubscriptionEdge { Cursor = WebhookCursors.Encode(s.CreatedAt, s.Id), Node = s })],
                PageInfo = info, TotalCount = all.Count,
            });
        });
        e.Handler<ListWebhookDeliveries>(c =>
        {
            if (!_webhookSubscriptions.TryGetValue(c.Message.SubscriptionId, out var s) || s.OwnerId != c.Message.OwnerId)
                return c.RespondAsync(new WebhookDeliveryPage { Found = false });
            // Newest first, as billing lists them.
            var all = _webhookDeliveries.Values.Where(d => d.SubscriptionId == s.Id)
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).ToList();
            var (page, info) = Page(all, d => (d.CreatedAt, d.Id), c.Message.First, c.Message.After, c.Message.Last, c.Message.Before);
            return c.RespondAsync(new WebhookDeliveryPage
            {
                Found = true,
                Edges = [.. page.Select(d => new WebhookDeliveryEdge { Cursor = WebhookCursors.Encode(d.CreatedAt, d.Id), Node = d })],
                PageInfo = info, TotalCount = all.Count,
            });
        });
    }

    /// <summary>A page of a list already in its order, by billing's cursors.</summary>
    static (List<T> Page, WebhookPageInfo Info) Page<T>(List<T> ordered, Func<T, (DateTimeOffset, Guid)> key, int? first, string? after, int? last, string? before)
    {
        int IndexOf(string cursor) => ordered.FindIndex(i => key(i) == WebhookCursors.Decode(cursor));
        var start = after is null ? 0 : IndexOf(after) + 1;
        var end = before is null ? ordered.Count : Math.Max(0, IndexOf(before));
        if (first is { } f)
            end = Math.Min(end, start + f);
        if (last is { } l)
            start = Math.Max(start, end - l);
        var page = ordered.GetRange(start, Math.Max(0, end - start));
        return (page, new WebhookPageInfo
        {
            HasNextPage = end < ordered.Count, HasPreviousPage = start > 0,
            StartCursor = page.Count > 0 ? WebhookCursors.Encode(key(page[0]).Item1, key(page[0]).Item2) : null,
            EndCursor = page.Count > 0 ? WebhookCursors.Encode(key(page[^1]).Item1, key(page[^1]).Item2) : null,
        });
    }
}
