using Platform.Billing.Webhooks;
using Platform.Contracts;
using Platform.Contracts.Billing;

namespace Platform.Billing.SubscribingToWebhooks;

/// <summary>
/// The subscription that was created and the owner's updated list; or, when <see cref="Existing"/>, the subscription the
/// request already has (a retry or a redelivery: nothing to write); or why nothing was created.
/// </summary>
public sealed record SubscriptionCreation(WebhookSubscription? Subscription, WebhookOwner? Owner, IReadOnlyList<UserError> Errors, bool Existing = false);

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
    /// and only where <paramref name="allowInsecureLoopback"/> is on (INVALID_URL otherwise). Its host must be public:
    /// a private, loopback or link-local address or an internal name is URL_NOT_ALLOWED unless
    /// <paramref name="allowPrivateTargets"/> is on (names are checked again, resolved, on every delivery).
    /// </summary>
    public static UserError? ValidateUrl(string? url, bool allowInsecureLoopback, bool allowPrivateTargets)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
            return Invalid($"The URL must be an absolute https URL of at most {MaxUrlLength} characters.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return Invalid("The URL must be an absolute https URL, e.g. https://example.com/webhooks.");
        if (uri.UserInfo.Length > 0)
            return Invalid("The URL must not contain a user name or password; authenticate requests with the signing secret.");
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowInsecureLoopback && uri.IsLoopback))
            return Invalid(uri.Scheme == Uri.UriSchemeHttp
                ? "The URL must use https (plain http is allowed only to 127.0.0.1 or localhost in development)."
                : "The URL must use https.");
        if (!allowPrivateTargets && !WebhookTargets.IsAllowedHost(uri))
            return new UserError
            {
                Field = "url",
                Code = WebhookErrorCodes.UrlNotAllowed,
                Message = "The URL's host must be a public internet host: private, loopback and link-local addresses (such as 127.0.0.1, "
                          + "10.0.0.0/8, 192.168.0.0/16, 169.254.169.254, ::1) and internal names (localhost, *.local, *.internal, names "
                          + "without a dot) are not allowed.",
            };
        return null;

        static UserError Invalid(string message) => new() { Field = "url", Code = WebhookErrorCodes.InvalidUrl, Message = message };
    }

    /// <summary>
    /// Whether <paramref name="subscription"/> is what <paramref name="command"/> asks for: the same owner, URL (compared
    /// as a URI: scheme and host in any case, default port or not), set of event types and scope.
    /// </summary>
    public static bool IsSameSubscription(WebhookSubscription subscription, CreateWebhookSubscription command) =>
        subscription.OwnerId == command.OwnerId
        && Uri.TryCreate(subscription.Url, UriKind.Absolute, out var existing) && Uri.TryCreate(command.Url, UriKind.Absolute, out var asked)
        && Uri.Compare(existing, asked, UriComponents.AbsoluteUri, UriFormat.UriEscaped, StringComparison.Ordinal) == 0
        && subscription.EventTypes.ToHashSet(StringComparer.Ordinal).SetEquals(command.EventTypes ?? [])
        && subscription.PartnerId == command.PartnerId
        && subscription.WorkspaceIds.ToHashSet().SetEquals(command.WorkspaceIds ?? []);

    /// <summary>
    /// Creates the subscription when the request is valid and the owner is below the limit. Creating is safe to repeat:
    /// <list type="bullet">
    /// <item>when <paramref name="known"/> holds the subscription <paramref name="subscriptionId"/> (the consumer derives it
    /// from the request's MessageId, so it exists only if this very request was handled before), that one is the answer;</item>
    /// <item>when the owner has an active subscription that <see cref="IsSameSubscription"/> (a client retrying after a lost
    /// answer), that one is the answer, even at the limit.</item>
    /// </list>
    /// Either way <see cref="SubscriptionCreation.Existing"/> is true and nothing is to be written.
    /// </summary>
    /// <param name="known">The owner's active subscriptions, and the subscription <paramref name="subscriptionId"/> if it exists.</param>
    public static SubscriptionCreation Decide(WebhookOwner? owner, IReadOnlyCollection<WebhookSubscription> known, CreateWebhookSubscription command,
        WebhookOptions options, Guid subscriptionId, string protectedSecret, DateTimeOffset now)
    {
        if (known.FirstOrDefault(s => s.Id == subscriptionId) is { } handledBefore && handledBefore.OwnerId == command.OwnerId)
            return new SubscriptionCreation(handledBefore, null, [], Existing: true);

        var errors = new List<UserError>();
        if (!IsValidOwner(command.OwnerId))
            errors.Add(new UserError { Field = "ownerId", Code = WebhookErrorCodes.InvalidOwner, Message = $"The owner id must be 1 to {MaxOwnerIdLength} characters." });
        if (ValidateUrl(command.Url, options.AllowInsecureLoopback, options.AllowPrivateTargets) is { } urlError)
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

        if (errors.Count > 0)
            return new SubscriptionCreation(null, null, errors);

        var active = owner?.ActiveSubscriptionIds ?? [];
        if (known.FirstOrDefault(s => s.IsActive && active.Contains(s.Id) && IsSameSubscription(s, command)) is { } same)
            return new SubscriptionCreation(same, null, [], Existing: true);

        if (active.Length >= options.MaxSubscriptionsPerOwner)
            return new SubscriptionCreation(null, null,
            [
                new UserError
                {
                    Code = WebhookErrorCodes.TooManySubscriptions,
                    Message = $"An owner can have at most {options.MaxSubscriptionsPerOwner} webhook subscriptions; delete one first.",
                },
            ]);

        var subscription = new WebhookSubscription(subscriptionId, command.OwnerId, command.Url, eventTypes, workspaceIds,
            string.IsNullOrWhiteSpace(command.Description) ? null : command.Description, protectedSecret, now, PartnerId: command.PartnerId,
            CreatedBy: command.RequestedBy);
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
