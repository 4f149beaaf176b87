using Marten.Schema;
using Platform.Contracts.Billing;

namespace Platform.Billing.Webhooks;

/// <summary>A webhook subscription (Marten document); the signing secret is kept only encrypted.</summary>
public sealed record WebhookSubscription(
    Guid Id,
    string OwnerId,
    string Url,
    string[] EventTypes,
    Guid[] WorkspaceIds,
    string? Description,
    string ProtectedSecret,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt = null)
{
    public bool IsActive => DeletedAt is null;

    public bool Hears(string eventType, Guid workspaceId) =>
        IsActive && EventTypes.Contains(eventType) && WorkspaceIds.Contains(workspaceId);

    public WebhookSubscriptionDetails ToDetails() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        Url = Url,
        EventTypes = EventTypes,
        WorkspaceIds = WorkspaceIds,
        Description = Description,
        Status = IsActive ? WebhookSubscriptionStatuses.Active : WebhookSubscriptionStatuses.Deleted,
        CreatedAt = CreatedAt,
    };
}

/// <summary>
/// The active subscriptions of one owner (Marten document, optimistic concurrency): every create and delete updates
/// it, so two concurrent creates cannot both pass the per-owner limit.
/// </summary>
public sealed record WebhookOwner(string Id, Guid[] ActiveSubscriptionIds)
{
    /// <summary>Marten's version of the stored document: an update saved against an older version fails.</summary>
    [Version]
    public Guid Version { get; set; }
}
