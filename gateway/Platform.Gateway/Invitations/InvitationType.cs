using System.ComponentModel;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;

namespace Platform.Gateway.Invitations;

/// <summary>Where an invitation is in its life.</summary>
public enum InvitationStatus
{
    [Description("Waiting for the invitee to accept or decline.")]
    Pending,

    [Description("The invitee accepted and became a member.")]
    Accepted,

    [Description("The invitee declined.")]
    Declined,

    [Description("A member withdrew it.")]
    Revoked,

    [Description("Nobody answered before it expired.")]
    Expired,
}

public sealed class InvitationStatusType : EnumerationGraphType<InvitationStatus>
{
    public InvitationStatusType()
    {
        Name = "InvitationStatus";
        Description = "Where an invitation is in its life: PENDING, ACCEPTED, DECLINED, REVOKED or EXPIRED.";
    }
}

/// <summary>An invitation to join a workspace.</summary>
public sealed class InvitationType : ObjectGraphType<InvitationDetails>
{
    public InvitationType()
    {
        Name = "Invitation";
        Description = "An invitation by e-mail to join a workspace with a role. Its code is shown once, to the inviter.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The invitation's id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<IdGraphType>, Guid>("workspaceId").Description("The workspace the invitation is for.").Resolve(c => c.Source.WorkspaceId);
        Field<NonNullGraphType<StringGraphType>, string>("workspaceName").Description("The name of that workspace.").Resolve(c => c.Source.WorkspaceName);
        Field<NonNullGraphType<StringGraphType>, string>("email").Description("The e-mail address invited (lower case).").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<WorkspaceRoleType>, WorkspaceRole>("role")
            .Description("The role the invitee gets on accepting.")
            .Resolve(c => WorkspaceRoleType.Parse(c.Source.Role) ?? WorkspaceRole.Viewer);
        Field<NonNullGraphType<InvitationStatusType>, InvitationStatus>("status")
            .Description("PENDING until answered, revoked or expired.")
            .Resolve(c => Enum.TryParse<InvitationStatus>(c.Source.Status, true, out var s) ? s : InvitationStatus.Pending);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("createdAt").Description("When it was sent (ISO 8601).").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("expiresAt").Description("When it expires (ISO 8601).").Resolve(c => c.Source.ExpiresAt);
    }

    public static CursorKey CursorKey(InvitationDetails invitation) => new(invitation.CreatedAt, invitation.Id);
}
