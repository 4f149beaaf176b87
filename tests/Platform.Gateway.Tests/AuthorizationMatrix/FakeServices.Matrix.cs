using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts.Tenants;

namespace Platform.Gateway.Tests;

/// <summary>
/// What the authorization matrix needs of the fakes: users put straight into memory (a world per cell without a
/// signUp round trip each), a balance and a cluster name of its own per workspace (so a leak of one workspace's
/// numbers into another caller's answer is visible), declineInvitation and the partner decisions (members added and removed).
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

    /// <summary>declineInvitation, and the partner decisions (<see cref="HandlePartnerDecisions"/>).</summary>
    void HandleDeclining(IReceiveEndpointConfigurator e)
    {
        HandlePartnerDecisions(e);
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
}

/// <summary>The partner side of the matrix's world: a partner managing the world's workspace, and the partner mutations the fakes did not answer yet.</summary>
public sealed partial class FakeServices
{
    /// <summary>The workspace is a customer workspace of the partner (its owner stays its owner).</summary>
    public void ManageBy(Guid workspaceId, Guid partnerId) => _workspaces[workspaceId] = _workspaces[workspaceId] with { ManagedByPartnerId = partnerId };

    void HandlePartnerDecisions(IReceiveEndpointConfigurator e)
    {
        e.Handler<ApplyForPartnership>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var partner = AddPartner(c.Message.Name, (EmailOf(c.Message.UserId) ?? "", PartnerRoles.Admin)) with { Status = PartnerStatuses.Pending };
            _partners[partner.Id] = partner;
            return c.RespondAsync(new PartnerResult { Partner = partner });
        });
        e.Handler<AddPartnerMember>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var partner = _partners[c.Message.PartnerId];
            partner = partner with { Members = [.. partner.Members, new PartnerMemberDetails { Email = c.Message.Email, Role = c.Message.Role, AddedAt = DateTimeOffset.UtcNow }] };
            _partners[partner.Id] = partner;
            return c.RespondAsync(new PartnerResult { Partner = partner });
        });
        e.Handler<RemovePartnerMember>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var email = c.Message.UserId is { } userId ? EmailOf(userId) : c.Message.Email;
            var partner = _partners[c.Message.PartnerId];
            partner = partner with { Members = [.. partner.Members.Where(m => m.Email != email)] };
            _partners[partner.Id] = partner;
            return c.RespondAsync(new PartnerResult { Partner = partner });
        });
        e.Handler<ApprovePartner>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var partner = _partners[c.Message.PartnerId] with { Status = PartnerStatuses.Active };
            _partners[partner.Id] = partner;
            return c.RespondAsync(new PartnerResult { Partner = partner });
        });
        e.Handler<RejectPartner>(c =>
        {
            PartnerRequests.Enqueue(c.Message);
            var partner = _partners[c.Message.PartnerId] with { Status = PartnerStatuses.Rejected, RejectionReason = c.Message.Reason };
            _partners[partner.Id] = partner;
            return c.RespondAsync(new PartnerResult { Partner = partner });
        });
    }
}
