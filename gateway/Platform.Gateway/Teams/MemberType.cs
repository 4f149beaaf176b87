using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;

namespace Platform.Gateway.Teams;

/// <summary>A member of a workspace.</summary>
public sealed class MemberType : ObjectGraphType<MemberDetails>
{
    public MemberType()
    {
        Name = "Member";
        Description = "Someone who belongs to a workspace, with their role.";
        Field<NonNullGraphType<IdGraphType>, Guid>("userId").Description("The member's user id.").Resolve(c => c.Source.UserId);
        Field<NonNullGraphType<StringGraphType>, string>("email").Description("The member's e-mail address.").Resolve(c => c.Source.Email);
        Field<NonNullGraphType<StringGraphType>, string>("displayName").Description("The member's display name.").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<WorkspaceRoleType>, WorkspaceRole>("role")
            .Description("The member's role in the workspace.")
            .Resolve(c => WorkspaceRoleType.Parse(c.Source.Role) ?? WorkspaceRole.Viewer);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("joinedAt")
            .Description("When the member joined (ISO 8601).")
            .Resolve(c => c.Source.JoinedAt);
    }

    public static CursorKey CursorKey(MemberDetails member) => new(member.JoinedAt, member.UserId);
}
