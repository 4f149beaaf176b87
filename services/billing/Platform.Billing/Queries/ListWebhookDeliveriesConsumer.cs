using Marten;
using MassTransit;
using Platform.Billing.DeliveringWebhooks;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;

namespace Platform.Billing.Queries;

/// <summary>The deliveries of one of the owner's subscriptions (deleted ones too), newest first.</summary>
public sealed class ListWebhookDeliveriesConsumer(IDocumentStore store, WebhookDeliveries deliveries) : IConsumer<ListWebhookDeliveries>
{
    public async Task Consume(ConsumeContext<ListWebhookDeliveries> context)
    {
        var request = context.Message;
        var (query, error) = WebhookPaging.Validate(new PageRequest(request.First, request.After, request.Last, request.Before));
        if (query is null)
        {
            await context.RespondAsync(new WebhookDeliveryPage { Errors = [error!] });
            return;
        }

        await using var session = store.QuerySession();
        var subscription = await session.LoadAsync<WebhookSubscription>(request.SubscriptionId, context.CancellationToken);
        if (subscription is null || subscription.OwnerId != request.OwnerId)
        {
            await context.RespondAsync(new WebhookDeliveryPage { Found = false });
            return;
        }

        var (items, hasMoreInDirection, hasMoreBehind, total) =
            await deliveries.PageAsync(subscription.Id, query.Forwards, query.Size, query.From, context.CancellationToken);
        await context.RespondAsync(new WebhookDeliveryPage
        {
            Found = true,
            Edges = items.Select(d => new WebhookDeliveryEdge { Cursor = WebhookPaging.Cursor(d.CreatedAt, d.Id), Node = d }).ToList(),
            PageInfo = new WebhookPageInfo
            {
                HasNextPage = query.Forwards ? hasMoreInDirection : hasMoreBehind,
                HasPreviousPage = query.Forwards ? hasMoreBehind : hasMoreInDirection,
                StartCursor = items.Count > 0 ? WebhookPaging.Cursor(items[0].CreatedAt, items[0].Id) : null,
                EndCursor = items.Count > 0 ? WebhookPaging.Cursor(items[^1].CreatedAt, items[^1].Id) : null,
            },
            TotalCount = total,
        });
    }
}
