namespace Platform.Contracts.Tenants;

// Partners (resellers), their members and API keys, platform admins and customer workspaces, kept by the tenant
// service. The gateway authorizes every request before it sends one of these (Authorization/ in the gateway); the
// tenant service checks again what only it can know (the partner's status, the acting user's role in the partner).

/// <summary>The catalogue of API key scopes: what a partner key may do with the partner's customer workspaces.</summary>
public static class ApiKeyScopes
{
    /// <summary>Read the partner's customer workspaces (status, placement, quota).</summary>
    public const string WorkspacesRead = "workspaces:read";

    /// <summary>Create customer workspaces.</summary>
    public const string WorkspacesWrite = "workspaces:write";

    /// <summary>Read balances (and, later, usage and invoices) of customer workspaces.</summary>
    public const string BillingRead = "billing:read";

    /// <summary>Change billing of customer workspaces (recharges, ...).</summary>
    public const string BillingWrite = "billing:write";

    /// <summary>Install, upgrade and uninstall apps in customer workspaces.</summary>
    public const string AppsWrite = "apps:write";

    /// <summary>Manage the partner's webhook subscriptions.</summary>
    public const string WebhooksWrite = "webhooks:write";

    public static readonly IReadOnlyList<string> All = [WorkspacesRead, WorkspacesWrite, BillingRead, BillingWrite, AppsWrite, WebhooksWrite];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}

/// <summary>The roles of a partner's members: ADMIN manages keys and members, MEMBER acts for the partner.</summary>
public static class PartnerRoles
{
    public const string Admin = "ADMIN";
    public const string Member = "MEMBER";

    public static readonly IReadOnlyList<string> All = [Admin, Member];
}

/// <summary>The states of a partner: PENDING (applied, waiting for an admin), ACTIVE, REJECTED.</summary>
public static class PartnerStatuses
{
    public const string Pending = "PENDING";
    public const string Active = "ACTIVE";
    public const string Rejected = "REJECTED";
}

/// <summary>The codes of the partner and API key userErrors.</summary>
public static class PartnerErrors
{
    public const string InvalidName = "INVALID_NAME";
    public const string InvalidEmail = "INVALID_EMAIL";
    public const string InvalidRole = "INVALID_ROLE";
    public const string InvalidScope = "INVALID_SCOPE";
    public const string InvalidExpiry = "INVALID_EXPIRY";
    public const string NameTaken = "NAME_TAKEN";
    public const string NotAllowed = "NOT_ALLOWED";
    public const string PartnerNotFound = "PARTNER_NOT_FOUND";
    public const string PartnerNotActive = "PARTNER_NOT_ACTIVE";
    public const string InvalidState = "INVALID_STATE";
    public const string AlreadyMember = "ALREADY_MEMBER";
    public const string NotAMember = "NOT_A_MEMBER";
    public const string LastAdmin = "LAST_ADMIN";
    public const string ApiKeyNotFound = "API_KEY_NOT_FOUND";
    public const string ApiKeyRevoked = "API_KEY_REVOKED";
}

/// <summary>A member of a partner, by email: whoever signs in with that email acts with the role, before or after signing up.</summary>
public sealed record PartnerMemberDetails
{
    public string Email { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTimeOffset AddedAt { get; init; }
}

/// <summary>A partner organisation as the tenant service knows it.</summary>
public sealed record PartnerDetails
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Status { get; init; } = "";
    public string? RejectionReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<PartnerMemberDetails> Members { get; init; } = [];
    /// <summary>The role of the user asking (GetUserPartners): ADMIN or MEMBER; empty otherwise.</summary>
    public string Role { get; init; } = "";
}

/// <summary>Request: is this user a platform admin (their email is in Platform:Admins:Emails)?</summary>
public sealed record CheckPlatformAdmin
{
    public required Guid UserId { get; init; }
}

/// <summary>Response to <see cref="CheckPlatformAdmin"/>.</summary>
public sealed record PlatformAdminStatus
{
    public bool IsPlatformAdmin { get; init; }
}

/// <summary>Request: a platform admin creates an ACTIVE partner whose owner (an ADMIN member) is known by email.</summary>
public sealed record CreatePartner
{
    public required Guid ActorId { get; init; }
    public required string Name { get; init; }
    public required string OwnerEmail { get; init; }
}

/// <summary>Request: a signed-in user applies for a partnership; the partner is PENDING until an admin decides.</summary>
public sealed record ApplyForPartnership
{
    public required Guid UserId { get; init; }
    public required string Name { get; init; }
}

/// <summary>Request: a platform admin approves a PENDING partner.</summary>
public sealed record ApprovePartner
{
    public required Guid ActorId { get; init; }
    public required Guid PartnerId { get; init; }
}

/// <summary>Request: a platform admin rejects a PENDING partner with a reason.</summary>
public sealed record RejectPartner
{
    public required Guid ActorId { get; init; }
    public required Guid PartnerId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Request: a partner ADMIN adds a member by email (or changes their role).</summary>
public sealed record AddPartnerMember
{
    public required Guid PartnerId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Email { get; init; }
    public required string Role { get; init; }
}

/// <summary>
/// Request: a partner ADMIN removes a member, named by user id or by e-mail (one of them; e-mail for someone who has not
/// signed up yet); any member may remove themselves (leave). The partner's last ADMIN cannot be removed.
/// </summary>
public sealed record RemovePartnerMember
{
    public required Guid PartnerId { get; init; }
    public required Guid ActorId { get; init; }
    public Guid? UserId { get; init; }
    public string? Email { get; init; }
}

/// <summary>Response to the partner commands.</summary>
public sealed record PartnerResult
{
    public PartnerDetails? Partner { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: one partner by id (the gateway has authorized the caller).</summary>
public sealed record GetPartner
{
    public required Guid PartnerId { get; init; }
}

/// <summary>Response to <see cref="GetPartner"/>.</summary>
public sealed record PartnerLookup
{
    public bool Found { get; init; }
    public PartnerDetails? Partner { get; init; }
}

/// <summary>Request: every partner (for platform admins), optionally only those with a status.</summary>
public sealed record ListPartners
{
    public string? Status { get; init; }
}

/// <summary>Request: the partners a user is a member of (by their email), with their role in each.</summary>
public sealed record GetUserPartners
{
    public required Guid UserId { get; init; }
}

/// <summary>Response to <see cref="ListPartners"/> and <see cref="GetUserPartners"/>.</summary>
public sealed record PartnerList
{
    public IReadOnlyList<PartnerDetails> Partners { get; init; } = [];
}

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyDetails
{
    public Guid Id { get; init; }
    public Guid PartnerId { get; init; }
    public string Name { get; init; } = "";
    /// <summary>The start of the key ("pk_" + key id), enough to recognise it, useless to call with.</summary>
    public string Prefix { get; init; } = "";
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>Request: a partner ADMIN creates an API key with scopes from <see cref="ApiKeyScopes"/> and an optional expiry.</summary>
public sealed record CreateApiKey
{
    public required Guid PartnerId { get; init; }
    public required Guid ActorId { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>Response to <see cref="CreateApiKey"/>: the key string is here and nowhere else, ever.</summary>
public sealed record CreateApiKeyResult
{
    public ApiKeyDetails? ApiKey { get; init; }
    public string? Key { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: a partner ADMIN revokes one of the partner's keys; it stops working at once.</summary>
public sealed record RevokeApiKey
{
    public required Guid PartnerId { get; init; }
    public required Guid ActorId { get; init; }
    public required Guid KeyId { get; init; }
}

/// <summary>Response to <see cref="RevokeApiKey"/>.</summary>
public sealed record ApiKeyResult
{
    public ApiKeyDetails? ApiKey { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: the API keys of a partner, revoked and expired ones included.</summary>
public sealed record ListApiKeys
{
    public required Guid PartnerId { get; init; }
}

/// <summary>Response to <see cref="ListApiKeys"/>.</summary>
public sealed record ApiKeyList
{
    public IReadOnlyList<ApiKeyDetails> ApiKeys { get; init; } = [];
}

/// <summary>Request: who is this key? Records its use (at most once a minute).</summary>
public sealed record AuthenticateApiKey
{
    public required string Key { get; init; }
}

/// <summary>Response to <see cref="AuthenticateApiKey"/>: unknown, wrong, expired, revoked keys and inactive partners all look the same.</summary>
public sealed record ApiKeyAuthentication
{
    public bool Authenticated { get; init; }
    public Guid PartnerId { get; init; }
    public Guid KeyId { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = [];
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>
/// Request: a partner creates a workspace for a customer: onboarded as usual, managed by the partner, and the customer's
/// email is invited as its OWNER. RequestedBy names the actor for the log: "key:{id}" or "user:{id}".
/// </summary>
public sealed record CreateCustomerWorkspace
{
    public required Guid PartnerId { get; init; }
    public required string RequestedBy { get; init; }
    public required string Name { get; init; }
    public required string CustomerEmail { get; init; }
    public string? Region { get; init; }
}

/// <summary>Response to <see cref="CreateCustomerWorkspace"/>: the workspace, the owner invitation and its single-use code.</summary>
public sealed record CreateCustomerWorkspaceResult
{
    public WorkspaceDetails? Workspace { get; init; }
    public InvitationDetails? Invitation { get; init; }
    public string? Code { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>
/// Request: a fresh OWNER invitation of a partner's customer workspace that has no owner yet, for the e-mail invited before;
/// the earlier open OWNER invitation can no longer be accepted. The gateway has authorized the partner.
/// </summary>
public sealed record ResendCustomerInvitation
{
    public required Guid PartnerId { get; init; }
    public required Guid WorkspaceId { get; init; }
    /// <summary>Who asked, for the log: "key:&lt;id&gt;" or "user:&lt;id&gt;".</summary>
    public required string RequestedBy { get; init; }
}

/// <summary>Response to <see cref="ResendCustomerInvitation"/>: the new invitation and its single-use code, shown only here.</summary>
public sealed record ResendCustomerInvitationResult
{
    public InvitationDetails? Invitation { get; init; }
    public string? Code { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>Request: the workspaces a partner manages, oldest first (deleted ones left out).</summary>
public sealed record ListPartnerWorkspaces
{
    public required Guid PartnerId { get; init; }
}

/// <summary>Response to <see cref="ListPartnerWorkspaces"/>.</summary>
public sealed record PartnerWorkspaceList
{
    public IReadOnlyList<WorkspaceDetails> Workspaces { get; init; } = [];
}

/// <summary>
/// Request: one workspace whatever the caller's membership (Role is empty); for the gateway after it authorized a
/// partner or a platform admin by <see cref="WorkspaceDetails.ManagedByPartnerId"/>.
/// </summary>
public sealed record FindWorkspace
{
    public required Guid WorkspaceId { get; init; }
}
