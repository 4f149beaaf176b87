using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Services;
using Platform.Gateway.Teams;

namespace Platform.Gateway.Invitations;

/// <summary>inviteMember, acceptInvitation, declineInvitation and revokeInvitation.</summary>
public static class InvitationMutations
{
    public static void AddInvitationMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<InviteMemberPayloadType>, TeamPayload>("inviteMember")
            .Description("Invite someone by e-mail with a role. Owners invite managers and below, managers invite developers and viewers. "
                + "The invitation expires after 7 days; its code is returned only here.")
            .Argument<NonNullGraphType<InviteMemberInputType>>("input", "Whom to invite, where, as what.")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<TeamInput>("input");
                if (!Guid.TryParse(input.WorkspaceId, out var workspaceId))
                    throw GatewayErrors.WorkspaceNotFound();
                var role = WorkspaceRoleType.ToContract(input.Role);
                var actor = c.Caller().RequireUser();
                await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.ManageMembers, role);
                var result = await Requests(c).AskAsync<InviteMember, InviteMemberResult>(
                    new InviteMember { WorkspaceId = workspaceId, ActorId = actor, Email = input.Email, Role = role }, c.CancellationToken);
                return new TeamPayload(result.Errors) { Invitation = result.Invitation, Code = result.Code };
            });

        mutation.Field<NonNullGraphType<AcceptInvitationPayloadType>, TeamPayload>("acceptInvitation")
            .Description("Accept an invitation sent to your e-mail address and join its workspace. Requires an access token.")
            .Argument<NonNullGraphType<AcceptInvitationInputType>>("input", "The invitation's code.")
            .ResolveAsync(async c =>
            {
                var user = c.Caller().RequireUser();
                var result = await Requests(c).AskAsync<AcceptInvitation, InvitationResult>(
                    new AcceptInvitation { UserId = user, Code = c.GetArgument<TeamInput>("input").Code }, c.CancellationToken);
                return new TeamPayload(result.Errors) { Invitation = result.Invitation, WorkspaceId = result.Invitation?.WorkspaceId, UserId = user };
            });

        mutation.Field<NonNullGraphType<DeclineInvitationPayloadType>, TeamPayload>("declineInvitation")
            .Description("Decline an invitation sent to your e-mail address. Requires an access token.")
            .Argument<NonNullGraphType<DeclineInvitationInputType>>("input", "The invitation's code.")
            .ResolveAsync(async c =>
            {
                var user = c.Caller().RequireUser();
                var result = await Requests(c).AskAsync<DeclineInvitation, InvitationResult>(
                    new DeclineInvitation { UserId = user, Code = c.GetArgument<TeamInput>("input").Code }, c.CancellationToken);
                return new TeamPayload(result.Errors) { Invitation = result.Invitation };
            });

        mutation.Field<NonNullGraphType<RevokeInvitationPayloadType>, TeamPayload>("revokeInvitation")
            .Description("Withdraw a pending invitation; whoever may invite its role may revoke it.")
            .Argument<NonNullGraphType<RevokeInvitationInputType>>("input", "The invitation.")
            .ResolveAsync(async c =>
            {
                var actor = c.Caller().RequireUser();
                var found = Guid.TryParse(c.GetArgument<TeamInput>("input").InvitationId, out var invitationId)
                    ? await Requests(c).AskAsync<GetInvitation, InvitationList>(new GetInvitation { InvitationId = invitationId }, c.CancellationToken)
                    : new InvitationList { Found = false };
                var invitation = found.Invitations.FirstOrDefault() ?? throw NotFound();
                // Someone who may not see its workspace learns nothing about the invitation (the same NOT_FOUND as an unknown id);
                // whoever sees it (a member, its partner, a platform admin) without the right to manage the role is FORBIDDEN,
                // as for inviteMember.
                if (await WorkspaceAccess.FindAsync(c, invitation.WorkspaceId) is null)
                    throw NotFound();
                await WorkspaceAccess.RequireAsync(c, invitation.WorkspaceId, WorkspacePermission.ManageMembers, invitation.Role);
                var result = await Requests(c).AskAsync<RevokeInvitation, InvitationResult>(
                    new RevokeInvitation { ActorId = actor, InvitationId = invitationId }, c.CancellationToken);
                return new TeamPayload(result.Errors) { Invitation = result.Invitation };
            });
    }

    static ExecutionError NotFound() => new("No invitation with this id exists, or you may not see it.") { Code = GatewayErrors.NotFoundCode };

    static ServiceRequests Requests(IResolveFieldContext context) => context.RequestServices!.GetRequiredService<ServiceRequests>();
}
