namespace Platform.Contracts.Tenants;

/// <summary>The roles a member can have in a workspace, from most to least powerful.</summary>
public static class WorkspaceRoles
{
    public const string Owner = "OWNER";
    public const string Manager = "MANAGER";
    public const string Developer = "DEVELOPER";
    public const string Viewer = "VIEWER";

    public static readonly IReadOnlyList<string> All = [Owner, Manager, Developer, Viewer];
}

/// <summary>The states of an invitation; EXPIRED is a pending invitation whose time ran out.</summary>
public static class InvitationStatuses
{
    public const string Pending = "PENDING";
    public const string Accepted = "ACCEPTED";
    public const string Declined = "DECLINED";
    public const string Revoked = "REVOKED";
    public const string Expired = "EXPIRED";
}

/// <summary>A member of a workspace with their role.</summary>
public sealed record MemberDetails
{
    public Guid UserId { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset JoinedAt { get; init; }
}

/// <summary>An invitation to join a workspace; never carries its code (that is shown once, to the inviter).</summary>
public sealed record InvitationDetails
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public string WorkspaceName { get; init; } = "";
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public string Status { get; init; } = "";
    public Guid InvitedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>Request: invite someone by email into a workspace with a role.</summary>
public sealed record InviteMember
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Email { get; init; }
    public required string Role { get; init; }
}

/// <summary>Response to <see cref="InviteMember"/>: the invitation and its single-use code, shown only here.</summary>
public sealed record InviteMemberResult
{
    public InvitationDetails? Invitation { get; init; }
    public string? Code { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: the signed-in user accepts an invitation sent to their email.</summary>
public sealed record AcceptInvitation
{
    public required Guid UserId { get; init; }
    public required string Code { get; init; }
}

/// <summary>Request: the signed-in user declines an invitation sent to their email.</summary>
public sealed record DeclineInvitation
{
    public required Guid UserId { get; init; }
    public required string Code { get; init; }
}

/// <summary>Request: someone who may manage the invitation's role withdraws it.</summary>
public sealed record RevokeInvitation
{
    public required Guid ActorId { get; init; }
    public required Guid InvitationId { get; init; }
}

/// <summary>Response to accepting, declining or revoking an invitation.</summary>
public sealed record InvitationResult
{
    public InvitationDetails? Invitation { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: give a member another role (not OWNER: ownership is transferred).</summary>
public sealed record ChangeMemberRole
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ActorId { get; init; }
    public required Guid UserId { get; init; }
    public required string Role { get; init; }
}

/// <summary>Request: remove a member from a workspace.</summary>
public sealed record RemoveMember
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ActorId { get; init; }
    public required Guid UserId { get; init; }
}

/// <summary>Request: the user leaves a workspace (the owner has to transfer ownership first).</summary>
public sealed record LeaveWorkspace
{
    public required Guid WorkspaceId { get; init; }
    public required Guid UserId { get; init; }
}

/// <summary>Request: the owner hands the workspace to another member and becomes a MANAGER.</summary>
public sealed record TransferOwnership
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ActorId { get; init; }
    public required Guid UserId { get; init; }
}

/// <summary>Response to a membership change: the member as they are now (null when removed), or errors.</summary>
public sealed record MembershipChangeResult
{
    public MemberDetails? Member { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: the members of a workspace, for one of its members.</summary>
public sealed record GetWorkspaceMembers
{
    public required Guid WorkspaceId { get; init; }
    public required Guid RequestedBy { get; init; }
}

/// <summary>Response to <see cref="GetWorkspaceMembers"/>; Found is false for a non-member too.</summary>
public sealed record WorkspaceMemberList
{
    public bool Found { get; init; }
    public IReadOnlyList<MemberDetails> Members { get; init; } = [];
}

/// <summary>Request: the pending invitations of a workspace, for a member who may manage members.</summary>
public sealed record GetWorkspaceInvitations
{
    public required Guid WorkspaceId { get; init; }
    public required Guid RequestedBy { get; init; }
}

/// <summary>Request: the pending invitations sent to the user's email.</summary>
public sealed record GetUserInvitations
{
    public required Guid UserId { get; init; }
}

/// <summary>Request: one invitation by id (for the gateway to decide who may act on it).</summary>
public sealed record GetInvitation
{
    public required Guid InvitationId { get; init; }
}

/// <summary>Response to the invitation queries; Found is false for a non-member or an unknown invitation.</summary>
public sealed record InvitationList
{
    public bool Found { get; init; }
    public IReadOnlyList<InvitationDetails> Invitations { get; init; } = [];
}

/// <summary>Event: a user became a member of a workspace.</summary>
public sealed record WorkspaceMemberAdded : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid UserId { get; init; }
    public required string Role { get; init; }
    public required string Namespace { get; init; }
    /// <summary>The workspace stream's version: later changes of one member have higher versions.</summary>
    public required long Version { get; init; }
}

/// <summary>Event: a member's role changed.</summary>
public sealed record WorkspaceMemberRoleChanged : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid UserId { get; init; }
    public required string Role { get; init; }
    public required string PreviousRole { get; init; }
    public required string Namespace { get; init; }
    public required long Version { get; init; }
}

/// <summary>Event: a member left or was removed.</summary>
public sealed record WorkspaceMemberRemoved : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid UserId { get; init; }
    public required string PreviousRole { get; init; }
    public required string Namespace { get; init; }
    public required long Version { get; init; }
}

/// <summary>Event: the owner handed the workspace to another member and became a MANAGER.</summary>
public sealed record WorkspaceOwnershipTransferred : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid PreviousOwnerId { get; init; }
    public required Guid NewOwnerId { get; init; }
    public required string Namespace { get; init; }
    public required long Version { get; init; }
}
