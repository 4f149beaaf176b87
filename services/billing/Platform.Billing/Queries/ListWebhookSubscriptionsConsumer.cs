using Marten;
using MassTransit;
using Platform.Billing.SubscribingToWebhooks;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;

namespace Platform.Billing.Queries;

/// <summary>The owner's active subscriptions (at most the per-owner limit), paged in memory by (CreatedAt, Id).</summary>
public sealed class ListWebhookSubscriptionsConsumer(IDocumentStore store) : IConsumer<ListWebhookSubscriptions>
{
    public async Task Consume(ConsumeContext<ListWebhookSubscriptions> context)
    {
        var request = context.Message;
        var (query, error) = WebhookPaging.Validate(new PageRequest(request.First, request.After, request.Last, request.Before));
        if (query is null)
        {
            await context.RespondAsync(new WebhookSubscriptionPage { Errors = [error!] });
            return;
        }

        await using var session = store.QuerySession();
        var owner = SubscribingToWebhooks.SubscribingToWebhooks.IsValidOwner(request.OwnerId)
            ? await session.LoadAsync<WebhookOwner>(request.OwnerId, context.CancellationToken)
            : null;
        var subscriptions = owner is null
            ? []
            : (await session.LoadManyAsync<WebhookSubscription>(context.CancellationToken, owner.ActiveSubscriptionIds))
                .Where(s => s.IsActive && s.OwnerId == request.OwnerId).ToList();
        var (items, pageInfo) = WebhookPaging.Page(subscriptions, s => (s.CreatedAt, s.Id), query);
        await context.RespondAsync(new WebhookSubscriptionPage
        {
            Edges = items.Select(s => new WebhookSubscriptionEdge { Cursor = WebhookPaging.Cursor(s.CreatedAt, s.Id), Node = s.ToDetails() }).ToList(),
            PageInfo = pageInfo,
            TotalCount = subscriptions.Count,
        });
    }
}
