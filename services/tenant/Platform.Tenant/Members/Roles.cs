using Platform.Contracts.Tenants;

namespace Platform.Tenant.Members;

/// <summary>
/// Who may manage whom: owners manage managers and below, managers manage developers and viewers;
/// developers and viewers manage nobody. There is exactly one owner; OWNER is only reached by a transfer.
/// </summary>
public static class Roles
{
    public static bool IsValid(string role) => WorkspaceRoles.All.Contains(role);

    /// <summary>Whether a member with <paramref name="actorRole"/> may give, change, remove or invite <paramref name="targetRole"/>.</summary>
    public static bool CanManage(string? actorRole, string targetRole) => (actorRole, targetRole) switch
    {
        (WorkspaceRoles.Owner, WorkspaceRoles.Manager or WorkspaceRoles.Developer or WorkspaceRoles.Viewer) => true,
        (WorkspaceRoles.Manager, WorkspaceRoles.Developer or WorkspaceRoles.Viewer) => true,
        _ => false,
    };

    /// <summary>A role a member can be given or invited with: any valid role but OWNER.</summary>
    public static string Assignable(string role)
    {
        var normalized = role.Trim().ToUpperInvariant();
        if (!IsValid(normalized))
            throw new DomainRuleViolated(TeamErrors.InvalidRole, "Choose one of MANAGER, DEVELOPER or VIEWER.", "role");
        if (normalized == WorkspaceRoles.Owner)
            throw new DomainRuleViolated(TeamErrors.InvalidRole, "A workspace has exactly one owner; transfer ownership instead.", "role");
        return normalized;
    }
}
