using Marten.Schema;
using Platform.Contracts.Billing;

namespace Platform.Billing.Webhooks;

/// <summary>
/// A webhook subscription (Marten document); the signing secret is kept only encrypted. It hears the workspaces of
/// WorkspaceIds, or, scoped to a partner (PartnerId), every workspace that partner manages.
/// </summary>
public sealed record WebhookSubscription(
    Guid Id,
    string OwnerId,
    string Url,
    string[] EventTypes,
    Guid[] WorkspaceIds,
    string? Description,
    string ProtectedSecret,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt = null,
    Guid? PartnerId = null,
    string? CreatedBy = null)
{
    public bool IsActive => DeletedAt is null;

    /// <summary>
    /// Whether the signing secret may be shown again to <paramref name="requestedBy"/> asking for this subscription once more:
    /// only while it is active and only to whoever created it (a retry after a lost answer), never to another caller of the owner.
    /// </summary>
    public bool ShowsSecretTo(string? requestedBy) => IsActive && CreatedBy is not null && CreatedBy == requestedBy;

    /// <summary>
    /// Whether an event of this type in this workspace is for this subscription: the workspace is on its list, or it is
    /// scoped to a partner and <paramref name="managingPartnerId"/> (billing's record of who manages the workspace) is that partner.
    /// </summary>
    public bool Hears(string eventType, Guid workspaceId, Guid? managingPartnerId = null) =>
        IsActive && EventTypes.Contains(eventType)
                 && (PartnerId is { } partner ? managingPartnerId == partner : WorkspaceIds.Contains(workspaceId));

    public WebhookSubscriptionDetails ToDetails() => new()
    {
        Id = Id,
        OwnerId = OwnerId,
        Url = Url,
        EventTypes = EventTypes,
        WorkspaceIds = WorkspaceIds,
        PartnerId = PartnerId,
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

/// <summary>
/// Billing's record of who manages a workspace (Marten document, id = workspace id), from the tenant's WorkspaceCreated:
/// PartnerId null for a self-service workspace. Partner-scoped subscriptions hear a workspace only through this record.
/// </summary>
public sealed record WorkspaceManager(Guid Id, Guid? PartnerId, DateTimeOffset RecordedAt);
