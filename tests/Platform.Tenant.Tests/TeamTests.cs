using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>Helpers for the team requests of the tenant service.</summary>
static class Teams
{
    public static Task<InviteMemberResult> Invite(this TenantService tenant, Guid workspaceId, Guid actorId, string email, string role) =>
        tenant.Probe.Request<InviteMember, InviteMemberResult>(new InviteMember { WorkspaceId = workspaceId, ActorId = actorId, Email = email, Role = role });

    public static Task<InvitationResult> Accept(this TenantService tenant, Guid userId, string code) =>
        tenant.Probe.Request<AcceptInvitation, InvitationResult>(new AcceptInvitation { UserId = userId, Code = code });

    public static Task<InvitationResult> Decline(this TenantService tenant, Guid userId, string code) =>
        tenant.Probe.Request<DeclineInvitation, InvitationResult>(new DeclineInvitation { UserId = userId, Code = code });

    public static Task<InvitationResult> Revoke(this TenantService tenant, Guid actorId, Guid invitationId) =>
        tenant.Probe.Request<RevokeInvitation, InvitationResult>(new RevokeInvitation { ActorId = actorId, InvitationId = invitationId });

    public static Task<UserDetails> User(this TenantService tenant, Guid userId) =>
        tenant.Probe.Request<GetUser, UserDetails>(new GetUser { UserId = userId });

    public static Task<WorkspaceMemberList> Members(this TenantService tenant, Guid workspaceId, Guid requestedBy) =>
        tenant.Probe.Request<GetWorkspaceMembers, WorkspaceMemberList>(new GetWorkspaceMembers { WorkspaceId = workspaceId, RequestedBy = requestedBy });

    public static string Email(string who) => $"{who}+{Guid.NewGuid():N}@example.com";

    /// <summary>A new user signed up with <paramref name="email"/>, and that user's id.</summary>
    public static async Task<Guid> SignUpAs(this TenantService tenant, string email)
    {
        var result = await tenant.SignUp(email, "Own workspace");
        Assert.Empty(result.Errors);
        return result.UserId!.Value;
    }

    /// <summary>A member of the workspace with the role, invited by the owner.</summary>
    public static async Task<Guid> AddMember(this TenantService tenant, Guid workspaceId, Guid ownerId, string role)
    {
        var email = Email(role.ToLowerInvariant());
        var invited = await tenant.Invite(workspaceId, ownerId, email, role);
        Assert.Empty(invited.Errors);
        var userId = await tenant.SignUpAs(email);
        Assert.Empty((await tenant.Accept(userId, invited.Code!)).Errors);
        return userId;
    }
}

/// <summary>Invitations and member changes against the real tenant process.</summary>
public sealed class TeamTests(PatientTenantService tenant) : IClassFixture<PatientTenantService>
{
    [Fact]
    public async Task GivenAnInvitationToAnEmailWithoutAccount_WhenThatPersonSignsUpAndAccepts_ThenTheySeeTheWorkspaceWithTheirRole()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew("Shared Team");
        var email = Teams.Email("grace");

        var invited = await tenant.Invite(workspaceId, ownerId, email.ToUpperInvariant(), "developer");
        Assert.Empty(invited.Errors);
        Assert.True(invited.Code!.Length >= 43);
        Assert.Equal((email, WorkspaceRoles.Developer, InvitationStatuses.Pending), (invited.Invitation!.Email, invited.Invitation.Role, invited.Invitation.Status));
        Assert.InRange(invited.Invitation.ExpiresAt - invited.Invitation.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));

        var graceId = await tenant.SignUpAs(email);
        Assert.False((await tenant.GetWorkspace(workspaceId, graceId)).Found);
        var mine = await tenant.Probe.Request<GetUserInvitations, InvitationList>(new GetUserInvitations { UserId = graceId });
        Assert.Equal(invited.Invitation.Id, Assert.Single(mine.Invitations).Id);
        Assert.Equal("Shared Team", mine.Invitations[0].WorkspaceName);

        var accepted = await tenant.Accept(graceId, invited.Code);

        Assert.Empty(accepted.Errors);
        Assert.Equal(InvitationStatuses.Accepted, accepted.Invitation!.Status);
        var lookup = await tenant.GetWorkspace(workspaceId, graceId);
        Assert.True(lookup.Found);
        Assert.Equal(WorkspaceRoles.Developer, lookup.Workspace!.Role);
        Assert.Equal(WorkspaceRoles.Owner, (await tenant.GetWorkspace(workspaceId, ownerId)).Workspace!.Role);
        var graceWorkspaces = (await tenant.User(graceId)).Workspaces;
        Assert.Equal(2, graceWorkspaces.Count);
        Assert.Equal(WorkspaceRoles.Developer, Assert.Single(graceWorkspaces, w => w.Id == workspaceId).Role);
        Assert.Equal(WorkspaceRoles.Owner, Assert.Single(graceWorkspaces, w => w.Id != workspaceId).Role);
        var members = await tenant.Members(workspaceId, graceId);
        Assert.Equal([(ownerId, WorkspaceRoles.Owner), (graceId, WorkspaceRoles.Developer)], members.Members.Select(m => (m.UserId, m.Role)));
        Assert.Equal(email, members.Members[1].Email);
        var added = await tenant.Probe.WaitFor<WorkspaceMemberAdded>(m => m.WorkspaceId == workspaceId, TenantService.Timeout);
        Assert.Equal((graceId, WorkspaceRoles.Developer, lookup.Workspace.Namespace), (added.UserId, added.Role, added.Namespace));
        Assert.Empty((await tenant.Probe.Request<GetUserInvitations, InvitationList>(new GetUserInvitations { UserId = graceId })).Invitations);
    }

    [Fact]
    public async Task GivenAnAcceptedInvitation_WhenAcceptedAgain_ThenInvitationUsed()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var email = Teams.Email("twice");
        var invited = await tenant.Invite(workspaceId, ownerId, email, WorkspaceRoles.Viewer);
        var userId = await tenant.SignUpAs(email);
        Assert.Empty((await tenant.Accept(userId, invited.Code!)).Errors);

        var again = await tenant.Accept(userId, invited.Code!);

        Assert.Equal("INVITATION_USED", Assert.Single(again.Errors).Code);
        Assert.Single((await tenant.Members(workspaceId, ownerId)).Members, m => m.UserId == userId);
    }

    [Fact]
    public async Task GivenADeclinedOrRevokedInvitation_WhenAccepted_ThenUsedOrRevokedAndNoMembership()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var email = Teams.Email("maybe");
        var userId = await tenant.SignUpAs(email);
        var declinedInvitation = await tenant.Invite(workspaceId, ownerId, email, WorkspaceRoles.Viewer);
        Assert.Equal(InvitationStatuses.Declined, (await tenant.Decline(userId, declinedInvitation.Code!)).Invitation!.Status);
        var revokedInvitation = await tenant.Invite(workspaceId, ownerId, email, WorkspaceRoles.Viewer);
        Assert.Empty(revokedInvitation.Errors); // the declined one is no longer pending
        Assert.Equal(InvitationStatuses.Revoked, (await tenant.Revoke(ownerId, revokedInvitation.Invitation!.Id)).Invitation!.Status);

        Assert.Equal("INVITATION_USED", Assert.Single((await tenant.Accept(userId, declinedInvitation.Code!)).Errors).Code);
        Assert.Equal("INVITATION_REVOKED", Assert.Single((await tenant.Accept(userId, revokedInvitation.Code!)).Errors).Code);
        Assert.Equal("INVITATION_NOT_FOUND", Assert.Single((await tenant.Accept(userId, "not-a-code")).Errors).Code);
        Assert.False((await tenant.GetWorkspace(workspaceId, userId)).Found);
    }

    [Fact]
    public async Task GivenAnInvitation_WhenSomeoneWithAnotherEmailAcceptsIt_ThenEmailMismatch()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var invited = await tenant.Invite(workspaceId, ownerId, Teams.Email("intended"), WorkspaceRoles.Manager);
        var intruder = await tenant.SignUpAs(Teams.Email("intruder"));

        var accepted = await tenant.Accept(intruder, invited.Code!);

        Assert.Equal("EMAIL_MISMATCH", Assert.Single(accepted.Errors).Code);
        Assert.False((await tenant.GetWorkspace(workspaceId, intruder)).Found);
    }

    [Fact]
    public async Task GivenANonMember_WhenReadingOrManagingTheWorkspace_ThenItIsNotFoundAndRefused()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var (strangerId, _) = await tenant.SignUpNew();

        Assert.False((await tenant.GetWorkspace(workspaceId, strangerId)).Found);
        Assert.False((await tenant.Members(workspaceId, strangerId)).Found);
        Assert.DoesNotContain((await tenant.User(strangerId)).Workspaces, w => w.Id == workspaceId);
        var invite = await tenant.Invite(workspaceId, strangerId, Teams.Email("x"), WorkspaceRoles.Viewer);
        Assert.Equal("NOT_A_MEMBER", Assert.Single(invite.Errors).Code);
        var remove = await tenant.Probe.Request<RemoveMember, MembershipChangeResult>(
            new RemoveMember { WorkspaceId = workspaceId, ActorId = strangerId, UserId = ownerId });
        Assert.Equal("NOT_A_MEMBER", Assert.Single(remove.Errors).Code);
    }

    [Fact]
    public async Task GivenATeam_WhenRolesChangeMembersLeaveAndOwnershipIsTransferred_ThenTheRulesHoldAndEventsArePublished()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var managerId = await tenant.AddMember(workspaceId, ownerId, WorkspaceRoles.Manager);
        var developerId = await tenant.AddMember(workspaceId, ownerId, WorkspaceRoles.Developer);

        var managerInvitesManager = await tenant.Invite(workspaceId, managerId, Teams.Email("m2"), WorkspaceRoles.Manager);
        Assert.Equal("NOT_ALLOWED", Assert.Single(managerInvitesManager.Errors).Code);
        var demoted = await tenant.Probe.Request<ChangeMemberRole, MembershipChangeResult>(
            new ChangeMemberRole { WorkspaceId = workspaceId, ActorId = managerId, UserId = developerId, Role = "VIEWER" });
        Assert.Equal(WorkspaceRoles.Viewer, demoted.Member!.Role);
        var changed = await tenant.Probe.WaitFor<WorkspaceMemberRoleChanged>(m => m.UserId == developerId, TenantService.Timeout);
        Assert.Equal((WorkspaceRoles.Viewer, WorkspaceRoles.Developer), (changed.Role, changed.PreviousRole));

        var ownerLeaves = await tenant.Probe.Request<LeaveWorkspace, MembershipChangeResult>(new LeaveWorkspace { WorkspaceId = workspaceId, UserId = ownerId });
        Assert.Equal("LAST_OWNER", Assert.Single(ownerLeaves.Errors).Code);

        var transferred = await tenant.Probe.Request<TransferOwnership, MembershipChangeResult>(
            new TransferOwnership { WorkspaceId = workspaceId, ActorId = ownerId, UserId = managerId });
        Assert.Equal(WorkspaceRoles.Owner, transferred.Member!.Role);
        Assert.Equal(WorkspaceRoles.Manager, (await tenant.GetWorkspace(workspaceId, ownerId)).Workspace!.Role);
        Assert.Equal(managerId, (await tenant.GetWorkspace(workspaceId, managerId)).Workspace!.OwnerId);
        await tenant.Probe.WaitFor<WorkspaceOwnershipTransferred>(m => m.WorkspaceId == workspaceId && m.NewOwnerId == managerId, TenantService.Timeout);

        var left = await tenant.Probe.Request<LeaveWorkspace, MembershipChangeResult>(new LeaveWorkspace { WorkspaceId = workspaceId, UserId = ownerId });
        Assert.Empty(left.Errors);
        Assert.Null(left.Member);
        Assert.False((await tenant.GetWorkspace(workspaceId, ownerId)).Found);
        Assert.DoesNotContain((await tenant.User(ownerId)).Workspaces, w => w.Id == workspaceId);
        var removed = await tenant.Probe.WaitFor<WorkspaceMemberRemoved>(m => m.WorkspaceId == workspaceId, TenantService.Timeout);
        Assert.Equal((ownerId, WorkspaceRoles.Manager), (removed.UserId, removed.PreviousRole));
        Assert.Equal([managerId, developerId], (await tenant.Members(workspaceId, managerId)).Members.Select(m => m.UserId));
    }
}

/// <summary>Invitations that expire after a second.</summary>
public sealed class InvitationExpiryTests(ShortInvitationsTenantService tenant) : IClassFixture<ShortInvitationsTenantService>
{
    [Fact]
    public async Task GivenAnInvitation_WhenItsLifetimeHasPassed_ThenItIsExpiredAndCannotBeAccepted()
    {
        var (ownerId, workspaceId) = await tenant.SignUpNew();
        var email = Teams.Email("late");
        var invited = await tenant.Invite(workspaceId, ownerId, email, WorkspaceRoles.Viewer);
        var userId = await tenant.SignUpAs(email);

        await Eventually.Until(async () => (await tenant.Probe.Request<GetInvitation, InvitationList>(
                new GetInvitation { InvitationId = invited.Invitation!.Id })).Invitations[0].Status == InvitationStatuses.Expired,
            TenantService.Timeout, "the invitation to expire");
        var accepted = await tenant.Accept(userId, invited.Code!);

        Assert.Equal("INVITATION_EXPIRED", Assert.Single(accepted.Errors).Code);
        Assert.False((await tenant.GetWorkspace(workspaceId, userId)).Found);
    }
}
