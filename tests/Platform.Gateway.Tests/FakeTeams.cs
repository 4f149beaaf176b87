using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Tests;

/// <summary>
/// The fake tenant's teams: members and invitations in memory. It does whatever it is asked (no role rules), so a
/// refusal seen by a test comes from the gateway's authorization; <see cref="TeamRequests"/> shows what got through.
/// </summary>
public sealed partial class FakeServices
{
    readonly ConcurrentDictionary<(Guid WorkspaceId, Guid UserId), string> _members = new();
    readonly ConcurrentDictionary<Guid, InvitationDetails> _invitations = new();

    /// <summary>Every team command that reached the fake tenant service.</summary>
    public ConcurrentQueue<object> TeamRequests { get; } = new();

    public void AddMember(Guid workspaceId, Guid userId, string role) => _members[(workspaceId, userId)] = role;

    /// <summary>A pending invitation, as if someone had sent it.</summary>
    public InvitationDetails AddInvitation(Guid workspaceId, string email, string role)
    {
        var invitation = new InvitationDetails
        {
            Id = Guid.NewGuid(), WorkspaceId = workspaceId, WorkspaceName = _workspaces[workspaceId].Name, Email = email, Role = role,
            Status = InvitationStatuses.Pending, CreatedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
        };
        _invitations[invitation.Id] = invitation;
        return invitation;
    }

    string? RoleOf(Guid workspaceId, Guid userId) =>
        _workspaces.TryGetValue(workspaceId, out var w) && w.OwnerId == userId ? WorkspaceRoles.Owner : _members.GetValueOrDefault((workspaceId, userId));

    MemberDetails Member(Guid workspaceId, Guid userId) => new()
    {
        UserId = userId, Role = RoleOf(workspaceId, userId) ?? "", Email = _users.TryGetValue(userId, out var u) ? u.User.Email : "",
        JoinedAt = DateTimeOffset.UnixEpoch,
    };

    void HandleTeams(IReceiveEndpointConfigurator e)
    {
        e.Handler<GetWorkspaceMembers>(c =>
        {
            var ids = _users.Keys.Where(u => RoleOf(c.Message.WorkspaceId, u) is not null).ToList();
            return c.RespondAsync(new WorkspaceMemberList
            {
                Found = RoleOf(c.Message.WorkspaceId, c.Message.RequestedBy) is not null,
                Members = ids.Select(u => Member(c.Message.WorkspaceId, u)).ToList(),
            });
        });
        e.Handler<GetWorkspaceInvitations>(c => c.RespondAsync(new InvitationList
        {
            Found = true, Invitations = _invitations.Values.Where(i => i.WorkspaceId == c.Message.WorkspaceId).ToList(),
        }));
        e.Handler<GetUserInvitations>(c => c.RespondAsync(new InvitationList
        {
            Found = true, Invitations = _invitations.Values.Where(i => _users.TryGetValue(c.Message.UserId, out var u) && i.Email == u.User.Email).ToList(),
        }));
        e.Handler<GetInvitation>(c => c.RespondAsync(_invitations.TryGetValue(c.Message.InvitationId, out var i)
            ? new InvitationList { Found = true, Invitations = [i] }
            : new InvitationList { Found = false }));
        e.Handler<InviteMember>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            var invitation = AddInvitation(c.Message.WorkspaceId, c.Message.Email, c.Message.Role);
            return c.RespondAsync(new InviteMemberResult { Invitation = invitation, Code = "code-" + invitation.Id.ToString("N") });
        });
        e.Handler<RevokeInvitation>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            var revoked = _invitations[c.Message.InvitationId] with { Status = InvitationStatuses.Revoked };
            _invitations[revoked.Id] = revoked;
            return c.RespondAsync(new InvitationResult { Invitation = revoked });
        });
        e.Handler<AcceptInvitation>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            var invitation = _invitations.Values.FirstOrDefault(i => "code-" + i.Id.ToString("N") == c.Message.Code);
            if (invitation is null)
                return c.RespondAsync(new InvitationResult { Errors = [new() { Field = "code", Code = "INVITATION_NOT_FOUND", Message = "No invitation has this code." }] });
            AddMember(invitation.WorkspaceId, c.Message.UserId, invitation.Role);
            return c.RespondAsync(new InvitationResult { Invitation = invitation with { Status = InvitationStatuses.Accepted } });
        });
        e.Handler<ChangeMemberRole>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            AddMember(c.Message.WorkspaceId, c.Message.UserId, c.Message.Role);
            return c.RespondAsync(new MembershipChangeResult { Member = Member(c.Message.WorkspaceId, c.Message.UserId) });
        });
        e.Handler<RemoveMember>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            _members.TryRemove((c.Message.WorkspaceId, c.Message.UserId), out _);
            return c.RespondAsync(new MembershipChangeResult());
        });
        e.Handler<LeaveWorkspace>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            _members.TryRemove((c.Message.WorkspaceId, c.Message.UserId), out _);
            return c.RespondAsync(new MembershipChangeResult());
        });
        e.Handler<TransferOwnership>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            return c.RespondAsync(new MembershipChangeResult { Member = Member(c.Message.WorkspaceId, c.Message.UserId) with { Role = WorkspaceRoles.Owner } });
        });
    }
}
