namespace Platform.Tenant.Members;

/// <summary>A user joined the workspace with a role (by accepting an invitation).</summary>
public sealed record MemberAdded(Guid WorkspaceId, Guid UserId, string Role, string Namespace, Guid? InvitationId, DateTimeOffset AddedAt);

/// <summary>A member's role changed (never to or from OWNER: see <see cref="OwnershipTransferred"/>).</summary>
public sealed record MemberRoleChanged(Guid WorkspaceId, Guid UserId, string Role, string PreviousRole, string Namespace, Guid ChangedBy,
    DateTimeOffset ChangedAt);

/// <summary>A member left (RemovedBy is themselves) or was removed.</summary>
public sealed record MemberRemoved(Guid WorkspaceId, Guid UserId, string PreviousRole, string Namespace, Guid RemovedBy, DateTimeOffset RemovedAt);

/// <summary>The owner handed the workspace to another member and became a MANAGER.</summary>
public sealed record OwnershipTransferred(Guid WorkspaceId, Guid PreviousOwnerId, Guid NewOwnerId, string Namespace, DateTimeOffset TransferredAt);
