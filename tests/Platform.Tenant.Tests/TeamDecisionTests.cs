using Platform.Contracts.Tenants;
using Platform.Tenant.Inviting;
using Platform.Tenant.ManagingMembers;
using Platform.Tenant.Members;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>Roles, members and invitations: Given a workspace's events / When a command / Then events or a refusal code.</summary>
public sealed class TeamDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly TimeSpan Week = TimeSpan.FromDays(7);
    static readonly Guid WorkspaceId = Guid.NewGuid();
    const string Owner = WorkspaceRoles.Owner, Manager = WorkspaceRoles.Manager, Developer = WorkspaceRoles.Developer, Viewer = WorkspaceRoles.Viewer;

    /// <summary>One member per role acting, and another member per role to act on.</summary>
    static readonly Dictionary<string, Guid> Actors = WorkspaceRoles.All.ToDictionary(r => r, _ => Guid.NewGuid());
    static readonly Dictionary<string, Guid> Others = WorkspaceRoles.All.Where(r => r != Owner).ToDictionary(r => r, _ => Guid.NewGuid());

    static Workspace Given(params object[] events) => events.Aggregate(
        Workspace.Create(new Workspaces.WorkspaceCreated(WorkspaceId, Actors[Owner], "Team", "team", "ws-team", "local", Now.AddDays(-1))),
        (w, e) => e switch
        {
            MemberAdded a => w.Apply(a),
            MemberRoleChanged c => w.Apply(c),
            MemberRemoved r => w.Apply(r),
            OwnershipTransferred t => w.Apply(t),
            _ => throw new ArgumentException($"unexpected {e}"),
        });

    static MemberAdded Added(Guid userId, string role) => new(WorkspaceId, userId, role, "ws-team", null, Now.AddHours(-1));

    static Workspace Team() => Given([
        .. Actors.Where(a => a.Key != Owner).Select(a => Added(a.Value, a.Key)),
        .. Others.Select(o => Added(o.Value, o.Key)),
    ]);

    static string Refused(Action decide) => Assert.Throws<DomainRuleViolated>(decide).Code;

    // The rule: owners manage managers and below; managers manage developers and viewers; nobody else manages anyone.
    static bool Manages(string actor, string target) =>
        (actor == Owner && target != Owner) || (actor == Manager && target is Developer or Viewer);

    public static TheoryData<string, string> ActorAndTarget()
    {
        var data = new TheoryData<string, string>();
        foreach (var actor in WorkspaceRoles.All)
            foreach (var target in new[] { Manager, Developer, Viewer })
                data.Add(actor, target);
        return data;
    }

    [Fact]
    public void GivenACreatedWorkspace_ThenItsCreatorIsTheOnlyMemberAndOwner()
    {
        var workspace = Given();

        var member = Assert.Single(workspace.Members);
        Assert.Equal((Actors[Owner], Owner), (member.UserId, member.Role));
        Assert.Null(workspace.RoleOf(Guid.NewGuid()));
    }

    [Theory]
    [MemberData(nameof(ActorAndTarget))]
    public void GivenATeam_WhenAMemberInvitesWithARole_ThenOnlyThoseWhoManageThatRoleMay(string actor, string role)
    {
        var invite = () => InvitationDecisions.Invite(Team(), Actors[actor], "new@example.com", role, null, false, Guid.NewGuid(), "hash", Now, Week);

        if (Manages(actor, role))
        {
            var invited = invite();
            Assert.Equal((role, "new@example.com", Now + Week), (invited.Role, invited.Email, invited.ExpiresAt));
        }
        else
            Assert.Equal(TeamErrors.NotAllowed, Refused(() => invite()));
    }

    [Theory]
    [MemberData(nameof(ActorAndTarget))]
    public void GivenATeam_WhenAMemberChangesAnotherMembersRole_ThenOnlyThoseWhoManageBothRolesMay(string actor, string target)
    {
        foreach (var newRole in new[] { Manager, Developer, Viewer }.Where(r => r != target))
        {
            var change = () => MemberDecisions.ChangeRole(Team(), Actors[actor], Others[target], newRole, Now);

            if (Manages(actor, target) && Manages(actor, newRole))
                Assert.Equal([new MemberRoleChanged(WorkspaceId, Others[target], newRole, target, "ws-team", Actors[actor], Now)], change());
            else
                Assert.Equal(TeamErrors.NotAllowed, Refused(() => change()));
        }
    }

    [Theory]
    [MemberData(nameof(ActorAndTarget))]
    public void GivenATeam_WhenAMemberRemovesAnother_ThenOnlyThoseWhoManageTheirRoleMay(string actor, string target)
    {
        var remove = () => MemberDecisions.Remove(Team(), Actors[actor], Others[target], Now);

        if (Manages(actor, target))
            Assert.Equal([new MemberRemoved(WorkspaceId, Others[target], target, "ws-team", Actors[actor], Now)], remove());
        else
            Assert.Equal(TeamErrors.NotAllowed, Refused(() => remove()));
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(Developer)]
    [InlineData(Viewer)]
    public void GivenANonOwner_WhenTheyLeave_ThenTheyAreRemoved(string role)
    {
        var events = MemberDecisions.Leave(Team(), Actors[role], Now);

        Assert.Equal([new MemberRemoved(WorkspaceId, Actors[role], role, "ws-team", Actors[role], Now)], events);
    }

    [Fact]
    public void GivenTheOwner_WhenTheyLeaveRemoveThemselvesOrDemoteThemselves_ThenLastOwner()
    {
        Assert.Equal(TeamErrors.LastOwner, Refused(() => MemberDecisions.Leave(Team(), Actors[Owner], Now)));
        Assert.Equal(TeamErrors.LastOwner, Refused(() => MemberDecisions.Remove(Team(), Actors[Owner], Actors[Owner], Now)));
        Assert.Equal(TeamErrors.LastOwner, Refused(() => MemberDecisions.ChangeRole(Team(), Actors[Owner], Actors[Owner], Manager, Now)));
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(Developer)]
    [InlineData(Viewer)]
    public void GivenTheOwner_WhenAnotherMemberRemovesOrChangesThem_ThenNotAllowed(string actor)
    {
        Assert.Equal(TeamErrors.NotAllowed, Refused(() => MemberDecisions.Remove(Team(), Actors[actor], Actors[Owner], Now)));
        Assert.Equal(TeamErrors.NotAllowed, Refused(() => MemberDecisions.ChangeRole(Team(), Actors[actor], Actors[Owner], Viewer, Now)));
    }

    [Fact]
    public void GivenAMember_WhenMadeOwnerByARoleChange_ThenInvalidRole()
    {
        Assert.Equal(TeamErrors.InvalidRole, Refused(() => MemberDecisions.ChangeRole(Team(), Actors[Owner], Others[Manager], Owner, Now)));
        Assert.Equal(TeamErrors.InvalidRole, Refused(() => MemberDecisions.ChangeRole(Team(), Actors[Owner], Others[Manager], "ADMIN", Now)));
        Assert.Equal(TeamErrors.InvalidRole,
            Refused(() => InvitationDecisions.Invite(Team(), Actors[Owner], "x@example.com", Owner, null, false, Guid.NewGuid(), "h", Now, Week)));
    }

    [Fact]
    public void GivenANonMember_WhenActingOnTheTeam_ThenNotAMember()
    {
        var stranger = Guid.NewGuid();

        Assert.Equal(TeamErrors.NotAMember, Refused(() => MemberDecisions.Remove(Team(), stranger, Others[Viewer], Now)));
        Assert.Equal(TeamErrors.NotAMember, Refused(() => MemberDecisions.Leave(Team(), stranger, Now)));
        Assert.Equal(TeamErrors.NotAMember, Refused(() => MemberDecisions.ChangeRole(Team(), Actors[Owner], stranger, Viewer, Now)));
        Assert.Equal(TeamErrors.NotAMember, Refused(() => MemberDecisions.TransferOwnership(Team(), Actors[Owner], stranger, Now)));
        Assert.Equal(TeamErrors.NotAMember,
            Refused(() => InvitationDecisions.Invite(Team(), stranger, "x@example.com", Viewer, null, false, Guid.NewGuid(), "h", Now, Week)));
    }

    [Fact]
    public void GivenTheOwner_WhenTransferringToAMember_ThenTheMemberIsOwnerAndTheOldOwnerAManager()
    {
        var workspace = Team();

        var events = MemberDecisions.TransferOwnership(workspace, Actors[Owner], Others[Viewer], Now);

        Assert.Equal([new OwnershipTransferred(WorkspaceId, Actors[Owner], Others[Viewer], "ws-team", Now)], events);
        var after = workspace.Apply((OwnershipTransferred)events[0]);
        Assert.Equal(Others[Viewer], after.OwnerId);
        Assert.Equal(Owner, after.RoleOf(Others[Viewer]));
        Assert.Equal(Manager, after.RoleOf(Actors[Owner]));
        Assert.Single(after.Members, m => m.Role == Owner);
        Assert.IsType<MemberRemoved>(Assert.Single(MemberDecisions.Leave(after, Actors[Owner], Now))); // no longer the owner, so free to leave
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(Developer)]
    [InlineData(Viewer)]
    public void GivenANonOwner_WhenTransferringOwnership_ThenNotAllowed(string actor) =>
        Assert.Equal(TeamErrors.NotAllowed, Refused(() => MemberDecisions.TransferOwnership(Team(), Actors[actor], Others[Developer], Now)));

    [Fact]
    public void GivenAMemberOrAPendingInvitation_WhenInvitingTheSameEmail_ThenAlreadyMemberOrAlreadyInvited()
    {
        Assert.Equal(TeamErrors.AlreadyMember,
            Refused(() => InvitationDecisions.Invite(Team(), Actors[Owner], "dev@example.com", Viewer, Others[Developer], false, Guid.NewGuid(), "h", Now, Week)));
        Assert.Equal(TeamErrors.AlreadyInvited,
            Refused(() => InvitationDecisions.Invite(Team(), Actors[Owner], "new@example.com", Viewer, null, true, Guid.NewGuid(), "h", Now, Week)));
        Assert.Equal(TeamErrors.InvalidEmail,
            Refused(() => InvitationDecisions.Invite(Team(), Actors[Owner], "not an email", Viewer, null, false, Guid.NewGuid(), "h", Now, Week)));
    }

    // Invitation lifecycle

    static readonly User Invitee = new(Guid.NewGuid(), "new@example.com", "New", "", Now.AddDays(-1));

    static Invitation Invited(string role = Developer) => Invitation.Create(
        InvitationDecisions.Invite(Team(), Actors[Owner], "New@Example.com", role, null, false, Guid.NewGuid(), InvitationCodes.Hash("code"), Now, Week));

    [Fact]
    public void GivenAnInvitation_WhenTheInviteeAcceptsBeforeItExpires_ThenTheInvitationIsUsedAndTheyAreAMemberWithItsRole()
    {
        var invitation = Invited();

        var events = InvitationDecisions.Accept(invitation, Team(), Invitee with { Email = "new@example.com" }, Now + Week - TimeSpan.FromSeconds(1));

        var accepted = Assert.IsType<InvitationAccepted>(events[0]);
        var added = Assert.IsType<MemberAdded>(events[1]);
        Assert.Equal((invitation.Id, Invitee.Id), (accepted.InvitationId, accepted.UserId));
        Assert.Equal((Invitee.Id, Developer, (Guid?)invitation.Id), (added.UserId, added.Role, added.InvitationId));
        Assert.Equal(Developer, Team().Apply(added).RoleOf(Invitee.Id));
    }

    [Fact]
    public void GivenAnInvitation_WhenAcceptedAtOrAfterItsExpiry_ThenInvitationExpired()
    {
        var invitation = Invited();

        Assert.Equal(TeamErrors.InvitationExpired, Refused(() => InvitationDecisions.Accept(invitation, Team(), Invitee, Now + Week)));
        Assert.Equal(TeamErrors.InvitationExpired, Refused(() => InvitationDecisions.Decline(invitation, Invitee, Now + Week + TimeSpan.FromDays(1))));
        Assert.Equal(InvitationStatuses.Expired, invitation.StatusAt(Now + Week));
        Assert.Equal(InvitationStatuses.Pending, invitation.StatusAt(Now + Week - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void GivenAnAcceptedOrDeclinedInvitation_WhenAnsweredAgain_ThenInvitationUsed()
    {
        var accepted = Invited().Apply(new InvitationAccepted(Guid.NewGuid(), WorkspaceId, Invitee.Id, Now));
        var declined = Invited().Apply(new InvitationDeclined(Guid.NewGuid(), WorkspaceId, Invitee.Id, Now));

        Assert.Equal(TeamErrors.InvitationUsed, Refused(() => InvitationDecisions.Accept(accepted, Team(), Invitee, Now)));
        Assert.Equal(TeamErrors.InvitationUsed, Refused(() => InvitationDecisions.Accept(declined, Team(), Invitee, Now)));
        Assert.Equal(TeamErrors.InvitationUsed, Refused(() => InvitationDecisions.Decline(accepted, Invitee, Now)));
        Assert.Equal(TeamErrors.InvitationUsed, Refused(() => InvitationDecisions.Revoke(accepted, Team(), Actors[Owner], Now)));
    }

    [Fact]
    public void GivenARevokedInvitation_WhenAcceptedOrDeclined_ThenInvitationRevoked()
    {
        var revoked = Invited().Apply(new InvitationRevoked(Guid.NewGuid(), WorkspaceId, Actors[Owner], Now));

        Assert.Equal(TeamErrors.InvitationRevoked, Refused(() => InvitationDecisions.Accept(revoked, Team(), Invitee, Now)));
        Assert.Equal(TeamErrors.InvitationRevoked, Refused(() => InvitationDecisions.Decline(revoked, Invitee, Now)));
    }

    [Fact]
    public void GivenNoInvitationOrAnotherEmail_WhenAccepting_ThenInvitationNotFoundOrEmailMismatch()
    {
        Assert.Equal(TeamErrors.InvitationNotFound, Refused(() => InvitationDecisions.Accept(null, Team(), Invitee, Now)));
        Assert.Equal(TeamErrors.EmailMismatch, Refused(() => InvitationDecisions.Accept(Invited(), Team(), Invitee with { Email = "other@example.com" }, Now)));
    }

    [Fact]
    public void GivenAnInvitationForSomeoneAlreadyAMember_WhenAccepted_ThenAlreadyMember() =>
        Assert.Equal(TeamErrors.AlreadyMember, Refused(() => InvitationDecisions.Accept(Invited(), Team().Apply(Added(Invitee.Id, Viewer)), Invitee, Now)));

    [Theory]
    [MemberData(nameof(ActorAndTarget))]
    public void GivenAnOpenInvitation_WhenAMemberRevokesIt_ThenOnlyThoseWhoManageItsRoleMay(string actor, string role)
    {
        var invitation = Invited(role);
        var revoke = () => InvitationDecisions.Revoke(invitation, Team(), Actors[actor], Now);

        if (Manages(actor, role))
            Assert.Equal(new InvitationRevoked(invitation.Id, WorkspaceId, Actors[actor], Now), revoke());
        else
            Assert.Equal(TeamErrors.NotAllowed, Refused(() => revoke()));
    }

    [Fact]
    public void WhenCodesAreMade_ThenTheyAreLongRandomAndOnlyTheirHashIsComparable()
    {
        var codes = Enumerable.Range(0, 100).Select(_ => InvitationCodes.New()).ToList();

        Assert.Equal(100, codes.Distinct().Count());
        Assert.All(codes, c => Assert.True(c.Length >= 43, c)); // 256 bits in base64url
        Assert.Equal(InvitationCodes.Hash(codes[0]), InvitationCodes.Hash(codes[0]));
        Assert.NotEqual(codes[0], InvitationCodes.Hash(codes[0]));
        Assert.NotEqual(InvitationCodes.Hash(codes[0]), InvitationCodes.Hash(codes[1]));
    }
}

/// <summary>A workspace being deleted keeps its team as it was.</summary>
public sealed class DeletingWorkspaceTeamDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid WorkspaceId = Guid.NewGuid();
    static readonly Guid OwnerId = Guid.NewGuid();
    static readonly Guid ManagerId = Guid.NewGuid();

    static Workspace Deleting() => Workspace.Create(new Workspaces.WorkspaceCreated(WorkspaceId, OwnerId, "Team", "team", "ws-team", "local", Now.AddDays(-1)))
        .Apply(new MemberAdded(WorkspaceId, ManagerId, WorkspaceRoles.Manager, "ws-team", null, Now.AddHours(-2)))
        .Apply(new Workspaces.WorkspaceDeletionRequested(WorkspaceId, OwnerId, "ws-team", Now.AddHours(-1)));

    static string Refused(Action decide) => Assert.Throws<DomainRuleViolated>(decide).Code;

    [Fact]
    public void GivenAWorkspaceBeingDeleted_WhenAnyoneChangesItsTeam_ThenInvalidState()
    {
        var workspace = Deleting();
        Assert.Equal(WorkspaceStatus.Deleting, workspace.Status);
        Assert.Equal(TeamErrors.InvalidState, Refused(() =>
            InvitationDecisions.Invite(workspace, OwnerId, "new@example.com", WorkspaceRoles.Viewer, null, false, Guid.NewGuid(), "h", Now, TimeSpan.FromDays(7))));
        Assert.Equal(TeamErrors.InvalidState, Refused(() => MemberDecisions.ChangeRole(workspace, OwnerId, ManagerId, WorkspaceRoles.Viewer, Now)));
        Assert.Equal(TeamErrors.InvalidState, Refused(() => MemberDecisions.Remove(workspace, OwnerId, ManagerId, Now)));
        Assert.Equal(TeamErrors.InvalidState, Refused(() => MemberDecisions.Leave(workspace, ManagerId, Now)));
        Assert.Equal(TeamErrors.InvalidState, Refused(() => MemberDecisions.TransferOwnership(workspace, OwnerId, ManagerId, Now)));
    }

    [Fact]
    public void GivenAWorkspaceBeingDeleted_WhenAnInviteeAccepts_ThenInvalidState()
    {
        var invitation = Invitation.Create(new MemberInvited(Guid.NewGuid(), WorkspaceId, "Team", "late@example.com", WorkspaceRoles.Viewer, "h", OwnerId,
            Now.AddHours(-3), Now.AddDays(7)));
        var invitee = new User(Guid.NewGuid(), "late@example.com", "Late", "hash", Now.AddDays(-2));
        Assert.Equal(TeamErrors.InvalidState, Refused(() => InvitationDecisions.Accept(invitation, Deleting(), invitee, Now)));
    }
}
