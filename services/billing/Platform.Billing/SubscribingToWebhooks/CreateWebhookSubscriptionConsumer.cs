using Marten;
using MassTransit;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;

namespace Platform.Billing.SubscribingToWebhooks;

/// <summary>
/// Creates a subscription for the gateway. The owner's document is versioned: a concurrent create for the same owner
/// fails to save, and the retried request sees the other subscription when it checks the limit.
/// </summary>
public sealed class CreateWebhookSubscriptionConsumer(
    IDocumentStore store, WebhookOptions options, WebhookSecrets secrets, TimeProvider clock, ILogger<CreateWebhookSubscriptionConsumer> logger)
    : IConsumer<CreateWebhookSubscription>
{
    public async Task Consume(ConsumeContext<CreateWebhookSubscription> context)
    {
        var command = context.Message;
        await using var session = store.LightweightSession();
        var owner = SubscribingToWebhooks.IsValidOwner(command.OwnerId)
            ? await session.LoadAsync<WebhookOwner>(command.OwnerId, context.CancellationToken)
            : null;
        var subscriptionId = NewId.NextGuid();
        var secret = WebhookSecrets.Generate();
        var decision = SubscribingToWebhooks.Decide(owner, command, options, subscriptionId, secrets.Protect(subscriptionId, secret), clock.GetUtcNow());
        if (decision is not { Subscription: { } subscription, Owner: { } updatedOwner })
        {
            await context.RespondAsync(new CreateWebhookSubscriptionResult { Errors = decision.Errors });
            return;
        }

        if (owner is null)
            session.Insert(updatedOwner);
        else
            session.Update(updatedOwner);
        session.Insert(subscription);
        await session.SaveChangesAsync(context.CancellationToken);
        // The host only: a URL's path or query may carry the partner's own token.
        logger.LogInformation("Webhook subscription {SubscriptionId} of {OwnerId} to host {Host} for {EventTypes} in {WorkspaceCount} workspace(s) / partner {PartnerId}",
            subscription.Id, subscription.OwnerId, new Uri(subscription.Url).Host, subscription.EventTypes, subscription.WorkspaceIds.Length, subscription.PartnerId);
        await context.RespondAsync(new CreateWebhookSubscriptionResult { Subscription = subscription.ToDetails(), SigningSecret = secret });
    }
}
