using DeleteWorkspace = Platform.Contracts.Tenants.DeleteWorkspace;
using WorkspaceRoles = Platform.Contracts.Tenants.WorkspaceRoles;
using Platform.Tenant.Members;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.DeletingWorkspaces;

/// <summary>How long each deletion step may take before its command is sent again (Platform:Deletion:StepTimeout).</summary>
public sealed record DeletionOptions(TimeSpan StepTimeout)
{
    public static DeletionOptions From(IConfiguration configuration) =>
        new(configuration.GetValue("Platform:Deletion:StepTimeout", TimeSpan.FromMinutes(2)));
}

/// <summary>The error codes of deleting a workspace.</summary>
public static class DeletionErrors
{
    /// <summary>No such workspace, or the caller is not a member (the same answer, so that ids leak nothing).</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>A member who is not the owner.</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>Still being set up, or already being deleted or deleted.</summary>
    public const string InvalidState = "INVALID_STATE";
}

/// <summary>Whether a workspace may be deleted: the pure decision behind <see cref="DeleteWorkspace"/>.</summary>
public static class WorkspaceDeletion
{
    /// <summary>
    /// Only the owner deletes, and only a workspace that is ACTIVE or FAILED: one still PROVISIONING has an onboarding
    /// saga at work (delete it once it settles), one DELETING or DELETED is already on its way.
    /// </summary>
    public static WorkspaceDeletionRequested Decide(Workspace? workspace, DeleteWorkspace command, DateTimeOffset now)
    {
        var role = workspace?.RoleOf(command.RequestedBy);
        if (workspace is null || role is null)
            throw new DomainRuleViolated(DeletionErrors.NotFound, "No workspace with this id exists, or you may not see it.", "workspaceId");
        if (role != WorkspaceRoles.Owner)
            throw new DomainRuleViolated(DeletionErrors.Forbidden, $"Only the workspace's owner can delete it; you are a {role}.");
        return workspace.Status switch
        {
            WorkspaceStatus.Active or WorkspaceStatus.Failed =>
                new WorkspaceDeletionRequested(workspace.Id, command.RequestedBy, workspace.Namespace, now),
            WorkspaceStatus.Provisioning => throw new DomainRuleViolated(DeletionErrors.InvalidState,
                "The workspace is still being set up; delete it once it is ACTIVE or FAILED."),
            WorkspaceStatus.Deleting => throw new DomainRuleViolated(DeletionErrors.InvalidState, "The workspace is already being deleted."),
            WorkspaceStatus.Deleted => throw new DomainRuleViolated(DeletionErrors.InvalidState, "The workspace has already been deleted."),
            var other => throw new DomainRuleViolated(DeletionErrors.InvalidState, $"A {other} workspace cannot be deleted."),
        };
    }
}
