using Platform.Contracts.Tenants;
using Platform.Tenant.Members;

namespace Platform.Tenant.Workspaces;

public static class WorkspaceStatus
{
    public const string Provisioning = "PROVISIONING";
    public const string Active = "ACTIVE";
    public const string Failed = "FAILED";
    public const string Deleting = "DELETING";
    public const string Deleted = "DELETED";
}

/// <summary>Someone who belongs to a workspace, with their role.</summary>
public sealed record WorkspaceMember(Guid UserId, string Role, DateTimeOffset JoinedAt);

/// <summary>A workspace and its members; an inline snapshot of the workspace stream.</summary>
public sealed record Workspace(Guid Id, Guid? OwnerId, string Name, string Slug, string Namespace, string Region, string Status,
    string? FailureReason, DateTimeOffset CreatedAt, IReadOnlyList<WorkspaceMember>? Members = null)
{
    /// <summary>Every member, the owner included; snapshots written before teams existed only had the owner.</summary>
    public IReadOnlyList<WorkspaceMember> Members { get; init; } =
        Members ?? (OwnerId is { } owner ? [new WorkspaceMember(owner, WorkspaceRoles.Owner, CreatedAt)] : []);

    /// <summary>The partner that created the workspace for its customer and manages it; null for a self-service workspace.</summary>
    public Guid? ManagedByPartnerId { get; init; }

    public static Workspace Create(WorkspaceCreated e) =>
        new(e.WorkspaceId, e.OwnerId, e.Name, e.Slug, e.Namespace, e.Region, WorkspaceStatus.Provisioning, null, e.CreatedAt,
            e.OwnerId is { } owner ? [new WorkspaceMember(owner, WorkspaceRoles.Owner, e.CreatedAt)] : [])
        {
            ManagedByPartnerId = e.ManagedByPartnerId,
        };

    public WorkspaceMember? MemberOf(Guid userId) => Members.FirstOrDefault(m => m.UserId == userId);

    public string? RoleOf(Guid userId) => MemberOf(userId)?.Role;

    public Workspace Apply(WorkspaceActivated e) => this with { Status = WorkspaceStatus.Active };
    public Workspace Apply(WorkspaceFailed e) => this with { Status = WorkspaceStatus.Failed, FailureReason = e.Reason };
    public Workspace Apply(WorkspaceDeletionRequested e) => this with { Status = WorkspaceStatus.Deleting };
    public Workspace Apply(WorkspaceDeleted e) => this with { Status = WorkspaceStatus.Deleted };

    /// <summary>A member joined; joining as OWNER (a partner's customer accepting the owner invitation) makes them the owner.</summary>
    public Workspace Apply(MemberAdded e) =>
        this with
        {
            Members = [.. Members.Where(m => m.UserId != e.UserId), new WorkspaceMember(e.UserId, e.Role, e.AddedAt)],
            OwnerId = e.Role == WorkspaceRoles.Owner ? e.UserId : OwnerId,
        };

    public Workspace Apply(MemberRoleChanged e) => WithRole(e.UserId, e.Role);

    public Workspace Apply(MemberRemoved e) => this with { Members = [.. Members.Where(m => m.UserId != e.UserId)] };

    public Workspace Apply(OwnershipTransferred e) =>
        WithRole(e.PreviousOwnerId, WorkspaceRoles.Manager).WithRole(e.NewOwnerId, WorkspaceRoles.Owner) with { OwnerId = e.NewOwnerId };

    Workspace WithRole(Guid userId, string role) =>
        this with { Members = [.. Members.Select(m => m.UserId == userId ? m with { Role = role } : m)] };
}
