using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>
/// A tenant service with a platform admin (<see cref="AdminTenantService.AdminEmail"/>) whose invitations expire after
/// 10 s (Platform__Teams__InvitationLifetime=00:00:10): long enough to accept a fresh code on a busy machine, short enough to wait for.
/// </summary>
public sealed class ShortInvitationsAdminTenantService() : TenantService(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10),
    settings: new Dictionary<string, string> { ["Platform__Admins__Emails__0"] = AdminTenantService.AdminEmail })
{
    Task<Guid>? _admin;

    /// <summary>The admin user, signed up once per service.</summary>
    public Task<Guid> AdminId() => _admin ??= this.SignUpAs(AdminTenantService.AdminEmail);
}

/// <summary>resendCustomerInvitation against the real tenant process: the customer's OWNER invitation expired, the partner resends it.</summary>
public sealed class CustomerInvitationTests(ShortInvitationsAdminTenantService tenant) : IClassFixture<ShortInvitationsAdminTenantService>
{
    Task<TResponse> Ask<TRequest, TResponse>(TRequest request) where TRequest : class where TResponse : class =>
        tenant.Probe.Request<TRequest, TResponse>(request);

    /// <summary>An ACTIVE partner's customer workspace, its customer's e-mail and the OWNER invitation it was created with.</summary>
    async Task<(Guid PartnerId, Guid WorkspaceId, string CustomerEmail, CreateCustomerWorkspaceResult Created)> CustomerWorkspace()
    {
        var partner = await Ask<CreatePartner, PartnerResult>(new CreatePartner
        {
            ActorId = await tenant.AdminId(), Name = "Reseller " + Guid.NewGuid().ToString("N")[..8], OwnerEmail = Teams.Email("reseller"),
        });
        Assert.Empty(partner.Errors);
        var customerEmail = Teams.Email("customer");
        var created = await Ask<CreateCustomerWorkspace, CreateCustomerWorkspaceResult>(new CreateCustomerWorkspace
        {
            PartnerId = partner.Partner!.Id, RequestedBy = "key:test", Name = "Customer Shop", CustomerEmail = customerEmail,
        });
        Assert.Empty(created.Errors);
        return (partner.Partner.Id, created.Workspace!.Id, customerEmail, created);
    }

    Task<ResendCustomerInvitationResult> Resend(Guid partnerId, Guid workspaceId) =>
        Ask<ResendCustomerInvitation, ResendCustomerInvitationResult>(new ResendCustomerInvitation
        {
            PartnerId = partnerId, WorkspaceId = workspaceId, RequestedBy = "key:test",
        });

    async Task<InvitationDetails> Invitation(Guid invitationId) =>
        Assert.Single((await Ask<GetInvitation, InvitationList>(new GetInvitation { InvitationId = invitationId })).Invitations);

    [Fact]
    public async Task GivenAnExpiredOwnerInvitation_WhenThePartnerResendsIt_ThenTheOldCodeIsRefused_AndTheNewOneMakesTheCustomerOwner()
    {
        var (partnerId, workspaceId, customerEmail, created) = await CustomerWorkspace();
        var customerId = await tenant.SignUpAs(customerEmail);
        await Eventually.Until(() => Invitation(created.Invitation!.Id), i => i.Status == InvitationStatuses.Expired,
            TenantService.Timeout, "the owner invitation to expire");
        Assert.Equal("INVITATION_EXPIRED", Assert.Single((await tenant.Accept(customerId, created.Code!)).Errors).Code);
        Assert.Equal(TeamErrors.NotAllowed, Assert.Single((await Resend(Guid.NewGuid(), workspaceId)).Errors).Code);

        var resent = await Resend(partnerId, workspaceId);

        Assert.Empty(resent.Errors);
        Assert.Equal((customerEmail, WorkspaceRoles.Owner, InvitationStatuses.Pending, workspaceId),
            (resent.Invitation!.Email, resent.Invitation.Role, resent.Invitation.Status, resent.Invitation.WorkspaceId));
        Assert.NotEqual(created.Invitation!.Id, resent.Invitation.Id);
        Assert.NotEqual(created.Code, resent.Code);
        Assert.True(resent.Invitation.ExpiresAt > created.Invitation.ExpiresAt);
        Assert.Equal(InvitationStatuses.Revoked, (await Invitation(created.Invitation.Id)).Status);
        Assert.Equal("INVITATION_REVOKED", Assert.Single((await tenant.Accept(customerId, created.Code!)).Errors).Code);
        var accepted = await tenant.Accept(customerId, resent.Code!);
        Assert.Empty(accepted.Errors);
        var asCustomer = (await tenant.GetWorkspace(workspaceId, customerId)).Workspace!;
        Assert.Equal((WorkspaceRoles.Owner, (Guid?)customerId), (asCustomer.Role, asCustomer.OwnerId));
        var joined = await tenant.Received<WorkspaceMemberAdded>(workspaceId);
        Assert.Equal((customerId, WorkspaceRoles.Owner), (joined.UserId, joined.Role));

        var again = await Resend(partnerId, workspaceId);

        Assert.Equal(TeamErrors.AlreadyHasOwner, Assert.Single(again.Errors).Code);
        Assert.Null(again.Code);
    }

    [Fact]
    public async Task TheSameResendDeliveredTwiceAtOnce_IssuesOneInvitation_AndTheOtherDeliveryIsAlreadyInvited()
    {
        var (partnerId, workspaceId, customerEmail, created) = await CustomerWorkspace();
        var command = new ResendCustomerInvitation { PartnerId = partnerId, WorkspaceId = workspaceId, RequestedBy = "key:test" };
        var messageId = Guid.NewGuid();
        var client = tenant.Probe.Bus.CreateRequestClient<ResendCustomerInvitation>(RequestTimeout.After(s: 30));

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.GetResponse<ResendCustomerInvitationResult>(command, x => x.UseExecute(c => c.MessageId = messageId))));

        var resent = Assert.Single(answers, a => a.Message.Errors.Count == 0).Message;
        Assert.Equal(TeamErrors.AlreadyInvited, Assert.Single(Assert.Single(answers, a => a.Message.Errors.Count > 0).Message.Errors).Code);
        Assert.Equal(InvitationStatuses.Revoked, (await Invitation(created.Invitation!.Id)).Status);
        var customerId = await tenant.SignUpAs(customerEmail);
        Assert.Empty((await tenant.Accept(customerId, resent.Code!)).Errors);
    }

    [Fact]
    public async Task TwoDifferentResendsAtOnce_LeaveExactlyOnePendingOwnerInvitation_AndOnlyOneCodeCanBeAccepted()
    {
        var (partnerId, workspaceId, customerEmail, created) = await CustomerWorkspace();
        var command = new ResendCustomerInvitation { PartnerId = partnerId, WorkspaceId = workspaceId, RequestedBy = "key:test" };
        var client = tenant.Probe.Bus.CreateRequestClient<ResendCustomerInvitation>(RequestTimeout.After(s: 30));
        var issued = new List<(Guid Id, string Code)> { (created.Invitation!.Id, created.Code!) };

        // Two requests at once (each its own MessageId), a few times over to hit the interleavings: the one that loses the race
        // fails to save, is retried and supersedes the winner's invitation, so exactly one OWNER invitation is pending after each.
        for (var round = 0; round < 3; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
                client.GetResponse<ResendCustomerInvitationResult>(command, x => x.UseExecute(c => c.MessageId = Guid.NewGuid()))));

            Assert.All(answers, a => Assert.Empty(a.Message.Errors));
            issued.AddRange(answers.Select(a => (a.Message.Invitation!.Id, a.Message.Code!)));
            var statuses = await Task.WhenAll(issued.Select(i => Invitation(i.Id)));
            Assert.Equal(issued.Count, statuses.Select(i => i.Id).Distinct().Count());
            var pending = Assert.Single(statuses, i => i.Status == InvitationStatuses.Pending);
            Assert.Contains(pending.Id, answers.Select(a => a.Message.Invitation!.Id));
            Assert.All(statuses.Where(i => i.Id != pending.Id), i => Assert.Equal(InvitationStatuses.Revoked, i.Status));
        }

        var customerId = await tenant.SignUpAs(customerEmail);
        var accepts = new List<InvitationResult>();
        foreach (var (_, code) in issued)
            accepts.Add(await tenant.Accept(customerId, code));

        Assert.Single(accepts, a => a.Errors.Count == 0);
        Assert.All(accepts.Where(a => a.Errors.Count > 0), a => Assert.Equal("INVITATION_REVOKED", Assert.Single(a.Errors).Code));
        var joined = await tenant.Received<WorkspaceMemberAdded>(workspaceId);
        Assert.Equal((customerId, WorkspaceRoles.Owner), (joined.UserId, joined.Role));
        Assert.Equal(TeamErrors.AlreadyHasOwner, Assert.Single((await Resend(partnerId, workspaceId)).Errors).Code);
    }
}
