using System.ComponentModel;
using GraphQL.Types;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Authorization;

/// <summary>What a caller may do with a workspace; every workspace field and mutation names the one it needs.</summary>
public enum WorkspacePermission
{
    Read,
    /// <summary>The balance (and later usage and invoices): every member; partner keys need billing:read.</summary>
    ReadBilling,
    /// <summary>The members of the team: members only (partners and admins see the workspace, not who is in it).</summary>
    ReadTeam,
    ManageMembers,
    ChangeApps,
    ManageBilling,
    Delete,
    TransferOwnership,
    /// <summary>Leave the workspace (removeMember of oneself too): its members only. Partners, keys and platform admins are in no team to leave.</summary>
    Leave,
}

/// <summary>A member's role in a workspace, as GraphQL shows it.</summary>
public enum WorkspaceRole
{
    [Description("The one member who owns the workspace: everything, including deleting it and transferring ownership.")]
    Owner,

    [Description("Manages developers and viewers, apps and billing.")]
    Manager,

    [Description("Changes apps; reads everything else.")]
    Developer,

    [Description("Reads only.")]
    Viewer,
}

/// <summary>The GraphQL enum of <see cref="WorkspaceRole"/>.</summary>
public sealed class WorkspaceRoleType : EnumerationGraphType<WorkspaceRole>
{
    public WorkspaceRoleType()
    {
        Name = "WorkspaceRole";
        Description = "A member's role in a workspace: OWNER, MANAGER, DEVELOPER or VIEWER.";
    }

    /// <summary>The role as the tenant service spells it ("OWNER"), or null.</summary>
    public static WorkspaceRole? Parse(string? role) =>
        Enum.TryParse<WorkspaceRole>(role, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    public static string ToContract(WorkspaceRole role) => role.ToString().ToUpperInvariant();
}

/// <summary>
/// The one table of who may do what: the role → permissions of workspace members, and which roles a role may
/// manage (invite, change, remove). The tenant service enforces the same rules in its decisions.
/// </summary>
public static class WorkspacePermissions
{
    static readonly IReadOnlyDictionary<string, IReadOnlySet<WorkspacePermission>> ByRole = new Dictionary<string, IReadOnlySet<WorkspacePermission>>
    {
        [WorkspaceRoles.Owner] = new HashSet<WorkspacePermission>(Enum.GetValues<WorkspacePermission>()),
        [WorkspaceRoles.Manager] = new HashSet<WorkspacePermission>
        {
            WorkspacePermission.Read, WorkspacePermission.ReadBilling, WorkspacePermission.ReadTeam, WorkspacePermission.ManageMembers,
            WorkspacePermission.ChangeApps, WorkspacePermission.ManageBilling, WorkspacePermission.Leave,
        },
        [WorkspaceRoles.Developer] = new HashSet<WorkspacePermission>
        {
            WorkspacePermission.Read, WorkspacePermission.ReadBilling, WorkspacePermission.ReadTeam, WorkspacePermission.ChangeApps,
            WorkspacePermission.Leave,
        },
        [WorkspaceRoles.Viewer] = new HashSet<WorkspacePermission>
        {
            WorkspacePermission.Read, WorkspacePermission.ReadBilling, WorkspacePermission.ReadTeam, WorkspacePermission.Leave,
        },
    };

    /// <summary>
    /// The scope a partner key needs for each permission on its partner's customer workspaces. Managing members, deleting and
    /// transferring ownership are the customer's (the workspace's owner), never a key's; nor is reading the team.
    /// </summary>
    public static readonly IReadOnlyDictionary<WorkspacePermission, string> ScopeFor = new Dictionary<WorkspacePermission, string>
    {
        [WorkspacePermission.Read] = ApiKeyScopes.WorkspacesRead,
        [WorkspacePermission.ReadBilling] = ApiKeyScopes.BillingRead,
        [WorkspacePermission.ChangeApps] = ApiKeyScopes.AppsWrite,
        [WorkspacePermission.ManageBilling] = ApiKeyScopes.BillingWrite,
    };

    /// <summary>What a partner key may do with a workspace its partner manages: the permissions its scopes map to.</summary>
    public static IReadOnlySet<WorkspacePermission> OfKey(IReadOnlySet<string> scopes) =>
        ScopeFor.Where(p => scopes.Contains(p.Value)).Select(p => p.Key).ToHashSet();

    /// <summary>A member (ADMIN or MEMBER) of the managing partner, signed in as themselves: what a key with every scope may do.</summary>
    public static readonly IReadOnlySet<WorkspacePermission> PartnerMember = ScopeFor.Keys.ToHashSet();

    /// <summary>Platform admins read every workspace (not its team); they change nothing in it.</summary>
    public static readonly IReadOnlySet<WorkspacePermission> PlatformAdmin =
        new HashSet<WorkspacePermission> { WorkspacePermission.Read, WorkspacePermission.ReadBilling };

    static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Manages = new Dictionary<string, IReadOnlySet<string>>
    {
        [WorkspaceRoles.Owner] = new HashSet<string> { WorkspaceRoles.Manager, WorkspaceRoles.Developer, WorkspaceRoles.Viewer },
        [WorkspaceRoles.Manager] = new HashSet<string> { WorkspaceRoles.Developer, WorkspaceRoles.Viewer },
    };

    public static bool Has(string? role, WorkspacePermission permission) =>
        role is not null && ByRole.TryGetValue(role, out var granted) && granted.Contains(permission);

    /// <summary>Whether a member with <paramref name="role"/> may invite, change or remove members of <paramref name="targetRole"/>.</summary>
    public static bool CanManage(string? role, string targetRole) =>
        role is not null && Manages.TryGetValue(role, out var managed) && managed.Contains(targetRole);

    public static IReadOnlySet<WorkspacePermission> Of(string? role) =>
        role is not null && ByRole.TryGetValue(role, out var granted) ? granted : new HashSet<WorkspacePermission>();
}
