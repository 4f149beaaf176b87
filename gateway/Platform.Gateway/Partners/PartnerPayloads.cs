using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Invitations;
using Platform.Gateway.Schema;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Partners;

/// <summary>The arguments of the partner and admin mutations (ids as strings; an id that does not parse is NOT_FOUND).</summary>
public sealed class PartnerInput
{
    public string PartnerId { get; set; } = "";
    public string ApiKeyId { get; set; } = "";
    public string Name { get; set; } = "";
    public string OwnerEmail { get; set; } = "";
    public string Email { get; set; } = "";
    public string? UserId { get; set; }
    public PartnerRole Role { get; set; }
    public string Reason { get; set; } = "";
    public List<string> Scopes { get; set; } = [];
    public DateTimeOffset? ExpiresAt { get; set; }
    public string CustomerEmail { get; set; } = "";
    public string? Region { get; set; }
    public string WorkspaceId { get; set; } = "";
}

/// <summary>An input object of a partner mutation with the fields it names; "?" marks an optional one.</summary>
public abstract class PartnerInputType : InputObjectGraphType<PartnerInput>
{
    protected PartnerInputType(string name, string description, params (string Field, string Description)[] fields)
    {
        Name = name;
        Description = description;
        foreach (var (field, about) in fields)
        {
            switch (field)
            {
                case "role": Field<NonNullGraphType<PartnerRoleType>>(field).Description(about); break;
                case "scopes": Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>(field).Description(about); break;
                case "expiresAt?": Field<DateTimeOffsetGraphType>("expiresAt").Description(about); break;
                case "region?": Field<StringGraphType>("region").Description(about); break;
                case "userId?": Field<IdGraphType>("userId").Description(about); break;
                case "email?": Field<StringGraphType>("email").Description(about); break;
                case var id when id.EndsWith("Id", StringComparison.Ordinal): Field<NonNullGraphType<IdGraphType>>(field).Description(about); break;
                default: Field<NonNullGraphType<StringGraphType>>(field).Description(about); break;
            }
        }
    }
}

public sealed class CreatePartnerInputType() : PartnerInputType("CreatePartnerInput", "A partner an admin creates, ACTIVE at once.",
    ("name", "The partner's name, unique."), ("ownerEmail", "The e-mail of its first ADMIN; they may sign up later."));

public sealed class ApplyForPartnershipInputType() : PartnerInputType("ApplyForPartnershipInput", "Apply to become a partner; you become its ADMIN.",
    ("name", "The partner's name, unique."));

public sealed class ApprovePartnerInputType() : PartnerInputType("ApprovePartnerInput", "The PENDING partner to approve.", ("partnerId", "The partner."));

public sealed class RejectPartnerInputType() : PartnerInputType("RejectPartnerInput", "The PENDING partner to reject.",
    ("partnerId", "The partner."), ("reason", "Why, for the applicant."));

public sealed class AddPartnerMemberInputType() : PartnerInputType("AddPartnerMemberInput", "Whom to add to the partner (or whose role to change).",
    ("partnerId", "The partner."), ("email", "Their e-mail address; they may sign up later."), ("role", "ADMIN or MEMBER."));

public sealed class RemovePartnerMemberInputType() : PartnerInputType("RemovePartnerMemberInput",
    "Whom to remove from the partner: give userId or email, one of them. Your own userId leaves the partner.",
    ("partnerId", "The partner."), ("userId?", "The member's user id (me.id to leave)."),
    ("email?", "The member's e-mail address, as partner.members lists it (also for someone who has not signed up)."));

public sealed class CreateApiKeyInputType() : PartnerInputType("CreateApiKeyInput", "A new API key of a partner.",
    ("partnerId", "The partner."), ("name", "What the key is for."),
    ("scopes", $"What it may do, from: {string.Join(", ", ApiKeyScopes.All)}."), ("expiresAt?", "When it stops working; never when omitted."));

public sealed class RevokeApiKeyInputType() : PartnerInputType("RevokeApiKeyInput", "The key to revoke.",
    ("partnerId", "The partner."), ("apiKeyId", "The key's id."));

public sealed class CreateCustomerWorkspaceInputType() : PartnerInputType("CreateCustomerWorkspaceInput",
    "A workspace for a customer of the partner; the customer is invited as its OWNER.",
    ("partnerId", "The partner."), ("name", "The workspace's name, unique among the partner's customer workspaces."),
    ("customerEmail", "The customer's e-mail address: invited as OWNER."), ("region?", "The region; the platform's default when omitted."));

public sealed class ResendCustomerInvitationInputType() : PartnerInputType("ResendCustomerInvitationInput",
    "The customer workspace whose OWNER invitation to send again.", ("workspaceId", "The partner's customer workspace, still without an owner."));

/// <summary>What a partner or admin mutation returns; each payload type shows the parts that matter to it.</summary>
public sealed record PartnerPayload(IReadOnlyList<UserError> UserErrors)
{
    public PartnerDetails? Partner { get; init; }
    public ApiKeyDetails? ApiKey { get; init; }
    public string? Key { get; init; }
    public WorkspaceDetails? Workspace { get; init; }
    public InvitationDetails? Invitation { get; init; }
    public string? Code { get; init; }
}

public abstract class PartnerPayloadType : ObjectGraphType<PartnerPayload>
{
    protected PartnerPayloadType(string name, string description, string errorCodes)
    {
        Name = name;
        Description = description;
        this.UserErrorsField($"Why it failed ({errorCodes}); empty on success.", p => p.UserErrors);
    }

    protected void PartnerField() =>
        Field<PartnerType, PartnerDetails?>("partner").Description("The partner as it is now; null when it failed.").Resolve(c => c.Source.Partner);
}

public sealed class PartnerPayloadForCreate : PartnerPayloadType
{
    public PartnerPayloadForCreate() : base("CreatePartnerPayload", "The result of createPartner.", "INVALID_NAME, INVALID_EMAIL, NAME_TAKEN") => PartnerField();
}

public sealed class PartnerPayloadForApply : PartnerPayloadType
{
    public PartnerPayloadForApply() : base("ApplyForPartnershipPayload", "The result of applyForPartnership: a PENDING partner.", "INVALID_NAME, NAME_TAKEN") =>
        PartnerField();
}

public sealed class PartnerPayloadForDecision : PartnerPayloadType
{
    public PartnerPayloadForDecision() : base("PartnerDecisionPayload", "The result of approvePartner or rejectPartner.",
        "PARTNER_NOT_FOUND, INVALID_STATE, INVALID_REASON") => PartnerField();
}

public sealed class PartnerPayloadForMember : PartnerPayloadType
{
    public PartnerPayloadForMember() : base("AddPartnerMemberPayload", "The result of addPartnerMember.", "INVALID_EMAIL, INVALID_ROLE, NOT_ALLOWED") =>
        PartnerField();
}

public sealed class PartnerPayloadForMemberRemoval : PartnerPayloadType
{
    public PartnerPayloadForMemberRemoval() : base("RemovePartnerMemberPayload", "The result of removePartnerMember.",
        "NOT_A_MEMBER, NOT_ALLOWED, LAST_ADMIN: make someone else ADMIN first") => PartnerField();
}

public sealed class CreateApiKeyPayloadType : PartnerPayloadType
{
    public CreateApiKeyPayloadType() : base("CreateApiKeyPayload", "The result of createApiKey: the key, shown only here.",
        "INVALID_NAME, INVALID_SCOPE, INVALID_EXPIRY, PARTNER_NOT_ACTIVE")
    {
        Field<ApiKeyType, ApiKeyDetails?>("apiKey").Description("The key as it will be listed; null when it failed.").Resolve(c => c.Source.ApiKey);
        Field<StringGraphType, string?>("key")
            .Description("The key to send as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'. Shown only here; only its hash is kept.")
            .Resolve(c => c.Source.Key);
    }
}

public sealed class RevokeApiKeyPayloadType : PartnerPayloadType
{
    public RevokeApiKeyPayloadType() : base("RevokeApiKeyPayload", "The result of revokeApiKey.", "API_KEY_NOT_FOUND, API_KEY_REVOKED") =>
        Field<ApiKeyType, ApiKeyDetails?>("apiKey").Description("The revoked key; null when it failed.").Resolve(c => c.Source.ApiKey);
}

public sealed class CreateCustomerWorkspacePayloadType : PartnerPayloadType
{
    public CreateCustomerWorkspacePayloadType() : base("CreateCustomerWorkspacePayload",
        "The result of createCustomerWorkspace: the workspace (PROVISIONING at first) and the customer's OWNER invitation.",
        "INVALID_NAME, INVALID_EMAIL, NAME_TAKEN, PARTNER_NOT_ACTIVE")
    {
        Field<WorkspaceType, WorkspaceDetails?>("workspace").Description("The new workspace; null when it failed.").Resolve(c => c.Source.Workspace);
        Field<InvitationType, InvitationDetails?>("invitation").Description("The customer's OWNER invitation.").Resolve(c => c.Source.Invitation);
        Field<StringGraphType, string?>("code")
            .Description("The invitation's single-use code, shown only here: pass it to the customer, who accepts it signed in with that e-mail.")
            .Resolve(c => c.Source.Code);
    }
}

public sealed class ResendCustomerInvitationPayloadType : PartnerPayloadType
{
    public ResendCustomerInvitationPayloadType() : base("ResendCustomerInvitationPayload",
        "The result of resendCustomerInvitation: a fresh OWNER invitation for the customer's e-mail; the earlier one can no longer be accepted.",
        "ALREADY_HAS_OWNER: the customer already accepted; INVALID_STATE: the workspace is being deleted; INVITATION_NOT_FOUND")
    {
        Field<InvitationType, InvitationDetails?>("invitation").Description("The new OWNER invitation; null when it failed.").Resolve(c => c.Source.Invitation);
        Field<StringGraphType, string?>("code")
            .Description("The new invitation's single-use code, shown only here: pass it to the customer, who accepts it signed in with that e-mail.")
            .Resolve(c => c.Source.Code);
    }
}
