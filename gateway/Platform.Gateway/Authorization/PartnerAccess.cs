using GraphQL;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Services;

namespace Platform.Gateway.Authorization;

/// <summary>What a caller may do with a partner; every partner field and mutation names the one it needs.</summary>
public enum PartnerPermission
{
    /// <summary>See the partner (name, status, members).</summary>
    Read,
    /// <summary>List the partner's customer workspaces.</summary>
    ReadWorkspaces,
    /// <summary>Create customer workspaces.</summary>
    CreateWorkspaces,
    /// <summary>List, create and revoke API keys.</summary>
    ManageKeys,
    /// <summary>Add and remove members and change their roles.</summary>
    ManageMembers,
    /// <summary>Remove oneself from the partner (leave it).</summary>
    Leave,
    /// <summary>List the partner's webhook subscriptions and their deliveries.</summary>
    ReadWebhooks,
    /// <summary>Create and delete the partner's webhook subscriptions.</summary>
    ManageWebhooks,
}

/// <summary>
/// Where partner fields and mutations are authorized: the partner's ADMIN members may do everything, its MEMBERs act for it
/// (read, list and create customer workspaces, list webhook subscriptions) and may leave it, its keys by scope (workspaces:read lists,
/// workspaces:write creates customer workspaces and resends their OWNER invitation, webhooks:write lists, creates and deletes webhook subscriptions; never keys or members),
/// platform admins read (webhook subscriptions included). Anyone else gets NOT_FOUND; an entitled caller without the permission FORBIDDEN.
/// </summary>
public static class PartnerAccess
{
    static readonly IReadOnlyDictionary<string, IReadOnlySet<PartnerPermission>> ByRole = new Dictionary<string, IReadOnlySet<PartnerPermission>>
    {
        [PartnerRoles.Admin] = Enum.GetValues<PartnerPermission>().ToHashSet(),
        [PartnerRoles.Member] = new HashSet<PartnerPermission>
        {
            PartnerPermission.Read, PartnerPermission.ReadWorkspaces, PartnerPermission.CreateWorkspaces, PartnerPermission.ReadWebhooks,
            PartnerPermission.Leave,
        },
    };

    static readonly IReadOnlyDictionary<PartnerPermission, string> ScopeFor = new Dictionary<PartnerPermission, string>
    {
        [PartnerPermission.ReadWorkspaces] = ApiKeyScopes.WorkspacesRead,
        [PartnerPermission.CreateWorkspaces] = ApiKeyScopes.WorkspacesWrite,
        // There is no webhooks:read scope: a key that manages the subscriptions is the one that lists them.
        [PartnerPermission.ReadWebhooks] = ApiKeyScopes.WebhooksWrite,
        [PartnerPermission.ManageWebhooks] = ApiKeyScopes.WebhooksWrite,
    };

    static readonly IReadOnlySet<PartnerPermission> ForPlatformAdmin = new HashSet<PartnerPermission>
    {
        PartnerPermission.Read, PartnerPermission.ReadWorkspaces, PartnerPermission.ReadWebhooks,
    };

    public static ExecutionError NotFound() => new("No partner with this id exists, or you may not see it.") { Code = GatewayErrors.NotFoundCode };

    /// <summary>What the caller may do with the partner; null when they may not see it.</summary>
    public static async Task<IReadOnlySet<PartnerPermission>?> PermissionsAsync(IResolveFieldContext context, Guid partnerId)
    {
        var caller = context.Caller();
        if (caller.Key is { } key)
            return key.PartnerId != partnerId
                ? null
                : new HashSet<PartnerPermission>([PartnerPermission.Read, .. ScopeFor.Where(s => key.Has(s.Value)).Select(s => s.Key)]);
        if (caller.UserId is null)
            return null;
        if ((await UserPartnersAsync(context)).FirstOrDefault(p => p.Id == partnerId) is { } mine && ByRole.TryGetValue(mine.Role, out var granted))
            return granted;
        return await PlatformAccess.IsAdminAsync(context) ? ForPlatformAdmin : null;
    }

    /// <summary>The partner, when the caller is entitled to it and has <paramref name="permission"/>.</summary>
    public static async Task<PartnerDetails> RequireAsync(IResolveFieldContext context, Guid partnerId, PartnerPermission permission)
    {
        context.Caller().RequireAuthenticated();
        var permissions = await PermissionsAsync(context, partnerId) ?? throw NotFound();
        var partner = await FindAsync(context, partnerId) ?? throw NotFound();
        if (!permissions.Contains(permission))
            throw Lacking(context, permission);
        return partner;
    }

    static ExecutionError Lacking(IResolveFieldContext context, PartnerPermission permission) =>
        WorkspaceAccess.Forbidden(context.Caller().Key is not null && ScopeFor.TryGetValue(permission, out var scope)
            ? $"The API key lacks the scope this needs ({scope})."
            : $"Your access to this partner does not allow this ({permission}).");

    /// <summary>
    /// The managing partner of a customer workspace, when the caller may act for it with <paramref name="permission"/>: NOT_FOUND
    /// to whoever may not see the workspace (as for one that does not exist); FORBIDDEN to whoever sees it but may not do this
    /// for its partner (its members, platform admins, a key without the scope) or when no partner manages it.
    /// </summary>
    public static async Task<Guid> RequireManagingPartnerAsync(IResolveFieldContext context, Guid workspaceId, PartnerPermission permission)
    {
        context.Caller().RequireAuthenticated();
        var workspace = await WorkspaceAccess.FindAsync(context, workspaceId) ?? throw GatewayErrors.WorkspaceNotFound();
        if (workspace.ManagedByPartnerId is not { } partnerId || await PermissionsAsync(context, partnerId) is not { } permissions)
            throw WorkspaceAccess.Forbidden($"Only the partner that manages this workspace may do this ({permission}).");
        if (!permissions.Contains(permission))
            throw Lacking(context, permission);
        return partnerId;
    }

    /// <summary>The same check as a bool, for fields that leave out what the caller may not see.</summary>
    public static async Task<bool> HasAsync(IResolveFieldContext context, Guid partnerId, PartnerPermission permission) =>
        (await PermissionsAsync(context, partnerId))?.Contains(permission) == true;

    /// <summary>The partners the signed-in user belongs to, with their role, asked once per request; none for other callers.</summary>
    public static async Task<IReadOnlyList<PartnerDetails>> UserPartnersAsync(IResolveFieldContext context)
    {
        var caller = context.Caller();
        if (caller.UserId is not { } userId)
            return [];
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var list = await caller.Once($"partners-of:{userId}", () =>
            requests.AskAsync<GetUserPartners, PartnerList>(new GetUserPartners { UserId = userId }, context.CancellationToken));
        return list.Partners;
    }

    /// <summary>
    /// Forgets the partners of the signed-in user asked earlier in this request: after a membership changed (a member removed),
    /// the fields that follow are authorized by the membership as it is now.
    /// </summary>
    public static void ForgetUserPartners(IResolveFieldContext context)
    {
        var caller = context.Caller();
        if (caller.UserId is { } userId)
            lock (caller)
                caller.Remove($"partners-of:{userId}");
    }

    static async Task<PartnerDetails?> FindAsync(IResolveFieldContext context, Guid partnerId)
    {
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var lookup = await context.Caller().Once($"partner:{partnerId}", () =>
            requests.AskAsync<GetPartner, PartnerLookup>(new GetPartner { PartnerId = partnerId }, context.CancellationToken));
        return lookup is { Found: true, Partner: { } partner } ? partner : null;
    }
}

/// <summary>What platform admins may do: partners and clusters. The price book and gift codes add theirs here (later issues).</summary>
public enum PlatformPermission
{
    ManagePartners,
    /// <summary>List and register the clusters workspaces are placed on.</summary>
    ManageClusters,
}

/// <summary>Where platform-admin fields are authorized: the tenant service says who is an admin (Platform:Admins:Emails).</summary>
public static class PlatformAccess
{
    /// <summary>Whether the caller is a signed-in platform admin, asked once per request.</summary>
    public static async Task<bool> IsAdminAsync(IResolveFieldContext context)
    {
        var caller = context.Caller();
        if (caller.UserId is not { } userId)
            return false;
        var requests = context.RequestServices!.GetRequiredService<ServiceRequests>();
        var status = await caller.Once($"platform-admin:{userId}", () =>
            requests.AskAsync<CheckPlatformAdmin, PlatformAdminStatus>(new CheckPlatformAdmin { UserId = userId }, context.CancellationToken));
        return status.IsPlatformAdmin;
    }

    /// <summary>The admin's user id; UNAUTHENTICATED without credentials, FORBIDDEN for anyone else (keys included).</summary>
    public static async Task<Guid> RequireAsync(IResolveFieldContext context, PlatformPermission permission)
    {
        var userId = context.Caller().RequireUser();
        return await IsAdminAsync(context) ? userId : throw WorkspaceAccess.Forbidden($"Only platform admins may do this ({permission}).");
    }
}
