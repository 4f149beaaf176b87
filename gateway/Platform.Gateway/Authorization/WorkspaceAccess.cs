using GraphQL;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Services;

namespace Platform.Gateway.Authorization;

/// <summary>
/// Where every workspace field and mutation is authorized, for every kind of caller:
/// <list type="bullet">
/// <item>a member (signed-in user) by their role (<see cref="WorkspacePermissions"/>);</item>
/// <item>a partner key when its partner manages the workspace, by the scope each permission maps to (<see cref="WorkspacePermissions.ScopeFor"/>);</item>
/// <item>a signed-in member of the managing partner, like a key with every scope;</item>
/// <item>a platform admin, reading (<see cref="WorkspacePermissions.PlatformAdmin"/>).</item>
/// </list>
/// A caller none of these entitles gets NOT_FOUND, exactly as for a workspace that does not exist; an entitled caller
/// without the permission gets FORBIDDEN. What the services answer is asked once per request.
/// </summary>
public static class WorkspaceAccess
{
    public const string ForbiddenCode = "FORBIDDEN";

    public static ExecutionError Forbidden(string message) => new(message) { Code = ForbiddenCode };

    /// <summary>Why a caller may see a workspace at all, and what they may do with it; null when they may not see it.</summary>
    public sealed record Grant(string Basis, IReadOnlySet<WorkspacePermission> Permissions, string? Role);

    /// <summary>The workspace, when the caller is entitled to it and has <paramref name="permission"/>.</summary>
    /// <param name="managedRoles">Roles the caller acts on (invites, changes, removes): each must be one they may manage.</param>
    public static async Task<WorkspaceDetails> RequireAsync(IResolveFieldContext context, Guid workspaceId, WorkspacePermission permission,
        params string[] managedRoles)
    {
        context.Caller().RequireAuthenticated();
        var workspace = await FindAsync(context, workspaceId) ?? throw GatewayErrors.WorkspaceNotFound();
        await RequireAsync(context, workspace, permission, managedRoles);
        return workspace;
    }

    /// <summary>The same check for a workspace already resolved (a field of Workspace).</summary>
    public static async Task RequireAsync(IResolveFieldContext context, WorkspaceDetails workspace, WorkspacePermission permission,
        params string[] managedRoles)
    {
        var grant = await GrantAsync(context, workspace) ?? throw GatewayErrors.WorkspaceNotFound();
        if (!grant.Permissions.Contains(permission))
            throw Forbidden(grant.Basis == "key"
                ? $"The API key lacks the scope this needs ({(WorkspacePermissions.ScopeFor.TryGetValue(permission, out var scope) ? scope : "not available to keys")})."
                : $"Your access ({grant.Role ?? grant.Basis}) does not allow this ({permission}).");
        // OWNER is nobody's to give or take: the tenant service answers INVALID_ROLE, LAST_OWNER or NOT_ALLOWED for it.
        foreach (var target in managedRoles.Where(r => r != WorkspaceRoles.Owner))
            if (!WorkspacePermissions.CanManage(grant.Role, target))
                throw Forbidden($"A {grant.Role} cannot manage a {target}.");
    }

    /// <summary>What the caller may do with the workspace; null when they are not entitled to see it.</summary>
    public static async Task<Grant?> GrantAsync(IResolveFieldContext context, WorkspaceDetails workspace)
    {
        var caller = context.Caller();
        if (caller.Key is { } key)
            return workspace.ManagedByPartnerId == key.PartnerId ? new Grant("key", WorkspacePermissions.OfKey(key.Scopes), null) : null;
        if (caller.UserId is not { } userId)
            return null;
        // The workspace as the user sees it carries their role; one that came another way (a partner's list) is asked for.
        var role = !string.IsNullOrEmpty(workspace.Role) ? workspace.Role : (await FindAsMemberAsync(context, workspace.Id, userId))?.Role;
        if (!string.IsNullOrEmpty(role))
            return new Grant("member", WorkspacePermissions.Of(role), role);
        if (workspace.ManagedByPartnerId is { } partnerId && (await PartnerAccess.UserPartnersAsync(context)).Any(p => p.Id == partnerId))
            return new Grant("partner", WorkspacePermissions.PartnerMember, null);
        if (await PlatformAccess.IsAdminAsync(context))
            return new Grant("platform admin", WorkspacePermissions.PlatformAdmin, null);
        return null;
    }

    /// <summary>The workspace when the caller is entitled to see it (member, managing partner or its key, admin); null otherwise.</summary>
    public static async Task<WorkspaceDetails?> FindAsync(IResolveFieldContext context, Guid workspaceId)
    {
        var caller = context.Caller();
        if (caller.UserId is { } userId && await FindAsMemberAsync(context, workspaceId, userId) is { } asMember)
            return asMember;
        if (!caller.IsAuthenticated)
            return null;
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var lookup = await caller.Once($"workspace:{workspaceId}", () =>
            requests.AskAsync<FindWorkspace, WorkspaceLookup>(new FindWorkspace { WorkspaceId = workspaceId }, context.CancellationToken));
        return lookup is { Found: true, Workspace: { } workspace } && await GrantAsync(context, workspace) is not null ? workspace : null;
    }

    /// <summary>The workspace as a member sees it (with their role), asked once per request; null when they are not a member.</summary>
    public static Task<WorkspaceDetails?> FindAsync(IResolveFieldContext context, Guid workspaceId, Guid userId) =>
        FindAsMemberAsync(context, workspaceId, userId);

    static async Task<WorkspaceDetails?> FindAsMemberAsync(IResolveFieldContext context, Guid workspaceId, Guid userId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var lookup = await context.Caller().Once($"workspace:{workspaceId}:{userId}", () =>
            requests.AskAsync<GetWorkspace, WorkspaceLookup>(new GetWorkspace { WorkspaceId = workspaceId, RequestedBy = userId }, context.CancellationToken));
        return lookup is { Found: true, Workspace: { } workspace } ? workspace : null;
    }
}
