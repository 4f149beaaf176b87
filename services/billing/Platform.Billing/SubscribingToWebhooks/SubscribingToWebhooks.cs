using Platform.Billing.Webhooks;
using Platform.Contracts;
using Platform.Contracts.Billing;

namespace Platform.Billing.SubscribingToWebhooks;

/// <summary>The subscription that was created and the owner's updated list, or why nothing was created.</summary>
public sealed record SubscriptionCreation(WebhookSubscription? Subscription, WebhookOwner? Owner, IReadOnlyList<UserError> Errors);

/// <summary>The subscription marked deleted and the owner's updated list, or NOT_FOUND.</summary>
public sealed record SubscriptionDeletion(WebhookSubscription? Subscription, WebhookOwner? Owner, IReadOnlyList<UserError> Errors);

public static class SubscribingToWebhooks
{
    public const int MaxOwnerIdLength = 200;
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 500;

    public static bool IsValidOwner(string? ownerId) => !string.IsNullOrWhiteSpace(ownerId) && ownerId.Length <= MaxOwnerIdLength;

    /// <summary>
    /// An absolute https URL without credentials; plain http only to a loopback host (127.0.0.1, [::1], localhost)
    /// and only where <paramref name="allowInsecureLoopback"/> is on.
    /// </summary>
    public static UserError? ValidateUrl(string? url, bool allowInsecureLoopback)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
            return Invalid($"The URL must be an absolute https URL of at most {MaxUrlLength} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return Invalid("The URL must be an absolute https URL, e.g. https://example.com/webhooks.");
        if (uri.UserInfo.Length > 0)
            return Invalid("The URL must not contain a user name or password; authenticate requests with the signing secret.");
        if (uri.Scheme == Uri.UriSchemeHttps)
            return null;
        if (uri.Scheme == Uri.UriSchemeHttp && allowInsecureLoopback && uri.IsLoopback)
            return null;
        return Invalid(uri.Scheme == Uri.UriSchemeHttp
            ? "The URL must use https (plain http is allowed only to 127.0.0.1 or localhost in development)."
            : "The URL must use https.");

        static UserError Invalid(string message) => new() { Field = "url", Code = WebhookErrorCodes.InvalidUrl, Message = message };
    }

    /// <summary>Creates the subscription when the request is valid and the owner is below the limit.</summary>
    public static SubscriptionCreation Decide(WebhookOwner? owner, CreateWebhookSubscription command, WebhookOptions options,
        Guid subscriptionId, string protectedSecret, DateTimeOffset now)
    {
        var errors = new List<UserError>();
        if (!IsValidOwner(command.OwnerId))
            errors.Add(new UserError { Field = "ownerId", Code = WebhookErrorCodes.InvalidOwner, Message = $"The owner id must be 1 to {MaxOwnerIdLength} characters." });
        if (ValidateUrl(command.Url, options.AllowInsecureLoopback) is { } urlError)
            errors.Add(urlError);

        var eventTypes = (command.EventTypes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        var unknown = eventTypes.Where(t => !WebhookEventTypes.IsKnown(t)).ToList();
        if (eventTypes.Length == 0 || unknown.Count > 0)
            errors.Add(new UserError
            {
                Field = "eventTypes",
                Code = WebhookErrorCodes.InvalidEventType,
                Message = (unknown.Count > 0 ? $"Unknown event type(s): {string.Join(", ", unknown)}. " : "Give at least one event type. ")
                          + $"Known types: {string.Join(", ", WebhookEventTypes.All)}.",
            });

        var workspaceIds = (command.WorkspaceIds ?? []).Distinct().ToArray();
        if (command.PartnerId is { } partnerId)
        {
            // Scoped to a partner: it hears the partner's managed workspaces, and nothing named besides.
            if (partnerId == Guid.Empty || workspaceIds.Length > 0)
                errors.Add(new UserError
                {
                    Field = "partnerId",
                    Code = WebhookErrorCodes.InvalidWorkspaceScope,
                    Message = "A subscription is scoped to a partner or to a list of workspaces, not both.",
                });
        }
        else if (workspaceIds.Length == 0 || workspaceIds.Length > options.MaxWorkspacesPerSubscription || workspaceIds.Contains(Guid.Empty))
            errors.Add(new UserError
            {
                Field = "workspaceIds",
                Code = WebhookErrorCodes.InvalidWorkspaceScope,
                Message = $"Name 1 to {options.MaxWorkspacesPerSubscription} workspaces whose events the subscription receives.",
            });

        if (command.Description is { Length: > MaxDescriptionLength })
            errors.Add(new UserError { Field = "description", Code = WebhookErrorCodes.InvalidDescription, Message = $"The description must be at most {MaxDescriptionLength} characters." });

        var active = owner?.ActiveSubscriptionIds ?? [];
        if (errors.Count == 0 && active.Length >= options.MaxSubscriptionsPerOwner)
            errors.Add(new UserError
            {
                Code = WebhookErrorCodes.TooManySubscriptions,
                Message = $"An owner can have at most {options.MaxSubscriptionsPerOwner} webhook subscriptions; delete one first.",
            });

        if (errors.Count > 0)
            return new SubscriptionCreation(null, null, errors);

        var subscription = new WebhookSubscription(subscriptionId, command.OwnerId, command.Url, eventTypes, workspaceIds,
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description, protectedSecret, now, PartnerId: command.PartnerId);
        var updatedOwner = owner is null
            ? new WebhookOwner(command.OwnerId, [subscriptionId])
            : owner with { ActiveSubscriptionIds = [.. active, subscriptionId] };
        return new SubscriptionCreation(subscription, updatedOwner, []);
    }

    /// <summary>Deletes an active subscription of the owner; anything else, another owner's included, is NOT_FOUND.</summary>
    public static SubscriptionDeletion Decide(WebhookOwner? owner, WebhookSubscription? subscription, DeleteWebhookSubscription command,
        DateTimeOffset now)
    {
        if (owner is null || subscription is null || subscription.OwnerId != command.OwnerId || !subscription.IsActive
            || !owner.ActiveSubscriptionIds.Contains(subscription.Id))
            return new SubscriptionDeletion(null, null,
            [
                new UserError { Field = "subscriptionId", Code = WebhookErrorCodes.NotFound, Message = "No such webhook subscription." },
            ]);
        return new SubscriptionDeletion(
            subscription with { DeletedAt = now },
            owner with { ActiveSubscriptionIds = owner.ActiveSubscriptionIds.Where(id => id != subscription.Id).ToArray() },
            []);
    }
}
