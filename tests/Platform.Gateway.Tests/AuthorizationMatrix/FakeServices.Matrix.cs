using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Tests;

/// <summary>
/// What the authorization matrix needs of the fakes: users put straight into memory (a world per cell without a
/// signUp round trip each), a balance and a cluster name of its own per workspace (so a leak of one workspace's
/// numbers into another caller's answer is visible), and declineInvitation.
/// </summary>
public sealed partial class FakeServices
{
    readonly ConcurrentDictionary<Guid, long> _balances = new();
    readonly ConcurrentDictionary<Guid, string> _clusterNames = new();

    /// <summary>A signed-up user and their first workspace, as signUp would leave them.</summary>
    public (Guid UserId, Guid WorkspaceId) AddUser(string email, string displayName, string workspaceName)
    {
        var userId = Guid.NewGuid();
        var workspace = NewWorkspace(userId, workspaceName, null);
        _users[userId] = (new UserDetails { Found = true, Id = userId, Email = email, DisplayName = displayName }, "not-used-" + Guid.NewGuid());
        return (userId, workspace.Id);
    }

    /// <summary>The workspace as it is stored (without a caller's role).</summary>
    public WorkspaceDetails Workspace(Guid workspaceId) => _workspaces[workspaceId];

    public void SetBalance(Guid workspaceId, long micros) => _balances[workspaceId] = micros;

    public void PlaceOn(Guid workspaceId, string clusterName) => _clusterNames[workspaceId] = clusterName;

    long BalanceMicros(Guid workspaceId) => _balances.GetValueOrDefault(workspaceId, WelcomeCreditMicros);

    string ClusterName(Guid workspaceId) => _clusterNames.GetValueOrDefault(workspaceId, "kubesim-1");

    void HandleDeclining(IReceiveEndpointConfigurator e) =>
        e.Handler<DeclineInvitation>(c =>
        {
            TeamRequests.Enqueue(c.Message);
            var invitation = _invitations.Values.FirstOrDefault(i => "code-" + i.Id.ToString("N") == c.Message.Code);
            if (invitation is null)
                return c.RespondAsync(new InvitationResult { Errors = [new() { Field = "code", Code = "INVITATION_NOT_FOUND", Message = "No invitation has this code." }] });
            var declined = invitation with { Status = InvitationStatuses.Declined };
            _invitations[declined.Id] = declined;
            return c.RespondAsync(new InvitationResult { Invitation = declined });
        });
}
