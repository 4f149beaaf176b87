using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Tenants;
using Platform.Gateway.Auth;
using Platform.Gateway.Authorization;
using Platform.Gateway.Services;

namespace Platform.Gateway.Teams;

/// <summary>changeMemberRole, removeMember, leaveWorkspace and transferOwnership, each authorized by <see cref="WorkspaceAccess"/>.</summary>
public static class TeamMutations
{
    public static void AddTeamMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ChangeMemberRolePayloadType>, TeamPayload>("changeMemberRole")
            .Description("Give a member another role. Owners change managers and below, managers change developers and viewers.")
            .Argument<NonNullGraphType<ChangeMemberRoleInputType>>("input", "The member and the new role.")
            .ResolveAsync(async c =>
            {
                var (input, workspaceId, userId) = Read(c);
                var newRole = WorkspaceRoleType.ToContract(input.Role);
                var actor = c.Caller().RequireUser();
                await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.ManageMembers, [newRole, .. await RoleOfAsync(c, workspaceId, userId)]);
                var result = await Ask<ChangeMemberRole>(c, new ChangeMemberRole { WorkspaceId = workspaceId, ActorId = actor, UserId = userId, Role = newRole });
                return new TeamPayload(result.Errors) { Member = result.Member };
            });

        mutation.Field<NonNullGraphType<RemoveMemberPayloadType>, TeamPayload>("removeMember")
            .Description("Remove a member. Owners remove managers and below, managers remove developers and viewers; removing yourself is leaving.")
            .Argument<NonNullGraphType<RemoveMemberInputType>>("input", "The workspace and the member.")
            .ResolveAsync(async c =>
            {
                var (_, workspaceId, userId) = Read(c);
                var actor = c.Caller().RequireUser();
                if (actor == userId)
                    await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.Leave);
                else
                    await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.ManageMembers, [.. await RoleOfAsync(c, workspaceId, userId)]);
                var result = await Ask<RemoveMember>(c, new RemoveMember { WorkspaceId = workspaceId, ActorId = actor, UserId = userId });
                return new TeamPayload(result.Errors) { UserId = result.Errors.Count == 0 ? userId : null };
            });

        mutation.Field<NonNullGraphType<LeaveWorkspacePayloadType>, TeamPayload>("leaveWorkspace")
            .Description("Leave a workspace. The owner has to transfer ownership first (LAST_OWNER).")
            .Argument<NonNullGraphType<LeaveWorkspaceInputType>>("input", "The workspace.")
            .ResolveAsync(async c =>
            {
                var (_, workspaceId, _) = Read(c);
                var actor = c.Caller().RequireUser();
                await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.Leave);
                var result = await Ask<LeaveWorkspace>(c, new LeaveWorkspace { WorkspaceId = workspaceId, UserId = actor });
                return new TeamPayload(result.Errors) { WorkspaceId = result.Errors.Count == 0 ? workspaceId : null };
            });

        mutation.Field<NonNullGraphType<TransferOwnershipPayloadType>, TeamPayload>("transferOwnership")
            .Description("Hand the workspace to another member (owner only); the previous owner becomes a MANAGER.")
            .Argument<NonNullGraphType<TransferOwnershipInputType>>("input", "The workspace and the new owner.")
            .ResolveAsync(async c =>
            {
                var (_, workspaceId, userId) = Read(c);
                var actor = c.Caller().RequireUser();
                await WorkspaceAccess.RequireAsync(c, workspaceId, WorkspacePermission.TransferOwnership);
                var result = await Ask<TransferOwnership>(c, new TransferOwnership { WorkspaceId = workspaceId, ActorId = actor, UserId = userId });
                return new TeamPayload(result.Errors)
                {
                    Member = result.Member, WorkspaceId = result.Errors.Count == 0 ? workspaceId : null, UserId = actor,
                };
            });
    }

    static (TeamInput Input, Guid WorkspaceId, Guid UserId) Read(IResolveFieldContext context)
    {
        var input = context.GetArgument<TeamInput>("input");
        if (!Guid.TryParse(input.WorkspaceId, out var workspaceId))
            throw GatewayErrors.WorkspaceNotFound();
        return (input, workspaceId, Guid.TryParse(input.UserId, out var userId) ? userId : Guid.Empty);
    }

    /// <summary>The current role of the member acted on (none when they are not a member: the service answers NOT_A_MEMBER).</summary>
    static async Task<string[]> RoleOfAsync(IResolveFieldContext context, Guid workspaceId, Guid userId)
    {
        var members = await context.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<GetWorkspaceMembers, WorkspaceMemberList>(
            new GetWorkspaceMembers { WorkspaceId = workspaceId, RequestedBy = context.Caller().RequireUser() }, context.CancellationToken);
        return members.Members.Where(m => m.UserId == userId).Select(m => m.Role).ToArray();
    }

    static Task<MembershipChangeResult> Ask<T>(IResolveFieldContext context, T command) where T : class =>
        context.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<T, MembershipChangeResult>(command, context.CancellationToken);
}
