using Marten;
using MassTransit;
using Platform.Billing.DeliveringWebhooks;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;

namespace Platform.Billing.SubscribingToWebhooks;

/// <summary>Deletes a subscription of the owner and cancels its pending deliveries in the same transaction.</summary>
public sealed class DeleteWebhookSubscriptionConsumer(IDocumentStore store, TimeProvider clock, ILogger<DeleteWebhookSubscriptionConsumer> logger)
    : IConsumer<DeleteWebhookSubscription>
{
    public async Task Consume(ConsumeContext<DeleteWebhookSubscription> context)
    {
        var command = context.Message;
        await using var session = store.LightweightSession();
        var owner = SubscribingToWebhooks.IsValidOwner(command.OwnerId)
            ? await session.LoadAsync<WebhookOwner>(command.OwnerId, context.CancellationToken)
            : null;
        var subscription = owner is null ? null : await session.LoadAsync<WebhookSubscription>(command.SubscriptionId, context.CancellationToken);
        var now = clock.GetUtcNow();
        var decision = SubscribingToWebhooks.Decide(owner, subscription, command, now);
        if (decision is not { Subscription: { } deleted, Owner: { } updatedOwner })
        {
            await context.RespondAsync(new DeleteWebhookSubscriptionResult { Errors = decision.Errors });
            return;
        }

        session.Update(updatedOwner);
        session.Update(deleted);
        WebhookDeliveries.CancelPending(session, deleted.Id, now);
        await session.SaveChangesAsync(context.CancellationToken);
        logger.LogInformation("Webhook subscription {SubscriptionId} of {OwnerId} deleted", deleted.Id, deleted.OwnerId);
        await context.RespondAsync(new DeleteWebhookSubscriptionResult { DeletedSubscriptionId = deleted.Id });
    }
}
