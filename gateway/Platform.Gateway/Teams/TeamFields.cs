using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;
using Platform.Gateway.Invitations;
using Platform.Gateway.Services;

namespace Platform.Gateway.Teams;

/// <summary>The team fields of Workspace (members, invitations, myRole) and of User (invitations).</summary>
public static class TeamFields
{
    public static void AddTeamFields(this ObjectGraphType<WorkspaceDetails> workspace)
    {
        workspace.Field<WorkspaceRoleType, WorkspaceRole?>("myRole")
            .Description("The signed-in user's role in this workspace. Null with FORBIDDEN for partner keys, partner members and platform admins, who see the workspace without a role.")
            .ResolveAsync(async c =>
            {
                await WorkspaceAccess.RequireAsync(c, c.Source, WorkspacePermission.Read);
                return WorkspaceRoleType.Parse(c.Source.Role)
                    ?? throw WorkspaceAccess.Forbidden("Only members have a role; partners and admins see the workspace without one.");
            });
        workspace.GatedConnectionField<WorkspaceDetails, MemberType, MemberDetails>("members")
            .Description("The members of the workspace with their roles, in the order they joined. Any member may read them.")
            .ResolveAsync(async c =>
            {
                await WorkspaceAccess.RequireAsync(c, c.Source, WorkspacePermission.ReadTeam);
                var page = c.PageRequest();
                var members = await c.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<GetWorkspaceMembers, WorkspaceMemberList>(
                    new GetWorkspaceMembers { WorkspaceId = c.Source.Id, RequestedBy = c.Caller().RequireUser() }, c.CancellationToken);
                return Connection<MemberDetails>.Slice(members.Members, MemberType.CursorKey, page);
            });
        workspace.GatedConnectionField<WorkspaceDetails, InvitationType, InvitationDetails>("invitations")
            .Description("The pending invitations of the workspace, oldest first. Owners and managers only (FORBIDDEN otherwise).")
            .ResolveAsync(async c =>
            {
                await WorkspaceAccess.RequireAsync(c, c.Source, WorkspacePermission.ManageMembers);
                var page = c.PageRequest();
                var invitations = await c.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<GetWorkspaceInvitations, InvitationList>(
                    new GetWorkspaceInvitations { WorkspaceId = c.Source.Id, RequestedBy = c.Caller().RequireUser() }, c.CancellationToken);
                return Connection<InvitationDetails>.Slice(invitations.Invitations, InvitationType.CursorKey, page);
            });
    }

    public static void AddInvitations(this ObjectGraphType<UserDetails> user) =>
        user.GatedConnectionField<UserDetails, InvitationType, InvitationDetails>("invitations")
            .Description("The pending invitations sent to the user's e-mail address, oldest first; only the user sees them.")
            .ResolveAsync(async c =>
            {
                if (c.Caller().RequireUser() != c.Source.Id)
                    throw WorkspaceAccess.Forbidden("Only the user sees their invitations.");
                var page = c.PageRequest();
                var invitations = await c.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<GetUserInvitations, InvitationList>(
                    new GetUserInvitations { UserId = c.Source.Id }, c.CancellationToken);
                return Connection<InvitationDetails>.Slice(invitations.Invitations, InvitationType.CursorKey, page);
            });
}
