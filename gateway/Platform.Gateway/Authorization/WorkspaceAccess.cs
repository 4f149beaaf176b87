using GraphQL;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Services;

namespace Platform.Gateway.Authorization;

/// <summary>
/// Where every workspace field and mutation is authorized: the caller's membership and role come from the tenant
/// service (asked once per request and workspace) and are checked against <see cref="WorkspacePermissions"/>.
/// A caller who is not a member gets NOT_FOUND, exactly as for a workspace that does not exist; a member without
/// the permission gets FORBIDDEN.
/// </summary>
public static class WorkspaceAccess
{
    public const string ForbiddenCode = "FORBIDDEN";

    public static ExecutionError Forbidden(string message) => new(message) { Code = ForbiddenCode };

    /// <summary>The workspace as the signed-in caller sees it, when they have <paramref name="permission"/>.</summary>
    /// <param name="managedRoles">Roles the caller acts on (invites, changes, removes): each must be one they may manage.</param>
    public static async Task<WorkspaceDetails> RequireAsync(IResolveFieldContext context, Guid workspaceId, WorkspacePermission permission,
        params string[] managedRoles)
    {
        var userId = context.Caller().RequireUser();
        var workspace = await FindAsync(context, workspaceId, userId) ?? throw GatewayErrors.WorkspaceNotFound();
        Require(workspace, permission, managedRoles);
        return workspace;
    }

    /// <summary>The same check for a workspace already resolved for the caller (its Role is the caller's).</summary>
    public static void Require(WorkspaceDetails workspace, WorkspacePermission permission, params string[] managedRoles)
    {
        if (!WorkspacePermissions.Has(workspace.Role, permission))
            throw Forbidden($"Your role ({workspace.Role}) does not allow this ({permission}).");
        // OWNER is nobody's to give or take: the tenant service answers INVALID_ROLE, LAST_OWNER or NOT_ALLOWED for it.
        foreach (var target in managedRoles.Where(r => r != WorkspaceRoles.Owner))
            if (!WorkspacePermissions.CanManage(workspace.Role, target))
                throw Forbidden($"A {workspace.Role} cannot manage a {target}.");
    }

    /// <summary>The workspace as the user may see it, asked once per request; null when it does not exist or they are not a member.</summary>
    public static async Task<WorkspaceDetails?> FindAsync(IResolveFieldContext context, Guid workspaceId, Guid userId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var lookup = await context.Caller().Once($"workspace:{workspaceId}:{userId}", () =>
            requests.AskAsync<GetWorkspace, WorkspaceLookup>(new GetWorkspace { WorkspaceId = workspaceId, RequestedBy = userId }, context.CancellationToken));
        return lookup is { Found: true, Workspace: { } workspace } ? workspace : null;
    }
}
