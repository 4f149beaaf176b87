using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;

namespace Platform.Tenant.Queries;

/// <summary>The members of a workspace, for its members only.</summary>
public sealed class GetWorkspaceMembersConsumer(IDocumentStore store) : IConsumer<GetWorkspaceMembers>
{
    public async Task Consume(ConsumeContext<GetWorkspaceMembers> context)
    {
        var ct = context.CancellationToken;
        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(context.Message.WorkspaceId, ct);
        if (workspace?.RoleOf(context.Message.RequestedBy) is null)
        {
            await context.RespondAsync(new WorkspaceMemberList { Found = false });
            return;
        }
        var users = (await session.LoadManyAsync<User>(ct, workspace.Members.Select(m => m.UserId))).ToDictionary(u => u.Id);
        await context.RespondAsync(new WorkspaceMemberList
        {
            Found = true,
            Members = workspace.Members
                .OrderBy(m => Array.IndexOf([.. WorkspaceRoles.All], m.Role)).ThenBy(m => m.JoinedAt)
                .Select(m => new MemberDetails
                {
                    UserId = m.UserId, Email = users.GetValueOrDefault(m.UserId)?.Email ?? "",
                    DisplayName = users.GetValueOrDefault(m.UserId)?.DisplayName ?? "", Role = m.Role, JoinedAt = m.JoinedAt,
                })
                .ToList(),
        });
    }
}

/// <summary>The open invitations of a workspace, for the members who may manage members (owner, managers).</summary>
public sealed class GetWorkspaceInvitationsConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<GetWorkspaceInvitations>
{
    public async Task Consume(ConsumeContext<GetWorkspaceInvitations> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var workspace = await session.LoadAsync<Workspace>(context.Message.WorkspaceId, ct);
        var role = workspace?.RoleOf(context.Message.RequestedBy);
        if (role is not (WorkspaceRoles.Owner or WorkspaceRoles.Manager))
        {
            await context.RespondAsync(new InvitationList { Found = false });
            return;
        }
        var invitations = await session.Query<Invitation>()
            .Where(i => i.WorkspaceId == workspace!.Id && i.Status == InvitationStatuses.Pending && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
        await context.RespondAsync(new InvitationList { Found = true, Invitations = invitations.Select(i => i.ToDetails(now)).ToList() });
    }
}

/// <summary>The open invitations sent to the user's email, whether they were sent before or after the user signed up.</summary>
public sealed class GetUserInvitationsConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<GetUserInvitations>
{
    public async Task Consume(ConsumeContext<GetUserInvitations> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var user = await session.LoadAsync<User>(context.Message.UserId, ct);
        if (user is null)
        {
            await context.RespondAsync(new InvitationList { Found = false });
            return;
        }
        var invitations = await session.Query<Invitation>()
            .Where(i => i.Email == user.Email && i.Status == InvitationStatuses.Pending && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt).ToListAsync(ct);
        await context.RespondAsync(new InvitationList { Found = true, Invitations = invitations.Select(i => i.ToDetails(now)).ToList() });
    }
}

/// <summary>One invitation by id, for the gateway to decide who may act on it; never includes the code.</summary>
public sealed class GetInvitationConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<GetInvitation>
{
    public async Task Consume(ConsumeContext<GetInvitation> context)
    {
        await using var session = store.QuerySession();
        var invitation = await session.LoadAsync<Invitation>(context.Message.InvitationId, context.CancellationToken);
        await context.RespondAsync(invitation is null
            ? new InvitationList { Found = false }
            : new InvitationList { Found = true, Invitations = [invitation.ToDetails(clock.GetUtcNow())] });
    }
}
