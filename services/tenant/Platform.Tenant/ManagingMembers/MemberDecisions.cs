using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.ManagingMembers;

/// <summary>Pure decisions about a workspace's members: the events to append, or a <see cref="DomainRuleViolated"/>.</summary>
public static class MemberDecisions
{
    /// <summary>The actor's membership; a non-member gets NOT_A_MEMBER (shown to users as "not found").</summary>
    public static WorkspaceMember Actor(Workspace workspace, Guid actorId)
    {
        var actor = workspace.MemberOf(actorId) ?? throw new DomainRuleViolated(TeamErrors.NotAMember, "You are not a member of this workspace.");
        EnsureNotDeleted(workspace);
        return actor;
    }

    /// <summary>A workspace being deleted (or deleted) keeps its team as it was: no invitations or member changes.</summary>
    public static void EnsureNotDeleted(Workspace workspace)
    {
        if (workspace.Status is WorkspaceStatus.Deleting or WorkspaceStatus.Deleted)
            throw new DomainRuleViolated(TeamErrors.InvalidState, "The workspace is being deleted; its members can no longer change.");
    }

    static WorkspaceMember Target(Workspace workspace, Guid userId) =>
        workspace.MemberOf(userId) ?? throw new DomainRuleViolated(TeamErrors.NotAMember, "This user is not a member of the workspace.", "userId");

    static DomainRuleViolated NotAllowed(string message) => new(TeamErrors.NotAllowed, message);

    public static IReadOnlyList<object> ChangeRole(Workspace workspace, Guid actorId, Guid userId, string role, DateTimeOffset now)
    {
        var actor = Actor(workspace, actorId);
        var target = Target(workspace, userId);
        var newRole = Roles.Assignable(role);
        if (target.Role == WorkspaceRoles.Owner)
            throw target.UserId == actorId
                ? new DomainRuleViolated(TeamErrors.LastOwner, "A workspace needs its owner: transfer ownership to another member first.")
                : NotAllowed("Nobody can change the owner's role; the owner can transfer ownership.");
        if (!Roles.CanManage(actor.Role, target.Role) || !Roles.CanManage(actor.Role, newRole))
            throw NotAllowed($"A {actor.Role} cannot make a {target.Role} a {newRole}.");
        return target.Role == newRole
            ? []
            : [new MemberRoleChanged(workspace.Id, userId, newRole, target.Role, workspace.Namespace, actorId, now)];
    }

    public static IReadOnlyList<object> Remove(Workspace workspace, Guid actorId, Guid userId, DateTimeOffset now)
    {
        if (actorId == userId)
            return Leave(workspace, userId, now);
        var actor = Actor(workspace, actorId);
        var target = Target(workspace, userId);
        if (!Roles.CanManage(actor.Role, target.Role))
            throw NotAllowed($"A {actor.Role} cannot remove a {target.Role}.");
        return [new MemberRemoved(workspace.Id, userId, target.Role, workspace.Namespace, actorId, now)];
    }

    public static IReadOnlyList<object> Leave(Workspace workspace, Guid userId, DateTimeOffset now)
    {
        var member = Actor(workspace, userId);
        if (member.Role == WorkspaceRoles.Owner)
            throw new DomainRuleViolated(TeamErrors.LastOwner, "The owner cannot leave: transfer ownership to another member first.");
        return [new MemberRemoved(workspace.Id, userId, member.Role, workspace.Namespace, userId, now)];
    }

    public static IReadOnlyList<object> TransferOwnership(Workspace workspace, Guid actorId, Guid userId, DateTimeOffset now)
    {
        var actor = Actor(workspace, actorId);
        if (actor.Role != WorkspaceRoles.Owner)
            throw NotAllowed("Only the owner can transfer ownership.");
        var target = Target(workspace, userId);
        return target.UserId == actorId
            ? []
            : [new OwnershipTransferred(workspace.Id, actorId, userId, workspace.Namespace, now)];
    }
}
