using Marten;
using MassTransit;
using Platform.Billing.Webhooks;
using Platform.Contracts.Billing;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.SubscribingToWebhooks;

/// <summary>
/// Creates a subscription for the gateway, safely when repeated. The owner's document is versioned: a concurrent create
/// for the same owner fails to save, and the retried request sees the other subscription (the same one, or one more
/// towards the limit). The new subscription's id is derived from the request's MessageId, so a redelivered request finds
/// the subscription it created and answers with it; a client's retry (a new request asking for the same thing) gets the
/// owner's existing subscription. The secret is repeated only to whoever created the subscription (RequestedBy): another
/// key or member of the same owner asking for the same thing learns the subscription, never the secret its receiver trusts.
/// </summary>
public sealed class CreateWebhookSubscriptionConsumer(
    IDocumentStore store, WebhookOptions options, WebhookSecrets secrets, TimeProvider clock, ILogger<CreateWebhookSubscriptionConsumer> logger)
    : IConsumer<CreateWebhookSubscription>
{
    public async Task Consume(ConsumeContext<CreateWebhookSubscription> context)
    {
        var command = context.Message;
        var messageId = context.MessageId ?? throw new InvalidOperationException("A request without MessageId cannot be deduplicated.");
        var subscriptionId = SubscriptionIdFor(messageId);
        await using var session = store.LightweightSession();
        var owner = SubscribingToWebhooks.IsValidOwner(command.OwnerId)
            ? await session.LoadAsync<WebhookOwner>(command.OwnerId, context.CancellationToken)
            : null;
        var known = (await session.LoadManyAsync<WebhookSubscription>(context.CancellationToken, [subscriptionId, .. owner?.ActiveSubscriptionIds ?? []]))
            .Where(s => s.OwnerId == command.OwnerId)
            .ToList();
        var secret = WebhookSecrets.Generate();
        var decision = SubscribingToWebhooks.Decide(owner, known, command, options, subscriptionId, secrets.Protect(subscriptionId, secret), clock.GetUtcNow());
        if (decision is { Existing: true, Subscription: { } existing })
        {
            logger.LogInformation("Webhook subscription {SubscriptionId} of {OwnerId} asked for again ({Reason}); answered with it",
                existing.Id, existing.OwnerId, existing.Id == subscriptionId ? "redelivered request" : "same URL, event types and scope");
            await context.RespondAsync(new CreateWebhookSubscriptionResult
            {
                Subscription = existing.ToDetails(),
                // This very request again (redelivered): the answer it had; another request: the secret only for its creator.
                SigningSecret = (existing.Id == subscriptionId ? existing.IsActive : existing.ShowsSecretTo(command.RequestedBy))
                    ? secrets.Unprotect(existing.Id, existing.ProtectedSecret)
                    : null,
            });
            return;
        }
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

    /// <summary>The id of the subscription a create request makes: the same for every delivery of the same message.</summary>
    public static Guid SubscriptionIdFor(Guid messageId) =>
        DeterministicIds.From($"webhook-subscription/{messageId:N}");
}
