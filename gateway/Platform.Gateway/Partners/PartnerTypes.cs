using System.ComponentModel;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;
using Platform.Gateway.Services;
using Platform.Gateway.Webhooks;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Partners;

/// <summary>Where a partner is in its life.</summary>
public enum PartnerStatus
{
    [Description("Applied; waiting for a platform admin to approve or reject it.")]
    Pending,

    [Description("Approved (or created by an admin): creates keys and customer workspaces.")]
    Active,

    [Description("A platform admin rejected the application; see rejectionReason.")]
    Rejected,
}

public sealed class PartnerStatusType : EnumerationGraphType<PartnerStatus>
{
    public PartnerStatusType()
    {
        Name = "PartnerStatus";
        Description = "Where a partner is in its life: PENDING, ACTIVE or REJECTED.";
    }
}

/// <summary>A partner's member role.</summary>
public enum PartnerRole
{
    [Description("Manages the partner's API keys and members, and acts for it.")]
    Admin,

    [Description("Acts for the partner: lists and creates its customer workspaces.")]
    Member,
}

public sealed class PartnerRoleType : EnumerationGraphType<PartnerRole>
{
    public PartnerRoleType()
    {
        Name = "PartnerRole";
        Description = "A partner member's role: ADMIN or MEMBER.";
    }

    public static PartnerRole? Parse(string? role) => Enum.TryParse<PartnerRole>(role, true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}

/// <summary>Someone who acts for a partner.</summary>
public sealed class PartnerMemberType : ObjectGraphType<PartnerMemberDetails>
{
    public PartnerMemberType()
    {
        Name = "PartnerMember";
        Description = "Someone who acts for a partner, known by e-mail (they may sign up before or after being added).";
        Field<NonNullGraphType<StringGraphType>, string>("email").Description("The member's e-mail address (lower case).").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<PartnerRoleType>, PartnerRole>("role").Description("ADMIN or MEMBER.")
            .Resolve(c => PartnerRoleType.Parse(c.Source.Role) ?? PartnerRole.Member);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("addedAt").Description("When they were added (ISO 8601).").Resolve(c => c.Source.AddedAt);
    }
}

/// <summary>A partner API key as listed: never its secret.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKeyDetails>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A partner's API key. The key itself is shown once, by createApiKey; only its prefix is listed.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The key's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("name").Description("What the key is for.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>, string>("prefix").Description("The start of the key (pk_<id>), to recognise it.").Resolve(c => c.Source.Prefix);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>, IReadOnlyList<string>>("scopes")
            .Description($"What the key may do: {string.Join(", ", ApiKeyScopes.All)}.").Resolve(c => c.Source.Scopes);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt").Description("When it was created (ISO 8601).").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("expiresAt").Description("When it stops working; null: never.").Resolve(c => c.Source.ExpiresAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("revokedAt").Description("When it was revoked; null while it is not.").Resolve(c => c.Source.RevokedAt);
        Field<DateTimeOffsetGraphType, DateTimeOffset?>("lastUsedAt")
            .Description("When it last authenticated a request (recorded at most once a minute); null: never.").Resolve(c => c.Source.LastUsedAt);
    }

    public static CursorKey CursorKey(ApiKeyDetails key) => new(key.CreatedAt, key.Id);
}

/// <summary>A partner organisation.</summary>
public sealed class PartnerType : ObjectGraphType<PartnerDetails>
{
    public PartnerType()
    {
        Name = "Partner";
        Description = "A reseller that creates and manages workspaces for its customers, with members and API keys.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The partner's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("name").Description("The partner's name (unique).").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<PartnerStatusType>, PartnerStatus>("status").Description("PENDING, ACTIVE or REJECTED.")
            .Resolve(c => Enum.TryParse<PartnerStatus>(c.Source.Status, true, out var s) ? s : PartnerStatus.Pending);
        Field<StringGraphType, string?>("rejectionReason").Description("Why an admin rejected it, when REJECTED.").Resolve(c => c.Source.RejectionReason);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt").Description("When it was created or applied (ISO 8601).")
            .Resolve(c => c.Source.CreatedAt);
        Field<PartnerRoleType, PartnerRole?>("myRole").Description("The signed-in user's role in the partner; null for keys, admins and others.")
            .ResolveAsync(async c => PartnerRoleType.Parse((await PartnerAccess.UserPartnersAsync(c)).FirstOrDefault(p => p.Id == c.Source.Id)?.Role));
        Field<ListGraphType<NonNullGraphType<PartnerMemberType>>, IReadOnlyList<PartnerMemberDetails>?>("members")
            .Description("Who acts for the partner. Partner ADMINs and platform admins only (FORBIDDEN otherwise).")
            .ResolveAsync(async c =>
            {
                if (!await PartnerAccess.HasAsync(c, c.Source.Id, PartnerPermission.ManageMembers) && !await PlatformAccess.IsAdminAsync(c))
                    throw WorkspaceAccess.Forbidden("Only the partner's ADMIN members see its members.");
                return c.Source.Members;
            });
        this.GatedConnectionField<PartnerDetails, ApiKeyType, ApiKeyDetails>("apiKeys")
            .Description("The partner's API keys, oldest first, revoked and expired ones included. Partner ADMINs only.")
            .ResolveAsync(async c =>
            {
                await PartnerAccess.RequireAsync(c, c.Source.Id, PartnerPermission.ManageKeys);
                var page = c.PageRequest();
                var keys = await Requests(c).AskAsync<ListApiKeys, ApiKeyList>(new ListApiKeys { PartnerId = c.Source.Id }, c.CancellationToken);
                return Connections.Connection<ApiKeyDetails>.Slice(keys.ApiKeys, ApiKeyType.CursorKey, page);
            });
        this.GatedConnectionField<PartnerDetails, WorkspaceType, WorkspaceDetails>("customerWorkspaces")
            .Description("The workspaces the partner created for its customers, oldest first. Keys need workspaces:read; each balance billing:read.")
            .ResolveAsync(async c =>
            {
                await PartnerAccess.RequireAsync(c, c.Source.Id, PartnerPermission.ReadWorkspaces);
                var page = c.PageRequest();
                var list = await Requests(c).AskAsync<ListPartnerWorkspaces, PartnerWorkspaceList>(
                    new ListPartnerWorkspaces { PartnerId = c.Source.Id }, c.CancellationToken);
                return Connections.Connection<WorkspaceDetails>.Slice(list.Workspaces, WorkspaceType.CursorKey, page);
            });
        this.AddWebhookSubscriptions();
    }

    static ServiceRequests Requests(GraphQL.IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ServiceRequests>();

    public static CursorKey CursorKey(PartnerDetails partner) => new(partner.CreatedAt, partner.Id);
}
