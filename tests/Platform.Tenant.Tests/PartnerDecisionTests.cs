using Platform.Contracts.Tenants;
using Platform.Tenant.CreatingCustomerWorkspaces;
using Platform.Tenant.Inviting;
using Platform.Tenant.IssuingApiKeys;
using Platform.Tenant.ManagingPartners;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;
using Platform.Tenant.Users;
using Platform.Tenant.Workspaces;
using Xunit;
using WorkspaceCreated = Platform.Tenant.Workspaces.WorkspaceCreated;

namespace Platform.Tenant.Tests;

/// <summary>Partners, API keys and owner invitations: Given events / When a command / Then events or a refusal code.</summary>
public sealed class PartnerDecisionTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly Guid AdminId = Guid.NewGuid(), PartnerId = Guid.NewGuid(), KeyId = Guid.NewGuid();
    const string OwnerEmail = "owner@reseller.example", MemberEmail = "member@reseller.example";

    static Partner Active() => Partner.Create(new PartnerCreated(PartnerId, "Reseller", OwnerEmail, AdminId, Now.AddDays(-1)))
        .Apply(new PartnerMemberAdded(PartnerId, MemberEmail, PartnerRoles.Member, AdminId, Now.AddHours(-1)));

    static Partner Pending() => Partner.Create(new PartnershipApplied(PartnerId, "Applicant", OwnerEmail, Guid.NewGuid(), Now.AddDays(-1)));

    static string Refusal(Action decide) => Assert.Throws<DomainRuleViolated>(decide).Code;

    [Fact]
    public void GivenAnAdmin_WhenCreatingAPartner_ThenItIsActiveWithTheOwnerEmailAsAdmin()
    {
        var created = PartnerDecisions.Create(true, AdminId, "  Reseller  ", " Owner@Reseller.Example ", PartnerId, Now);

        Assert.Equal(new PartnerCreated(PartnerId, "Reseller", OwnerEmail, AdminId, Now), created);
        var partner = Partner.Create(created);
        Assert.Equal(PartnerStatuses.Active, partner.Status);
        Assert.Equal(PartnerRoles.Admin, partner.RoleOf(OwnerEmail));
    }

    [Fact]
    public void GivenANonAdmin_WhenCreatingAPartner_ThenNotAllowed() =>
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.Create(false, AdminId, "Reseller", OwnerEmail, PartnerId, Now)));

    [Theory]
    [InlineData("", OwnerEmail, PartnerErrors.InvalidName)]
    [InlineData("Reseller", "not-an-email", PartnerErrors.InvalidEmail)]
    public void GivenInvalidInput_WhenCreatingAPartner_ThenRefused(string name, string email, string code) =>
        Assert.Equal(code, Refusal(() => PartnerDecisions.Create(true, AdminId, name, email, PartnerId, Now)));

    [Fact]
    public void GivenAnApplication_WhenAnAdminApproves_ThenActive_AndAgainIsInvalidState()
    {
        var pending = Pending();
        Assert.Equal(PartnerStatuses.Pending, pending.Status);

        var approved = pending.Apply(PartnerDecisions.Approve(pending, true, AdminId, Now));

        Assert.Equal(PartnerStatuses.Active, approved.Status);
        Assert.Equal(PartnerErrors.InvalidState, Refusal(() => PartnerDecisions.Approve(approved, true, AdminId, Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.Approve(pending, false, AdminId, Now)));
    }

    [Fact]
    public void GivenAnApplication_WhenAnAdminRejectsWithAReason_ThenRejectedWithIt_AndNoReasonIsRefused()
    {
        var pending = Pending();
        Assert.Equal("INVALID_REASON", Refusal(() => PartnerDecisions.Reject(pending, true, AdminId, "  ", Now)));

        var rejected = pending.Apply(PartnerDecisions.Reject(pending, true, AdminId, "Not a reseller", Now));

        Assert.Equal((PartnerStatuses.Rejected, "Not a reseller"), (rejected.Status, rejected.RejectionReason));
        Assert.Equal(PartnerErrors.InvalidState, Refusal(() => PartnerDecisions.Approve(rejected, true, AdminId, Now)));
    }

    [Fact]
    public void GivenAPartner_WhenItsAdminAddsMembers_ThenTheyHaveTheRole_AndOnlyAdminsMayAndTheLastAdminStays()
    {
        var partner = Active();
        var added = Assert.IsType<PartnerMemberAdded>(Assert.Single(PartnerDecisions.AddMember(partner, OwnerEmail, AdminId, "New@Reseller.example", "admin", Now)));
        Assert.Equal(("new@reseller.example", PartnerRoles.Admin), (added.Email, added.Role));

        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.AddMember(partner, MemberEmail, AdminId, "x@example.com", "MEMBER", Now)));
        Assert.Equal(PartnerErrors.InvalidRole, Refusal(() => PartnerDecisions.AddMember(partner, OwnerEmail, AdminId, "x@example.com", "OWNER", Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.AddMember(partner, OwnerEmail, AdminId, OwnerEmail, "MEMBER", Now)));
    }

    const string SecondAdminEmail = "second@reseller.example";

    static Partner WithTwoAdmins() =>
        Active().Apply(new PartnerMemberAdded(PartnerId, SecondAdminEmail, PartnerRoles.Admin, AdminId, Now.AddMinutes(-30)));

    [Fact]
    public void GivenAPartner_WhenItsAdminRemovesAMember_ThenTheMemberIsGone_AndNoLongerHasARole()
    {
        var partner = Active();

        var removed = PartnerDecisions.RemoveMember(partner, OwnerEmail, AdminId, " Member@Reseller.Example ", Now);

        Assert.Equal(new PartnerMemberRemoved(PartnerId, MemberEmail, PartnerRoles.Member, AdminId, Now), removed);
        var after = partner.Apply(removed);
        Assert.Null(after.RoleOf(MemberEmail));
        Assert.Equal([OwnerEmail], after.Members.Select(m => m.Email));
        Assert.Equal([OwnerEmail, MemberEmail], partner.Members.Select(m => m.Email));
        Assert.DoesNotContain(after.ToDetails().Members, m => m.Email == MemberEmail);
    }

    [Fact]
    public void GivenAMember_WhenTheyRemoveThemselves_ThenTheyLeave()
    {
        var removed = PartnerDecisions.RemoveMember(Active(), MemberEmail, AdminId, MemberEmail, Now);

        Assert.Equal((MemberEmail, PartnerRoles.Member, AdminId), (removed.Email, removed.Role, removed.RemovedBy));
    }

    [Fact]
    public void GivenTwoAdmins_WhenOneLeaves_ThenTheOtherIsTheLastAdmin_WhoCanNeitherLeaveNorBeRemoved()
    {
        var partner = WithTwoAdmins();

        var left = partner.Apply(PartnerDecisions.RemoveMember(partner, SecondAdminEmail, AdminId, SecondAdminEmail, Now));

        Assert.Null(left.RoleOf(SecondAdminEmail));
        Assert.Equal(PartnerErrors.LastAdmin, Refusal(() => PartnerDecisions.RemoveMember(left, OwnerEmail, AdminId, OwnerEmail, Now)));
        Assert.Equal(PartnerErrors.LastAdmin, Refusal(() => PartnerDecisions.RemoveMember(Active(), OwnerEmail, AdminId, OwnerEmail, Now)));
        var removedByTheOther = PartnerDecisions.RemoveMember(partner, OwnerEmail, AdminId, SecondAdminEmail, Now);
        Assert.Equal(PartnerRoles.Admin, removedByTheOther.Role);
    }

    [Fact]
    public void GivenRemovalsThatBreakARule_ThenEachIsRefusedWithItsCode_AndOnlyAdminsLearnWhoIsAMember()
    {
        var partner = WithTwoAdmins();

        Assert.Equal(PartnerErrors.NotAMember, Refusal(() => PartnerDecisions.RemoveMember(partner, OwnerEmail, AdminId, "stranger@example.com", Now)));
        Assert.Equal(PartnerErrors.NotAMember, Refusal(() => PartnerDecisions.RemoveMember(partner, OwnerEmail, AdminId, "", Now)));
        Assert.Equal(PartnerErrors.NotAMember, Refusal(() => PartnerDecisions.RemoveMember(partner, "stranger@example.com", AdminId, "stranger@example.com", Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.RemoveMember(partner, MemberEmail, AdminId, SecondAdminEmail, Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.RemoveMember(partner, MemberEmail, AdminId, "stranger@example.com", Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.RemoveMember(partner, "stranger@example.com", AdminId, MemberEmail, Now)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => PartnerDecisions.RemoveMember(partner, "", AdminId, "", Now)));
    }

    static ApiKeyCreated Key(Partner partner, string actor = OwnerEmail, string[]? scopes = null, DateTimeOffset? expiresAt = null) =>
        ApiKeyDecisions.Create(partner, actor, AdminId, "Portal", scopes ?? [ApiKeyScopes.WorkspacesRead], expiresAt, KeyId, ApiKeySecrets.Hash("s"), Now);

    [Fact]
    public void GivenAnActivePartner_WhenItsAdminCreatesAKey_ThenScopesAreNormalizedInCatalogueOrder()
    {
        var created = Key(Active(), scopes: ["BILLING:READ", "workspaces:read", "workspaces:read"], expiresAt: Now.AddDays(30));

        Assert.Equal([ApiKeyScopes.WorkspacesRead, ApiKeyScopes.BillingRead], created.Scopes);
        Assert.Equal((PartnerId, Now.AddDays(30)), (created.PartnerId, created.ExpiresAt));
    }

    [Fact]
    public void GivenKeyRequestsThatBreakARule_ThenEachIsRefusedWithItsCode()
    {
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => Key(Active(), actor: MemberEmail)));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => Key(Active(), actor: "stranger@example.com")));
        Assert.Equal(PartnerErrors.PartnerNotActive, Refusal(() => Key(Pending())));
        Assert.Equal(PartnerErrors.InvalidScope, Refusal(() => Key(Active(), scopes: ["root"])));
        Assert.Equal(PartnerErrors.InvalidScope, Refusal(() => Key(Active(), scopes: [])));
        Assert.Equal(PartnerErrors.InvalidExpiry, Refusal(() => Key(Active(), expiresAt: Now)));
    }

    [Fact]
    public void GivenAKey_WhenAuthenticating_ThenOnlyTheRightSecretOfAUsableKeyOfAnActivePartnerPasses()
    {
        var (key, hash) = ApiKeySecrets.New(KeyId);
        var parsed = ApiKeySecrets.Parse(key)!.Value;
        Assert.Equal(KeyId, parsed.KeyId);
        Assert.Equal(43, parsed.Secret.Length);
        var partner = Active();
        var apiKey = ApiKey.Create(ApiKeyDecisions.Create(partner, OwnerEmail, AdminId, "Portal", [ApiKeyScopes.WorkspacesRead], Now.AddDays(1), KeyId, hash, Now));

        Assert.Same(apiKey, ApiKeyDecisions.Authenticate(apiKey, partner, parsed.Secret, Now));
        Assert.Null(ApiKeyDecisions.Authenticate(apiKey, partner, parsed.Secret[..^1] + (parsed.Secret[^1] == 'A' ? 'B' : 'A'), Now));
        Assert.Null(ApiKeyDecisions.Authenticate(null, partner, parsed.Secret, Now));
        Assert.Null(ApiKeyDecisions.Authenticate(apiKey, partner, parsed.Secret, Now.AddDays(1)));
        Assert.Null(ApiKeyDecisions.Authenticate(apiKey, Pending(), parsed.Secret, Now));
        var revoked = apiKey.Apply(ApiKeyDecisions.Revoke(partner, apiKey, OwnerEmail, AdminId, Now));
        Assert.Null(ApiKeyDecisions.Authenticate(revoked, partner, parsed.Secret, Now));
        Assert.Null(ApiKeySecrets.Parse(key + "x"));
        Assert.Null(ApiKeySecrets.Parse("Bearer " + key));
    }

    [Fact]
    public void GivenAKey_WhenRevoking_ThenOnlyAPartnerAdminMayAndOnlyOnce()
    {
        var partner = Active();
        var key = ApiKey.Create(Key(partner));
        Assert.Equal(PartnerErrors.NotAllowed, Refusal(() => ApiKeyDecisions.Revoke(partner, key, MemberEmail, AdminId, Now)));
        var other = partner with { Id = Guid.NewGuid() };
        Assert.Equal(PartnerErrors.ApiKeyNotFound, Refusal(() => ApiKeyDecisions.Revoke(other, key, OwnerEmail, AdminId, Now)));

        var revoked = key.Apply(ApiKeyDecisions.Revoke(partner, key, OwnerEmail, AdminId, Now));

        Assert.Equal(Now, revoked.RevokedAt);
        Assert.Equal(PartnerErrors.ApiKeyRevoked, Refusal(() => ApiKeyDecisions.Revoke(partner, revoked, OwnerEmail, AdminId, Now)));
    }

    [Fact]
    public void LastUseIsRecordedAtMostOnceAMinute()
    {
        Assert.True(ApiKeyDecisions.ShouldRecordUse(null, Now));
        Assert.False(ApiKeyDecisions.ShouldRecordUse(Now.AddSeconds(-59), Now));
        Assert.True(ApiKeyDecisions.ShouldRecordUse(Now.AddMinutes(-1), Now));
    }

    static Workspace CustomerWorkspace(Guid? owner = null) =>
        Workspace.Create(new WorkspaceCreated(Guid.NewGuid(), owner, "Customer", "customer", "ws-customer", "local", Now, PartnerId));

    [Fact]
    public void GivenAPartnersWorkspaceWithoutOwner_WhenTheCustomerAcceptsTheOwnerInvitation_ThenTheyAreItsOwner()
    {
        var workspace = CustomerWorkspace();
        Assert.Null(workspace.OwnerId);
        Assert.Empty(workspace.Members);
        var invited = CustomerWorkspaceDecisions.InviteOwner(workspace, PartnerId, "Customer@Example.com", Guid.NewGuid(), "hash", Now, TimeSpan.FromDays(7));
        Assert.Equal(("customer@example.com", WorkspaceRoles.Owner), (invited.Email, invited.Role));
        var customer = new User(Guid.NewGuid(), "customer@example.com", "Customer", "", Now);

        var events = InvitationDecisions.Accept(Invitation.Create(invited), workspace, customer, Now.AddHours(1));

        var added = Assert.IsType<MemberAdded>(events[1]);
        var owned = workspace.Apply(added);
        Assert.Equal(customer.Id, owned.OwnerId);
        Assert.Equal(WorkspaceRoles.Owner, owned.RoleOf(customer.Id));
    }

    [Fact]
    public void OwnerInvitations_AreOnlyForAPartnersOwnWorkspaceWithoutOwner()
    {
        var invite = (Workspace w, Guid partner) => CustomerWorkspaceDecisions.InviteOwner(w, partner, "c@example.com", Guid.NewGuid(), "h", Now, TimeSpan.FromDays(7));
        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => invite(CustomerWorkspace(), Guid.NewGuid())));
        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => invite(CustomerWorkspace(Guid.NewGuid()), PartnerId)));
        var selfService = Workspace.Create(new WorkspaceCreated(Guid.NewGuid(), Guid.NewGuid(), "Own", "own", "ws-own", "local", Now));
        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => invite(selfService, PartnerId)));
        // Sign-up's regular invitations still cannot give OWNER.
        Assert.Equal(TeamErrors.InvalidRole, Refusal(() => InvitationDecisions.Invite(selfService, selfService.OwnerId!.Value, "c@example.com", "OWNER", null,
            false, Guid.NewGuid(), "h", Now, TimeSpan.FromDays(7))));
    }

    [Fact]
    public void GivenAnOwnerAlready_WhenASecondOwnerInvitationIsAccepted_ThenNotAllowed()
    {
        var workspace = CustomerWorkspace();
        var first = Invitation.Create(CustomerWorkspaceDecisions.InviteOwner(workspace, PartnerId, "a@example.com", Guid.NewGuid(), "h1", Now, TimeSpan.FromDays(7)));
        var second = Invitation.Create(CustomerWorkspaceDecisions.InviteOwner(workspace, PartnerId, "b@example.com", Guid.NewGuid(), "h2", Now, TimeSpan.FromDays(7)));
        var a = new User(Guid.NewGuid(), "a@example.com", "A", "", Now);
        var b = new User(Guid.NewGuid(), "b@example.com", "B", "", Now);
        var owned = workspace.Apply(Assert.IsType<MemberAdded>(InvitationDecisions.Accept(first, workspace, a, Now)[1]));

        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => InvitationDecisions.Accept(second, owned, b, Now)));
    }
    static Invitation OwnerInvitation(Workspace workspace, string email, DateTimeOffset at) =>
        Invitation.Create(CustomerWorkspaceDecisions.InviteOwner(workspace, PartnerId, email, Guid.NewGuid(), "h-" + Guid.NewGuid(), at, TimeSpan.FromDays(7)));

    static IReadOnlyList<object> Resend(Workspace workspace, IReadOnlyList<Invitation> invitations, Guid? partnerId = null, bool alreadyResent = false,
        Guid? invitationId = null) =>
        CustomerWorkspaceDecisions.ResendOwnerInvitation(workspace, partnerId ?? PartnerId, invitations, alreadyResent, invitationId ?? Guid.NewGuid(),
            "fresh-hash", Now, TimeSpan.FromDays(7));

    [Fact]
    public void GivenAnExpiredOwnerInvitation_WhenThePartnerResendsIt_ThenAFreshOneForTheSameEmailSupersedesIt_AndTheOldCodeIsRevoked()
    {
        var workspace = CustomerWorkspace();
        var expired = OwnerInvitation(workspace, "Customer@Example.com", Now.AddDays(-8));
        Assert.Equal(InvitationStatuses.Expired, expired.StatusAt(Now));
        var newId = Guid.NewGuid();

        var events = Resend(workspace, [expired], invitationId: newId);

        var superseded = Assert.IsType<InvitationSuperseded>(events[0]);
        Assert.Equal((expired.Id, newId, PartnerId), (superseded.InvitationId, superseded.SupersededBy, superseded.PartnerId));
        var invited = Assert.IsType<MemberInvited>(events[1]);
        // The workspace stream gets a marker, so a concurrent accept or resend fails to save and decides again.
        Assert.Equal(new OwnerInvitationResent(workspace.Id, newId, PartnerId, Now), Assert.IsType<OwnerInvitationResent>(events[2]));
        Assert.Equal((newId, "customer@example.com", WorkspaceRoles.Owner, "fresh-hash", Now, Now.AddDays(7)),
            (invited.InvitationId, invited.Email, invited.Role, invited.CodeHash, invited.InvitedAt, invited.ExpiresAt));
        var customer = new User(Guid.NewGuid(), "customer@example.com", "Customer", "", Now);
        Assert.Equal(TeamErrors.InvitationRevoked, Refusal(() => InvitationDecisions.Accept(expired.Apply(superseded), workspace, customer, Now)));
        var added = Assert.IsType<MemberAdded>(InvitationDecisions.Accept(Invitation.Create(invited), workspace, customer, Now.AddHours(1))[1]);
        Assert.Equal(customer.Id, workspace.Apply(added).OwnerId);
    }

    [Fact]
    public void GivenAPendingOwnerInvitation_WhenResent_ThenItIsSupersededToo_AndAnswered_OnesAreLeftAlone()
    {
        var workspace = CustomerWorkspace();
        var declined = OwnerInvitation(workspace, "first@example.com", Now.AddDays(-3));
        declined = declined.Apply(new InvitationDeclined(declined.Id, workspace.Id, Guid.NewGuid(), Now.AddDays(-2)));
        var pending = OwnerInvitation(workspace, "second@example.com", Now.AddDays(-1));

        var events = Resend(workspace, [pending, declined]);

        Assert.Equal(pending.Id, Assert.IsType<InvitationSuperseded>(Assert.Single(events.OfType<InvitationSuperseded>())).InvitationId);
        Assert.Equal("second@example.com", Assert.Single(events.OfType<MemberInvited>()).Email);
        // After a decline, the partner may still send the workspace's owner a new code.
        Assert.Equal("first@example.com", Assert.Single(Resend(workspace, [declined]).OfType<MemberInvited>()).Email);
    }

    [Fact]
    public void GivenTheOwnerInvitationAlreadyAccepted_WhenResent_ThenAlreadyHasOwner_AndNothingIsAppended()
    {
        var workspace = CustomerWorkspace();
        var invitation = OwnerInvitation(workspace, "c@example.com", Now.AddHours(-1));
        var customer = new User(Guid.NewGuid(), "c@example.com", "C", "", Now);
        var acceptance = InvitationDecisions.Accept(invitation, workspace, customer, Now);
        var accepted = invitation.Apply(Assert.IsType<InvitationAccepted>(acceptance[0]));
        var owned = workspace.Apply(Assert.IsType<MemberAdded>(acceptance[1]));
        IReadOnlyList<object>? events = null;

        // As fetched for writing after the accept: the workspace has its owner and the invitation reads ACCEPTED.
        Assert.Equal(TeamErrors.AlreadyHasOwner, Refusal(() => events = Resend(owned, [accepted])));
        // The accepted invitation alone is enough to refuse: nothing is superseded, no new OWNER invitation is issued.
        Assert.Equal(TeamErrors.AlreadyHasOwner, Refusal(() => events = Resend(workspace, [accepted])));
        Assert.Null(events);
        Assert.Equal(InvitationStatuses.Accepted, accepted.StatusAt(Now));
    }

    [Fact]
    public void GivenAWorkspaceWithItsOwner_OrBeingDeleted_OrAnotherPartners_WhenResent_ThenRefused()
    {
        var workspace = CustomerWorkspace();
        var invitation = OwnerInvitation(workspace, "c@example.com", Now.AddDays(-8));
        var customer = new User(Guid.NewGuid(), "c@example.com", "C", "", Now);
        var owned = workspace.Apply(Assert.IsType<MemberAdded>(InvitationDecisions.Accept(OwnerInvitation(workspace, "c@example.com", Now), workspace, customer, Now)[1]));
        var deleting = workspace.Apply(new Platform.Tenant.Workspaces.WorkspaceDeletionRequested(workspace.Id, Guid.NewGuid(), workspace.Namespace, Now));
        var selfService = Workspace.Create(new WorkspaceCreated(Guid.NewGuid(), Guid.NewGuid(), "Own", "own", "ws-own", "local", Now));

        Assert.Equal(TeamErrors.AlreadyHasOwner, Refusal(() => Resend(owned, [invitation])));
        Assert.Equal(TeamErrors.InvalidState, Refusal(() => Resend(deleting, [invitation])));
        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => Resend(workspace, [invitation], partnerId: Guid.NewGuid())));
        Assert.Equal(TeamErrors.NotAllowed, Refusal(() => Resend(selfService, [invitation])));
        Assert.Equal(TeamErrors.InvitationNotFound, Refusal(() => Resend(workspace, [])));
        Assert.Equal(TeamErrors.AlreadyInvited, Refusal(() => Resend(workspace, [invitation], alreadyResent: true)));
    }
}
