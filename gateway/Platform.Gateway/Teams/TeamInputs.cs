using GraphQL.Types;
using Platform.Gateway.Authorization;

namespace Platform.Gateway.Teams;

/// <summary>The arguments of the team and invitation mutations (ids as strings; an id that does not parse is NOT_FOUND).</summary>
public sealed class TeamInput
{
    public string WorkspaceId { get; set; } = "";
    public string UserId { get; set; } = "";
    public string InvitationId { get; set; } = "";
    public string Email { get; set; } = "";
    public string Code { get; set; } = "";
    public WorkspaceRole Role { get; set; }
}

/// <summary>An input object of a team mutation with the fields it names.</summary>
public abstract class TeamInputType : InputObjectGraphType<TeamInput>
{
    protected TeamInputType(string name, string description, params (string Field, string Description)[] fields)
    {
        Name = name;
        Description = description;
        foreach (var (field, about) in fields)
        {
            if (field == "role")
                Field<NonNullGraphType<WorkspaceRoleType>>(field).Description(about);
            else if (field.EndsWith("Id", StringComparison.Ordinal))
                Field<NonNullGraphType<IdGraphType>>(field).Description(about);
            else
                Field<NonNullGraphType<StringGraphType>>(field).Description(about);
        }
    }
}

public sealed class InviteMemberInputType() : TeamInputType("InviteMemberInput", "Whom to invite into which workspace, with which role.",
    ("workspaceId", "The workspace."), ("email", "The e-mail address to invite; the person may not have an account yet."),
    ("role", "The role they get on accepting: MANAGER, DEVELOPER or VIEWER (up to what you may manage)."));

public sealed class AcceptInvitationInputType() : TeamInputType("AcceptInvitationInput", "The invitation to accept.",
    ("code", "The code from the invitation; you must be signed in with the invited e-mail address."));

public sealed class DeclineInvitationInputType() : TeamInputType("DeclineInvitationInput", "The invitation to decline.",
    ("code", "The code from the invitation; you must be signed in with the invited e-mail address."));

public sealed class RevokeInvitationInputType() : TeamInputType("RevokeInvitationInput", "The invitation to withdraw.",
    ("invitationId", "The invitation's id."));

public sealed class ChangeMemberRoleInputType() : TeamInputType("ChangeMemberRoleInput", "Whose role to change, in which workspace, to what.",
    ("workspaceId", "The workspace."), ("userId", "The member."), ("role", "The new role: MANAGER, DEVELOPER or VIEWER."));

public sealed class RemoveMemberInputType() : TeamInputType("RemoveMemberInput", "Whom to remove from which workspace.",
    ("workspaceId", "The workspace."), ("userId", "The member to remove."));

public sealed class LeaveWorkspaceInputType() : TeamInputType("LeaveWorkspaceInput", "The workspace to leave.", ("workspaceId", "The workspace."));

public sealed class TransferOwnershipInputType() : TeamInputType("TransferOwnershipInput", "To whom to hand the workspace.",
    ("workspaceId", "The workspace."), ("userId", "The member who becomes the owner."));
