using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Tenants;
using Platform.Gateway.Invitations;
using Platform.Gateway.Schema;
using Platform.Gateway.Workspaces;

namespace Platform.Gateway.Teams;

/// <summary>What a team or invitation mutation returns; each payload type shows the parts that matter to it.</summary>
public sealed record TeamPayload(IReadOnlyList<UserError> UserErrors)
{
    public InvitationDetails? Invitation { get; init; }
    public string? Code { get; init; }
    public MemberDetails? Member { get; init; }
    public Guid? WorkspaceId { get; init; }
    public Guid? UserId { get; init; }
}

/// <summary>A payload type of a team mutation, with userErrors and the fields it names.</summary>
public abstract class TeamPayloadType : ObjectGraphType<TeamPayload>
{
    protected TeamPayloadType(string name, string description, string errorCodes)
    {
        Name = name;
        Description = description;
        this.UserErrorsField($"Why it failed ({errorCodes}); empty on success.", p => p.UserErrors);
    }

    protected void InvitationField(string description) =>
        Field<InvitationType, InvitationDetails?>("invitation").Description(description).Resolve(c => c.Source.Invitation);

    protected void MemberField(string description) =>
        Field<MemberType, MemberDetails?>("member").Description(description).Resolve(c => c.Source.Member);

    protected void WorkspaceField(string description) =>
        Field<WorkspaceType, WorkspaceDetails?>("workspace")
            .Description(description)
            .ResolveAsync(async c => c.Source is { WorkspaceId: { } workspaceId, UserId: { } userId }
                ? await WorkspaceQuery.FindAsync(c, workspaceId, userId)
                : null);
}

public sealed class InviteMemberPayloadType : TeamPayloadType
{
    public InviteMemberPayloadType() : base("InviteMemberPayload", "The result of inviteMember: the invitation and its code, or userErrors.",
        "e.g. ALREADY_MEMBER, ALREADY_INVITED, INVALID_EMAIL, INVALID_ROLE")
    {
        InvitationField("The invitation sent; null when inviting failed.");
        Field<StringGraphType, string?>("code")
            .Description("The single-use code to accept the invitation with. Shown only here: pass it on to the invitee.")
            .Resolve(c => c.Source.Code);
    }
}

public sealed class AcceptInvitationPayloadType : TeamPayloadType
{
    public AcceptInvitationPayloadType() : base("AcceptInvitationPayload", "The result of acceptInvitation: the workspace joined, or userErrors.",
        "INVITATION_NOT_FOUND, INVITATION_EXPIRED, INVITATION_USED, INVITATION_REVOKED, EMAIL_MISMATCH, ALREADY_MEMBER")
    {
        InvitationField("The accepted invitation; null when accepting failed.");
        WorkspaceField("The workspace joined; null when accepting failed.");
    }
}

public sealed class DeclineInvitationPayloadType : TeamPayloadType
{
    public DeclineInvitationPayloadType() : base("DeclineInvitationPayload", "The result of declineInvitation.",
        "INVITATION_NOT_FOUND, INVITATION_EXPIRED, INVITATION_USED, INVITATION_REVOKED, EMAIL_MISMATCH") =>
        InvitationField("The declined invitation; null when declining failed.");
}

public sealed class RevokeInvitationPayloadType : TeamPayloadType
{
    public RevokeInvitationPayloadType() : base("RevokeInvitationPayload", "The result of revokeInvitation.",
        "INVITATION_EXPIRED, INVITATION_USED, INVITATION_REVOKED") =>
        InvitationField("The revoked invitation; null when revoking failed.");
}

public sealed class ChangeMemberRolePayloadType : TeamPayloadType
{
    public ChangeMemberRolePayloadType() : base("ChangeMemberRolePayload", "The result of changeMemberRole.",
        "NOT_A_MEMBER, INVALID_ROLE, LAST_OWNER, NOT_ALLOWED") =>
        MemberField("The member with their new role; null when the change failed.");
}

public sealed class RemoveMemberPayloadType : TeamPayloadType
{
    public RemoveMemberPayloadType() : base("RemoveMemberPayload", "The result of removeMember.", "NOT_A_MEMBER, LAST_OWNER, NOT_ALLOWED") =>
        Field<IdGraphType, Guid?>("removedUserId").Description("The user removed; null when removing failed.").Resolve(c => c.Source.UserId);
}

public sealed class LeaveWorkspacePayloadType : TeamPayloadType
{
    public LeaveWorkspacePayloadType() : base("LeaveWorkspacePayload", "The result of leaveWorkspace.", "LAST_OWNER: transfer ownership first") =>
        Field<IdGraphType, Guid?>("workspaceId").Description("The workspace left; null when leaving failed.").Resolve(c => c.Source.WorkspaceId);
}

public sealed class TransferOwnershipPayloadType : TeamPayloadType
{
    public TransferOwnershipPayloadType() : base("TransferOwnershipPayload", "The result of transferOwnership.", "NOT_A_MEMBER, NOT_ALLOWED")
    {
        MemberField("The new owner; null when the transfer failed.");
        WorkspaceField("The workspace as the previous owner (now a MANAGER) sees it; null when the transfer failed.");
    }
}
