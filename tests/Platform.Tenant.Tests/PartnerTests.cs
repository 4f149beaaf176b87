using MassTransit;
using Platform.Contracts.Billing;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Tenant.Tests;

/// <summary>A tenant service whose only platform admin is <see cref="AdminEmail"/> (Platform__Admins__Emails__0).</summary>
public sealed class AdminTenantService() : TenantService(TimeSpan.FromMinutes(1),
    settings: new Dictionary<string, string> { ["Platform__Admins__Emails__0"] = AdminEmail })
{
    public const string AdminEmail = "operator@platform.example";

    Task<Guid>? _admin;

    /// <summary>The admin user, signed up once per service.</summary>
    public Task<Guid> AdminId() => _admin ??= this.SignUpAs(AdminEmail);
}

/// <summary>Partners, their keys and customer workspaces against the real tenant process.</summary>
public sealed class PartnerTests(AdminTenantService tenant) : IClassFixture<AdminTenantService>
{
    Task<TResponse> Ask<TRequest, TResponse>(TRequest request) where TRequest : class where TResponse : class =>
        tenant.Probe.Request<TRequest, TResponse>(request);

    /// <summary>An ACTIVE partner created by the admin, and its owner (signed up with the owner email) as ADMIN.</summary>
    async Task<(PartnerDetails Partner, Guid OwnerId)> PartnerWithOwner()
    {
        var ownerEmail = Teams.Email("reseller");
        var created = await Ask<CreatePartner, PartnerResult>(new CreatePartner { ActorId = await tenant.AdminId(), Name = "Reseller " + Guid.NewGuid().ToString("N")[..8], OwnerEmail = ownerEmail });
        Assert.Empty(created.Errors);
        return (created.Partner!, await tenant.SignUpAs(ownerEmail));
    }

    async Task<CreateApiKeyResult> CreateKey(Guid partnerId, Guid actorId, string[] scopes, DateTimeOffset? expiresAt = null) =>
        await Ask<CreateApiKey, CreateApiKeyResult>(new CreateApiKey { PartnerId = partnerId, ActorId = actorId, Name = "Portal", Scopes = scopes, ExpiresAt = expiresAt });

    Task<ApiKeyAuthentication> Authenticate(string key) => Ask<AuthenticateApiKey, ApiKeyAuthentication>(new AuthenticateApiKey { Key = key });

    [Fact]
    public async Task AdminCreatesAPartnerForAnEmail_WhoSignsUpLater_AndActsAsItsAdmin_WhileOthersMayNotCreatePartners()
    {
        var adminId = await tenant.AdminId();
        Assert.True((await Ask<CheckPlatformAdmin, PlatformAdminStatus>(new CheckPlatformAdmin { UserId = adminId })).IsPlatformAdmin);
        Assert.True((await tenant.User(adminId)).IsPlatformAdmin);

        var (partner, ownerId) = await PartnerWithOwner();

        Assert.Equal(PartnerStatuses.Active, partner.Status);
        Assert.False((await Ask<CheckPlatformAdmin, PlatformAdminStatus>(new CheckPlatformAdmin { UserId = ownerId })).IsPlatformAdmin);
        Assert.False((await tenant.User(ownerId)).IsPlatformAdmin);
        var mine = await Ask<GetUserPartners, PartnerList>(new GetUserPartners { UserId = ownerId });
        Assert.Equal((partner.Id, PartnerRoles.Admin), (Assert.Single(mine.Partners).Id, mine.Partners[0].Role));
        var refused = await Ask<CreatePartner, PartnerResult>(new CreatePartner { ActorId = ownerId, Name = "Sneaky", OwnerEmail = "x@example.com" });
        Assert.Equal(PartnerErrors.NotAllowed, Assert.Single(refused.Errors).Code);
        var again = await Ask<CreatePartner, PartnerResult>(new CreatePartner { ActorId = adminId, Name = partner.Name.ToUpperInvariant(), OwnerEmail = "y@example.com" });
        Assert.Equal(PartnerErrors.NameTaken, Assert.Single(again.Errors).Code);
    }

    [Fact]
    public async Task AUserAppliesForPartnership_IsPendingWithoutKeys_UntilTheAdminApproves_OrRejectsWithAReason()
    {
        var adminId = await tenant.AdminId();
        var applicant = await tenant.SignUpAs(Teams.Email("applicant"));
        var applied = await Ask<ApplyForPartnership, PartnerResult>(new ApplyForPartnership { UserId = applicant, Name = "Applicant " + Guid.NewGuid().ToString("N")[..8] });
        Assert.Equal(PartnerStatuses.Pending, applied.Partner!.Status);
        Assert.Equal(PartnerErrors.PartnerNotActive, Assert.Single((await CreateKey(applied.Partner.Id, applicant, [ApiKeyScopes.WorkspacesRead])).Errors).Code);
        Assert.Equal(PartnerErrors.NotAllowed,
            Assert.Single((await Ask<ApprovePartner, PartnerResult>(new ApprovePartner { ActorId = applicant, PartnerId = applied.Partner.Id })).Errors).Code);
        var pending = await Ask<ListPartners, PartnerList>(new ListPartners { Status = PartnerStatuses.Pending });
        Assert.Contains(pending.Partners, p => p.Id == applied.Partner.Id);

        var approved = await Ask<ApprovePartner, PartnerResult>(new ApprovePartner { ActorId = adminId, PartnerId = applied.Partner.Id });

        Assert.Equal(PartnerStatuses.Active, approved.Partner!.Status);
        Assert.Empty((await CreateKey(applied.Partner.Id, applicant, [ApiKeyScopes.WorkspacesRead])).Errors);

        var other = await Ask<ApplyForPartnership, PartnerResult>(new ApplyForPartnership { UserId = applicant, Name = "Second " + Guid.NewGuid().ToString("N")[..8] });
        var rejected = await Ask<RejectPartner, PartnerResult>(new RejectPartner { ActorId = adminId, PartnerId = other.Partner!.Id, Reason = "One is enough" });
        Assert.Equal((PartnerStatuses.Rejected, "One is enough"), (rejected.Partner!.Status, rejected.Partner.RejectionReason));
        var found = await Ask<GetPartner, PartnerLookup>(new GetPartner { PartnerId = other.Partner.Id });
        Assert.Equal(PartnerStatuses.Rejected, found.Partner!.Status);
    }

    [Fact]
    public async Task APartnerAdminCreatesAKey_ItAuthenticatesWithItsScopesAndIsListedWithItsLastUseButNoSecret_UntilRevoked()
    {
        var (partner, ownerId) = await PartnerWithOwner();
        var member = Teams.Email("member");
        Assert.Empty((await Ask<AddPartnerMember, PartnerResult>(new AddPartnerMember { PartnerId = partner.Id, ActorId = ownerId, Email = member, Role = "MEMBER" })).Errors);
        var memberId = await tenant.SignUpAs(member);
        Assert.Equal(PartnerErrors.NotAllowed, Assert.Single((await CreateKey(partner.Id, memberId, [ApiKeyScopes.WorkspacesRead])).Errors).Code);

        var created = await CreateKey(partner.Id, ownerId, [ApiKeyScopes.WorkspacesRead, ApiKeyScopes.BillingRead]);

        Assert.Empty(created.Errors);
        Assert.Matches("^pk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$", created.Key!);
        Assert.StartsWith(created.ApiKey!.Prefix, created.Key!);
        var who = await Authenticate(created.Key!);
        Assert.True(who.Authenticated);
        Assert.Equal((partner.Id, created.ApiKey.Id), (who.PartnerId, who.KeyId));
        Assert.Equal([ApiKeyScopes.WorkspacesRead, ApiKeyScopes.BillingRead], who.Scopes);
        Assert.False((await Authenticate(created.Key![..^2] + (created.Key[^2..] == "AA" ? "BB" : "AA"))).Authenticated);
        Assert.False((await Authenticate($"pk_{Guid.NewGuid():N}_{created.Key[^43..]}")).Authenticated);
        var listed = Assert.Single((await Ask<ListApiKeys, ApiKeyList>(new ListApiKeys { PartnerId = partner.Id })).ApiKeys);
        Assert.NotNull(listed.LastUsedAt);
        Assert.Null(listed.RevokedAt);

        var revoked = await Ask<RevokeApiKey, ApiKeyResult>(new RevokeApiKey { PartnerId = partner.Id, ActorId = ownerId, KeyId = created.ApiKey.Id });

        Assert.NotNull(revoked.ApiKey!.RevokedAt);
        Assert.False((await Authenticate(created.Key)).Authenticated);
        Assert.NotNull(Assert.Single((await Ask<ListApiKeys, ApiKeyList>(new ListApiKeys { PartnerId = partner.Id })).ApiKeys).RevokedAt);
    }

    Task<PartnerResult> Remove(Guid partnerId, Guid actorId, Guid? userId = null, string? email = null) =>
        Ask<RemovePartnerMember, PartnerResult>(new RemovePartnerMember { PartnerId = partnerId, ActorId = actorId, UserId = userId, Email = email });

    async Task<Guid> AddMember(Guid partnerId, Guid actorId, string email, string role = "MEMBER")
    {
        Assert.Empty((await Ask<AddPartnerMember, PartnerResult>(new AddPartnerMember { PartnerId = partnerId, ActorId = actorId, Email = email, Role = role })).Errors);
        return await tenant.SignUpAs(email);
    }

    async Task<IReadOnlyList<PartnerDetails>> PartnersOf(Guid userId) => (await Ask<GetUserPartners, PartnerList>(new GetUserPartners { UserId = userId })).Partners;

    static string Code(PartnerResult result) => Assert.Single(result.Errors).Code;

    [Fact]
    public async Task APartnerAdminRemovesAMember_WhoNoLongerHasThePartner_WhileOnlyAdminsRemoveOthersAndTheLastAdminStays()
    {
        var (partner, ownerId) = await PartnerWithOwner();
        var memberEmail = Teams.Email("member");
        var memberId = await AddMember(partner.Id, ownerId, memberEmail);
        Assert.Equal(partner.Id, Assert.Single(await PartnersOf(memberId)).Id);
        Assert.Equal(PartnerErrors.NotAllowed, Code(await Remove(partner.Id, memberId, userId: ownerId)));

        var removed = await Remove(partner.Id, ownerId, userId: memberId);

        Assert.Empty(removed.Errors);
        Assert.DoesNotContain(removed.Partner!.Members, m => m.Email == memberEmail);
        Assert.Empty(await PartnersOf(memberId));
        Assert.DoesNotContain((await Ask<GetPartner, PartnerLookup>(new GetPartner { PartnerId = partner.Id })).Partner!.Members, m => m.Email == memberEmail);
        Assert.Equal(PartnerErrors.NotAMember, Code(await Remove(partner.Id, ownerId, userId: memberId)));
        Assert.Equal(PartnerErrors.NotAMember, Code(await Remove(partner.Id, ownerId, userId: Guid.NewGuid())));
        Assert.Equal(PartnerErrors.NotAllowed, Code(await Remove(partner.Id, memberId, userId: ownerId)));

        Assert.Equal(PartnerErrors.LastAdmin, Code(await Remove(partner.Id, ownerId, userId: ownerId)));
        Assert.Equal((partner.Id, PartnerRoles.Admin), (Assert.Single(await PartnersOf(ownerId)).Id, (await PartnersOf(ownerId))[0].Role));
        Assert.Equal(PartnerErrors.PartnerNotFound, Code(await Remove(Guid.NewGuid(), ownerId, userId: memberId)));
    }

    [Fact]
    public async Task AMemberLeaves_AnAdminLeavesWhenAnotherAdminStays_AndSomeoneWhoHasNotSignedUpIsRemovedByEmail()
    {
        var (partner, ownerId) = await PartnerWithOwner();
        var memberId = await AddMember(partner.Id, ownerId, Teams.Email("leaver"));
        var secondAdminId = await AddMember(partner.Id, ownerId, Teams.Email("second-admin"), "ADMIN");
        var invited = Teams.Email("not-signed-up");
        Assert.Empty((await Ask<AddPartnerMember, PartnerResult>(new AddPartnerMember { PartnerId = partner.Id, ActorId = ownerId, Email = invited, Role = "MEMBER" })).Errors);

        Assert.Empty((await Remove(partner.Id, memberId, userId: memberId)).Errors);
        Assert.Empty(await PartnersOf(memberId));
        Assert.Empty((await Remove(partner.Id, ownerId, userId: ownerId)).Errors);
        Assert.Empty(await PartnersOf(ownerId));
        Assert.Equal(PartnerErrors.LastAdmin, Code(await Remove(partner.Id, secondAdminId, userId: secondAdminId)));
        var byEmail = await Remove(partner.Id, secondAdminId, email: invited.ToUpperInvariant());

        Assert.Empty(byEmail.Errors);
        var left = Assert.Single(byEmail.Partner!.Members);
        Assert.Equal(PartnerRoles.Admin, left.Role);
        var invitedId = await tenant.SignUpAs(invited);
        Assert.Empty(await PartnersOf(invitedId));
    }

    [Fact]
    public async Task TheSameRemovalDeliveredTwiceAtOnce_RemovesTheMemberOnce_AndTheOtherDeliveryIsNotAMember()
    {
        var (partner, ownerId) = await PartnerWithOwner();
        var memberId = await AddMember(partner.Id, ownerId, Teams.Email("twice"));
        var command = new RemovePartnerMember { PartnerId = partner.Id, ActorId = ownerId, UserId = memberId };
        var messageId = Guid.NewGuid();
        var client = tenant.Probe.Bus.CreateRequestClient<RemovePartnerMember>(RequestTimeout.After(s: 30));

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            client.GetResponse<PartnerResult>(command, x => x.UseExecute(c => c.MessageId = messageId))));

        Assert.Single(answers, a => a.Message.Errors.Count == 0);
        Assert.Equal(PartnerErrors.NotAMember, Assert.Single(Assert.Single(answers, a => a.Message.Errors.Count > 0).Message.Errors).Code);
        Assert.Empty(await PartnersOf(memberId));
        Assert.Equal(PartnerRoles.Admin, Assert.Single((await Ask<GetPartner, PartnerLookup>(new GetPartner { PartnerId = partner.Id })).Partner!.Members).Role);
    }

    [Fact]
    public async Task AKeyThatExpires_AuthenticatesBeforeItsExpiryAndNeverAfter()
    {
        var (partner, ownerId) = await PartnerWithOwner();
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var created = await CreateKey(partner.Id, ownerId, [ApiKeyScopes.WorkspacesRead], expiresAt);
        Assert.Equal(PartnerErrors.InvalidExpiry, Assert.Single((await CreateKey(partner.Id, ownerId, [ApiKeyScopes.WorkspacesRead], DateTimeOffset.UtcNow.AddMinutes(-1))).Errors).Code);

        Assert.True((await Authenticate(created.Key!)).Authenticated);
        await Eventually.Until(async () => !(await Authenticate(created.Key!)).Authenticated, TimeSpan.FromSeconds(15), "the key to expire");

        Assert.True(DateTimeOffset.UtcNow >= expiresAt);
    }

    [Fact]
    public async Task APartnerCreatesACustomerWorkspace_OnboardedAsUsual_AndTheInvitedCustomerBecomesItsOwner()
    {
        var (partner, _) = await PartnerWithOwner();
        var customerEmail = Teams.Email("customer");

        var created = await Ask<CreateCustomerWorkspace, CreateCustomerWorkspaceResult>(new CreateCustomerWorkspace
        {
            PartnerId = partner.Id, RequestedBy = "key:test", Name = "Customer Shop", CustomerEmail = customerEmail,
        });

        Assert.Empty(created.Errors);
        var workspaceId = created.Workspace!.Id;
        Assert.Equal((partner.Id, (Guid?)null), (created.Workspace.ManagedByPartnerId, created.Workspace.OwnerId));
        Assert.Equal((customerEmail, WorkspaceRoles.Owner, InvitationStatuses.Pending), (created.Invitation!.Email, created.Invitation.Role, created.Invitation.Status));
        var published = await tenant.Received<WorkspaceCreated>(workspaceId);
        Assert.Equal(((Guid?)null, (Guid?)partner.Id), (published.OwnerId, published.ManagedByPartnerId));
        var duplicate = await Ask<CreateCustomerWorkspace, CreateCustomerWorkspaceResult>(new CreateCustomerWorkspace
        {
            PartnerId = partner.Id, RequestedBy = "key:test", Name = "customer shop", CustomerEmail = customerEmail,
        });
        Assert.Equal("NAME_TAKEN", Assert.Single(duplicate.Errors).Code);

        var provision = await tenant.Received<ProvisionWorkspace>(workspaceId);
        await tenant.Probe.Publish(new WorkspaceProvisioned { WorkspaceId = workspaceId, ClusterId = Guid.NewGuid(), Namespace = provision.Namespace });
        Assert.Equal(Guid.Empty, (await tenant.Received<OpenBillingAccount>(workspaceId)).OwnerId);
        await tenant.Probe.Publish(new BillingAccountOpened { WorkspaceId = workspaceId, Currency = "USD", WelcomeCreditMicros = 5_000_000 });
        await Eventually.Until(() => Ask<FindWorkspace, WorkspaceLookup>(new FindWorkspace { WorkspaceId = workspaceId }),
            l => l.Workspace?.Status == "ACTIVE", TenantService.Timeout, "the customer workspace to be ACTIVE");
        var listed = await Ask<ListPartnerWorkspaces, PartnerWorkspaceList>(new ListPartnerWorkspaces { PartnerId = partner.Id });
        Assert.Equal(workspaceId, Assert.Single(listed.Workspaces).Id);
        var (otherPartner, _) = await PartnerWithOwner();
        Assert.Empty((await Ask<ListPartnerWorkspaces, PartnerWorkspaceList>(new ListPartnerWorkspaces { PartnerId = otherPartner.Id })).Workspaces);

        var stranger = await tenant.SignUpAs(Teams.Email("stranger"));
        Assert.Equal(Platform.Tenant.Members.TeamErrors.EmailMismatch, Assert.Single((await tenant.Accept(stranger, created.Code!)).Errors).Code);
        var customerId = await tenant.SignUpAs(customerEmail);
        var accepted = await tenant.Accept(customerId, created.Code!);

        Assert.Empty(accepted.Errors);
        var asCustomer = (await tenant.GetWorkspace(workspaceId, customerId)).Workspace!;
        Assert.Equal((WorkspaceRoles.Owner, (Guid?)customerId, (Guid?)partner.Id), (asCustomer.Role, asCustomer.OwnerId, asCustomer.ManagedByPartnerId));
        Assert.Contains((await tenant.User(customerId)).Workspaces, w => w.Id == workspaceId && w.Role == WorkspaceRoles.Owner);
        var joined = await tenant.Received<WorkspaceMemberAdded>(workspaceId);
        Assert.Equal((customerId, WorkspaceRoles.Owner), (joined.UserId, joined.Role));
        var members = await tenant.Members(workspaceId, customerId);
        Assert.Equal(customerId, Assert.Single(members.Members).UserId);
    }

    [Fact]
    public async Task APendingPartner_CannotCreateCustomerWorkspaces()
    {
        var applicant = await tenant.SignUpAs(Teams.Email("pending"));
        var applied = await Ask<ApplyForPartnership, PartnerResult>(new ApplyForPartnership { UserId = applicant, Name = "Pending " + Guid.NewGuid().ToString("N")[..8] });

        var refused = await Ask<CreateCustomerWorkspace, CreateCustomerWorkspaceResult>(new CreateCustomerWorkspace
        {
            PartnerId = applied.Partner!.Id, RequestedBy = $"user:{applicant}", Name = "Too early", CustomerEmail = "c@example.com",
        });

        Assert.Equal(PartnerErrors.PartnerNotActive, Assert.Single(refused.Errors).Code);
        Assert.Null(refused.Workspace);
    }
}
