using Platform.Contracts.Tenants;
using Platform.Gateway.Authorization;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>
/// Who may read and change a workspace's team through the gateway. The fake tenant does whatever it is asked, so every
/// refusal here is the gateway's own (WorkspaceAccess), and the tests check that the refused request never reached it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class TeamAuthorizationTests(GatewayFixture gateway)
{
    sealed record Person(string Token, Guid UserId, string Email, Guid OwnWorkspaceId);

    async Task<Person> SignUpAsync()
    {
        var email = $"team-{Guid.NewGuid():N}@example.com";
        var response = await gateway.PostAsync(
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { id } workspace { id } } }",
            new { i = new { email, password = "a-long-enough-password", displayName = "Team", workspaceName = "ws-" + email } });
        var payload = response.Data!["signUp"]!;
        return new Person(payload["accessToken"]!.GetValue<string>(), Guid.Parse(payload["user"]!["id"]!.GetValue<string>()), email,
            Guid.Parse(payload["workspace"]!["id"]!.GetValue<string>()));
    }

    /// <summary>An owner's workspace with a member of each other role, and a stranger.</summary>
    async Task<(Guid WorkspaceId, Dictionary<string, Person> ByRole, Person Stranger)> TeamAsync()
    {
        var owner = await SignUpAsync();
        var byRole = new Dictionary<string, Person> { [WorkspaceRoles.Owner] = owner };
        foreach (var role in new[] { WorkspaceRoles.Manager, WorkspaceRoles.Developer, WorkspaceRoles.Viewer })
        {
            byRole[role] = await SignUpAsync();
            gateway.Fakes.AddMember(owner.OwnWorkspaceId, byRole[role].UserId, role);
        }
        return (owner.OwnWorkspaceId, byRole, await SignUpAsync());
    }

    int RequestsFor(Guid workspaceId) => gateway.Fakes.TeamRequests.Count(r => r switch
    {
        InviteMember m => m.WorkspaceId == workspaceId,
        ChangeMemberRole m => m.WorkspaceId == workspaceId,
        RemoveMember m => m.WorkspaceId == workspaceId,
        TransferOwnership m => m.WorkspaceId == workspaceId,
        _ => false,
    });

    const string Invite = "mutation($i: InviteMemberInput!) { inviteMember(input: $i) { code invitation { id email role status expiresAt } userErrors { code } } }";
    const string ChangeRole = "mutation($i: ChangeMemberRoleInput!) { changeMemberRole(input: $i) { member { userId role } userErrors { code } } }";
    const string Remove = "mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId userErrors { code } } }";
    const string Transfer = "mutation($i: TransferOwnershipInput!) { transferOwnership(input: $i) { member { role } userErrors { code } } }";
    const string Revoke = "mutation($i: RevokeInvitationInput!) { revokeInvitation(input: $i) { invitation { status } userErrors { code } } }";

    Task<Response> InviteAs(Person who, Guid workspaceId, string role) =>
        gateway.PostAsync(Invite, new { i = new { workspaceId, email = $"new-{Guid.NewGuid():N}@example.com", role } }, who.Token);

    [Fact]
    public async Task GivenATeam_WhenEachMemberReadsTheWorkspace_ThenTheySeeItWithTheirRoleAndTheMembers()
    {
        var (workspaceId, team, _) = await TeamAsync();

        foreach (var (role, person) in team)
        {
            var response = (await gateway.PostAsync(
                "query($id: ID!) { workspace(id: $id) { id myRole members(first: 10) { totalCount nodes { userId role } } } }",
                new { id = workspaceId }, person.Token)).Clean();

            Assert.Empty(response.Errors);
            Assert.Equal(role, response.Data!["workspace"]!["myRole"]!.GetValue<string>());
            Assert.Equal(4, response.Data["workspace"]!["members"]!["totalCount"]!.GetValue<int>());
        }
        var me = (await gateway.PostAsync("{ me { workspaces(first: 10) { nodes { id myRole } } } }", token: team[WorkspaceRoles.Viewer].Token)).Clean();
        Assert.Contains(me.Data!["me"]!["workspaces"]!["nodes"]!.AsArray(),
            w => w!["id"]!.GetValue<string>() == workspaceId.ToString() && w["myRole"]!.GetValue<string>() == "VIEWER");
    }

    [Fact]
    public async Task GivenANonMember_WhenReadingOrChangingTheTeam_ThenNotFoundAndNothingReachesTheService()
    {
        var (workspaceId, team, stranger) = await TeamAsync();

        var read = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { id members(first: 5) { totalCount } } }",
            new { id = workspaceId }, stranger.Token)).Clean();
        var invite = (await InviteAs(stranger, workspaceId, "VIEWER")).Clean();
        var remove = (await gateway.PostAsync(Remove, new { i = new { workspaceId, userId = team[WorkspaceRoles.Viewer].UserId } }, stranger.Token)).Clean();

        foreach (var response in new[] { read, invite, remove })
        {
            Assert.Equal(["NOT_FOUND"], response.ErrorCodes);
            Assert.DoesNotContain(workspaceId.ToString(), response.Body[response.Body.IndexOf("\"errors\"", StringComparison.Ordinal)..]);
        }
        Assert.Null(read.Data!["workspace"]);
        Assert.Equal(0, RequestsFor(workspaceId));
    }

    [Theory]
    [InlineData(WorkspaceRoles.Viewer, "VIEWER")]
    [InlineData(WorkspaceRoles.Developer, "VIEWER")]
    [InlineData(WorkspaceRoles.Manager, "MANAGER")]
    public async Task GivenAMemberWhoMayNotManageTheRole_WhenInviting_ThenForbiddenAndNothingReachesTheService(string actor, string invited)
    {
        var (workspaceId, team, _) = await TeamAsync();

        var response = (await InviteAs(team[actor], workspaceId, invited)).Clean();

        Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Null(response.Data?["inviteMember"]);
        Assert.Equal(0, RequestsFor(workspaceId));
    }

    [Theory]
    [InlineData(WorkspaceRoles.Owner, "MANAGER")]
    [InlineData(WorkspaceRoles.Manager, "DEVELOPER")]
    [InlineData(WorkspaceRoles.Manager, "VIEWER")]
    public async Task GivenAMemberWhoManagesTheRole_WhenInviting_ThenTheInvitationAndItsCodeAreReturned(string actor, string invited)
    {
        var (workspaceId, team, _) = await TeamAsync();

        var response = (await InviteAs(team[actor], workspaceId, invited)).Clean();

        Assert.Empty(response.Errors);
        var payload = response.Data!["inviteMember"]!;
        Assert.StartsWith("code-", payload["code"]!.GetValue<string>());
        Assert.Equal((invited, "PENDING"), (payload["invitation"]!["role"]!.GetValue<string>(), payload["invitation"]!["status"]!.GetValue<string>()));
        Assert.Equal(1, RequestsFor(workspaceId));
    }

    [Fact]
    public async Task GivenAManager_WhenChangingOrRemovingAManagerOrTransferring_ThenForbidden()
    {
        var (workspaceId, team, _) = await TeamAsync();
        var manager = team[WorkspaceRoles.Manager];
        var otherManager = await SignUpAsync();
        gateway.Fakes.AddMember(workspaceId, otherManager.UserId, WorkspaceRoles.Manager);

        var change = (await gateway.PostAsync(ChangeRole, new { i = new { workspaceId, userId = otherManager.UserId, role = "VIEWER" } }, manager.Token)).Clean();
        var promote = (await gateway.PostAsync(ChangeRole,
            new { i = new { workspaceId, userId = team[WorkspaceRoles.Viewer].UserId, role = "MANAGER" } }, manager.Token)).Clean();
        var remove = (await gateway.PostAsync(Remove, new { i = new { workspaceId, userId = otherManager.UserId } }, manager.Token)).Clean();
        var transfer = (await gateway.PostAsync(Transfer, new { i = new { workspaceId, userId = otherManager.UserId } }, manager.Token)).Clean();
        var invitations = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { invitations(first: 5) { totalCount } } }",
            new { id = workspaceId }, team[WorkspaceRoles.Developer].Token)).Clean();

        foreach (var response in new[] { change, promote, remove, transfer, invitations })
            Assert.Equal(["FORBIDDEN"], response.ErrorCodes);
        Assert.Equal(0, RequestsFor(workspaceId));

        var demoteDeveloper = (await gateway.PostAsync(ChangeRole,
            new { i = new { workspaceId, userId = team[WorkspaceRoles.Developer].UserId, role = "VIEWER" } }, manager.Token)).Clean();
        Assert.Empty(demoteDeveloper.Errors);
        Assert.Equal("VIEWER", demoteDeveloper.Data!["changeMemberRole"]!["member"]!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenAViewer_WhenReadingTheInvitationsOfEachOfTheirWorkspaces_ThenOnlyThoseOfTheTeamAreNull_AndTheRestOfMeStays()
    {
        var (workspaceId, team, _) = await TeamAsync();
        var (owner, viewer) = (team[WorkspaceRoles.Owner], team[WorkspaceRoles.Viewer]);
        var invitation = gateway.Fakes.AddInvitation(workspaceId, $"invited-{Guid.NewGuid():N}@example.com", WorkspaceRoles.Developer);

        var response = (await gateway.PostAsync("{ me { workspaces(first: 10) { nodes { name invitations(first: 5) { totalCount } } } } }",
            token: viewer.Token)).Clean();

        var nodes = response.Data!["me"]!["workspaces"]!["nodes"]!.AsArray();
        Assert.Equal(new[] { "ws-" + owner.Email, "ws-" + viewer.Email }.Order(), nodes.Select(n => n!["name"]!.GetValue<string>()).Order());
        var shared = nodes.Single(n => n!["name"]!.GetValue<string>() == "ws-" + owner.Email)!;
        var own = nodes.Single(n => n!["name"]!.GetValue<string>() == "ws-" + viewer.Email)!;
        Assert.Null(shared["invitations"]);
        Assert.NotNull(own["invitations"]);
        var error = Assert.Single(response.Errors)!;
        Assert.Equal("FORBIDDEN", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(["me", "workspaces", "nodes", nodes.IndexOf(shared).ToString(), "invitations"], error["path"]!.AsArray().Select(p => p!.ToString()));
        Assert.DoesNotContain(invitation.Email, response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(invitation.Id.ToString(), response.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenAnInvitationAsManager_WhenAManagerOrAStrangerRevokesIt_ThenForbiddenOrNotFound_AndTheOwnerMay()
    {
        var (workspaceId, team, stranger) = await TeamAsync();
        var invitation = gateway.Fakes.AddInvitation(workspaceId, "boss@example.com", WorkspaceRoles.Manager);

        var byStranger = (await gateway.PostAsync(Revoke, new { i = new { invitationId = invitation.Id } }, stranger.Token)).Clean();
        var byManager = (await gateway.PostAsync(Revoke, new { i = new { invitationId = invitation.Id } }, team[WorkspaceRoles.Manager].Token)).Clean();
        var byOwner = (await gateway.PostAsync(Revoke, new { i = new { invitationId = invitation.Id } }, team[WorkspaceRoles.Owner].Token)).Clean();

        Assert.Equal(["NOT_FOUND"], byStranger.ErrorCodes);
        Assert.DoesNotContain("boss@example.com", byStranger.Body);
        Assert.Equal(["FORBIDDEN"], byManager.ErrorCodes);
        Assert.Empty(byOwner.Errors);
        Assert.Equal("REVOKED", byOwner.Data!["revokeInvitation"]!["invitation"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenAPlatformAdminWhoSeesTheWorkspaceButIsNoMember_WhenTheyLeaveOrRevoke_ThenForbiddenByTheGateway_WhileAMemberLeaves()
    {
        // Straight into the fakes' memory: anonymous signUps share one throttle bucket with the other tests.
        Person Direct(string who)
        {
            var email = $"{who}-{Guid.NewGuid():N}@example.com";
            var (userId, ownWorkspaceId) = gateway.Fakes.AddUser(email, who, $"{who}-own-{Guid.NewGuid():N}");
            return new Person(gateway.Tokens.Issue(userId, email, DateTimeOffset.UtcNow), userId, email, ownWorkspaceId);
        }
        var workspaceId = Direct("owner").OwnWorkspaceId;
        var viewer = Direct("viewer");
        gateway.Fakes.AddMember(workspaceId, viewer.UserId, WorkspaceRoles.Viewer);
        var operatorUser = Direct("operator");
        gateway.Fakes.MakePlatformAdmin(operatorUser.UserId);
        var invitation = gateway.Fakes.AddInvitation(workspaceId, "dev@example.com", WorkspaceRoles.Developer);
        const string Leave = "mutation($i: LeaveWorkspaceInput!) { leaveWorkspace(input: $i) { workspaceId userErrors { code } } }";

        var left = (await gateway.PostAsync(Leave, new { i = new { workspaceId } }, operatorUser.Token)).Clean();
        var removedSelf = (await gateway.PostAsync(Remove, new { i = new { workspaceId, userId = operatorUser.UserId } }, operatorUser.Token)).Clean();
        var revoked = (await gateway.PostAsync(Revoke, new { i = new { invitationId = invitation.Id } }, operatorUser.Token)).Clean();

        Assert.Equal(["FORBIDDEN"], left.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], removedSelf.ErrorCodes);
        Assert.Equal(["FORBIDDEN"], revoked.ErrorCodes);
        Assert.DoesNotContain(gateway.Fakes.TeamRequests, r => r is LeaveWorkspace m && m.WorkspaceId == workspaceId
            || r is RemoveMember m2 && m2.WorkspaceId == workspaceId || r is RevokeInvitation m3 && m3.InvitationId == invitation.Id);
        var viewerLeft = (await gateway.PostAsync(Leave, new { i = new { workspaceId } }, viewer.Token)).Clean();
        Assert.Empty(viewerLeft.Errors);
        Assert.Contains(gateway.Fakes.TeamRequests, r => r is LeaveWorkspace m && m.WorkspaceId == workspaceId && m.UserId == viewer.UserId);
    }

    [Fact]
    public async Task GivenAnInvitationToMyEmail_WhenIListAndAcceptIt_ThenIJoinWithItsRole()
    {
        var owner = await SignUpAsync();
        var invitee = await SignUpAsync();
        var invited = (await InviteAs(owner, owner.OwnWorkspaceId, "DEVELOPER")).Data!["inviteMember"]!["invitation"]!["id"]!.GetValue<string>();
        var invitation = gateway.Fakes.AddInvitation(owner.OwnWorkspaceId, invitee.Email, WorkspaceRoles.Developer);

        var mine = (await gateway.PostAsync("{ me { invitations(first: 10) { nodes { id role workspaceName } } } }", token: invitee.Token)).Clean();
        var accepted = (await gateway.PostAsync(
            "mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { workspace { id myRole } userErrors { code } } }",
            new { i = new { code = "code-" + invitation.Id.ToString("N") } }, invitee.Token)).Clean();

        var ids = mine.Data!["me"]!["invitations"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([invitation.Id.ToString()], ids);
        Assert.DoesNotContain(invited, ids);
        Assert.Empty(accepted.Errors);
        Assert.Equal((owner.OwnWorkspaceId.ToString(), "DEVELOPER"),
            (accepted.Data!["acceptInvitation"]!["workspace"]!["id"]!.GetValue<string>(), accepted.Data["acceptInvitation"]!["workspace"]!["myRole"]!.GetValue<string>()));
    }

    [Fact]
    public async Task WithoutAToken_TeamMutationsAreUnauthenticated()
    {
        var response = (await gateway.PostAsync(Invite, new { i = new { workspaceId = Guid.NewGuid(), email = "x@example.com", role = "VIEWER" } })).Clean();

        Assert.Equal(["UNAUTHENTICATED"], response.ErrorCodes);
    }
}

/// <summary>The role → permission table every workspace field and mutation is checked against.</summary>
public sealed class WorkspacePermissionTests
{
    [Theory]
    [InlineData("OWNER", "Read,ReadBilling,ReadTeam,ManageMembers,ChangeApps,ManageBilling,Delete,TransferOwnership,Leave", "MANAGER,DEVELOPER,VIEWER")]
    [InlineData("MANAGER", "Read,ReadBilling,ReadTeam,ManageMembers,ChangeApps,ManageBilling,Leave", "DEVELOPER,VIEWER")]
    [InlineData("DEVELOPER", "Read,ReadBilling,ReadTeam,ChangeApps,Leave", "")]
    [InlineData("VIEWER", "Read,ReadBilling,ReadTeam,Leave", "")]
    [InlineData(null, "", "")]
    public void EachRole_HasExactlyItsPermissionsAndManagesExactlyItsRoles(string? role, string permissions, string manages)
    {
        Assert.Equal(permissions, string.Join(",", Enum.GetValues<WorkspacePermission>().Where(p => WorkspacePermissions.Has(role, p))));
        Assert.Equal(manages, string.Join(",", WorkspaceRoles.All.Where(r => WorkspacePermissions.CanManage(role, r))));
    }
}
