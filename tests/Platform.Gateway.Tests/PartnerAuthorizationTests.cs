using System.Text;
using System.Text.Json;
using Platform.Contracts.Tenants;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>
/// Partner keys, partner members and platform admins through the gateway's one authorization place. The fake tenant does
/// whatever it is asked, so every refusal here is the gateway's, and refused commands are checked never to reach it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PartnerAuthorizationTests(GatewayFixture gateway)
{
    sealed record Person(string Token, Guid UserId, string Email, Guid OwnWorkspaceId);

    Task<Person> SignUpAsync(string who = "person")
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        var (userId, workspaceId) = gateway.Fakes.NewPartnerTestUser(email);
        return Task.FromResult(new Person(gateway.Tokens.Issue(userId, email, DateTimeOffset.UtcNow), userId, email, workspaceId));
    }

    /// <summary>A partner with an ADMIN and a MEMBER user and one customer workspace.</summary>
    async Task<(PartnerDetails Partner, Person Admin, Person Member, WorkspaceDetails Customer)> PartnerAsync()
    {
        var admin = await SignUpAsync("partner-admin");
        var member = await SignUpAsync("partner-member");
        var partner = gateway.Fakes.AddPartner("Reseller " + Guid.NewGuid().ToString("N")[..6], (admin.Email, PartnerRoles.Admin), (member.Email, PartnerRoles.Member));
        return (partner, admin, member, gateway.Fakes.AddCustomerWorkspace(partner.Id, "Customer " + Guid.NewGuid().ToString("N")[..6]));
    }

    const string ReadWorkspace = "query($id: ID!) { workspace(id: $id) { id name status balance { amount } } }";
    const string ReadPartner = "query($id: ID!) { partner(id: $id) { id name status customerWorkspaces(first: 10) { totalCount nodes { id status balance { amount currency } } } } }";
    const string CreateCustomer = "mutation($i: CreateCustomerWorkspaceInput!) { createCustomerWorkspace(input: $i) { workspace { id } invitation { role email } code userErrors { code } } }";
    const string CreateKey = "mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix scopes } userErrors { code } } }";

    Task<Response> WithApiKeyHeader(string query, object variables, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, gateway.Endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        return Send(request);
    }

    async Task<Response> Send(HttpRequestMessage request)
    {
        using (request)
        using (var response = await gateway.Http.SendAsync(request))
            return new Response((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    int PartnerRequestsFor(Guid partnerId) => gateway.Fakes.PartnerRequests.Count(r => r switch
    {
        CreateCustomerWorkspace m => m.PartnerId == partnerId,
        CreateApiKey m => m.PartnerId == partnerId,
        RevokeApiKey m => m.PartnerId == partnerId,
        RemovePartnerMember m => m.PartnerId == partnerId,
        ResendCustomerInvitation m => m.PartnerId == partnerId,
        _ => false,
    });

    [Fact]
    public async Task AKeyWithTheScopes_ReadsItsPartnersCustomerWorkspacesWithBalances_ByBearerOrXApiKey()
    {
        var (partner, _, _, customer) = await PartnerAsync();
        var key = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesRead, ApiKeyScopes.BillingRead);

        var viaBearer = (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, key)).Clean();
        var viaHeader = (await WithApiKeyHeader(ReadWorkspace, new { id = customer.Id }, key)).Clean();

        Assert.Empty(viaBearer.Errors);
        var listed = Assert.Single(viaBearer.Data!["partner"]!["customerWorkspaces"]!["nodes"]!.AsArray())!;
        Assert.Equal((customer.Id.ToString(), "5.00"), (listed["id"]!.GetValue<string>(), listed["balance"]!["amount"]!.GetValue<string>()));
        Assert.Empty(viaHeader.Errors);
        Assert.Equal(customer.Name, viaHeader.Data!["workspace"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task AKeyWithoutTheScope_IsForbidden_ButStillSeesWhatItsScopesAllow()
    {
        var (partner, _, _, customer) = await PartnerAsync();
        var readOnly = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesRead);
        var billingOnly = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.BillingRead);

        var noBilling = (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, readOnly)).Clean().HasErrorCode("FORBIDDEN");
        Assert.Equal(customer.Id.ToString(), noBilling.Data!["workspace"]!["id"]!.GetValue<string>());
        Assert.Null(noBilling.Data["workspace"]!["balance"]);
        Assert.Equal(["balance"], noBilling.Errors[0]!["path"]!.AsArray().Skip(1).Select(p => p!.GetValue<string>()));
        var noRead = (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, billingOnly)).Clean().HasErrorCode("FORBIDDEN");
        Assert.Null(noRead.Data!["workspace"]);
        (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, billingOnly)).Clean().HasErrorCode("FORBIDDEN");
        var noWrite = (await gateway.PostAsync(CreateCustomer, new { i = new { partnerId = partner.Id, name = "New", customerEmail = "c@example.com" } }, readOnly))
            .Clean().HasErrorCode("FORBIDDEN");
        Assert.Null(noWrite.Data?["createCustomerWorkspace"]);
        Assert.Equal(0, PartnerRequestsFor(partner.Id));
    }

    [Fact]
    public async Task AKeyOfAnotherPartner_OrOnASelfServiceWorkspace_GetsNotFound()
    {
        var (partner, admin, _, customer) = await PartnerAsync();
        var (other, _, _, _) = await PartnerAsync();
        var otherKey = gateway.Fakes.AddApiKey(other.Id, [.. ApiKeyScopes.All]);
        var ownKey = gateway.Fakes.AddApiKey(partner.Id, [.. ApiKeyScopes.All]);

        (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, otherKey)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, otherKey)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(CreateCustomer, new { i = new { partnerId = partner.Id, name = "Steal", customerEmail = "c@example.com" } }, otherKey))
            .Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(ReadWorkspace, new { id = admin.OwnWorkspaceId }, ownKey)).Clean().HasErrorCode("NOT_FOUND");
        var missing = (await gateway.PostAsync(ReadWorkspace, new { id = Guid.NewGuid() }, ownKey)).Clean().HasErrorCode("NOT_FOUND");
        var stolen = (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, otherKey)).Clean();
        Assert.Equal(missing.Errors[0]!["message"]!.GetValue<string>(), stolen.Errors[0]!["message"]!.GetValue<string>());
        Assert.Equal(0, PartnerRequestsFor(partner.Id));
    }

    [Fact]
    public async Task AKeyWithWorkspacesWrite_CreatesACustomerWorkspace_WithTheOwnerInvitation_ButNeverManagesKeysOrActsAsAUser()
    {
        var (partner, _, _, _) = await PartnerAsync();
        var key = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesWrite);

        var created = (await gateway.PostAsync(CreateCustomer, new { i = new { partnerId = partner.Id, name = "Shop", customerEmail = "c@example.com" } }, key)).Clean();

        Assert.Empty(created.Errors);
        Assert.Equal("OWNER", created.Data!["createCustomerWorkspace"]!["invitation"]!["role"]!.GetValue<string>());
        var request = Assert.IsType<CreateCustomerWorkspace>(gateway.Fakes.PartnerRequests.Single(r => r is CreateCustomerWorkspace c && c.PartnerId == partner.Id));
        Assert.StartsWith("key:", request.RequestedBy);
        (await gateway.PostAsync(CreateKey, new { i = new { partnerId = partner.Id, name = "more", scopes = new[] { "workspaces:read" } } }, key))
            .Clean().HasErrorCode("FORBIDDEN");
        (await gateway.PostAsync("{ me { id } }", token: key)).Clean().HasErrorCode("FORBIDDEN");
        Assert.DoesNotContain(gateway.Fakes.PartnerRequests, r => r is CreateApiKey c && c.PartnerId == partner.Id);
    }

    [Fact]
    public async Task AnUnknownKey_IsUnauthenticated()
    {
        var response = (await gateway.PostAsync(ReadWorkspace, new { id = Guid.NewGuid() }, $"pk_{Guid.NewGuid():N}_{new string('x', 43)}")).Clean();

        response.HasErrorCode("UNAUTHENTICATED");
    }

    [Fact]
    public async Task PartnerAdminsManageKeys_MembersActForThePartnerButDoNot_AndStrangersDoNotSeeIt()
    {
        var (partner, admin, member, customer) = await PartnerAsync();
        var stranger = await SignUpAsync("stranger");

        var created = (await gateway.PostAsync(CreateKey, new { i = new { partnerId = partner.Id, name = "portal", scopes = new[] { "workspaces:read" } } }, admin.Token)).Clean();
        Assert.Empty(created.Errors);
        Assert.Equal(admin.UserId, gateway.Fakes.PartnerRequests.OfType<CreateApiKey>().Single(r => r.PartnerId == partner.Id).ActorId);
        var keys = (await gateway.PostAsync("query($id: ID!) { partner(id: $id) { myRole apiKeys(first: 10) { totalCount nodes { prefix scopes } } } }",
            new { id = partner.Id }, admin.Token)).Clean();
        Assert.Equal(("ADMIN", 1), (keys.Data!["partner"]!["myRole"]!.GetValue<string>(), keys.Data["partner"]!["apiKeys"]!["totalCount"]!.GetValue<int>()));
        Assert.DoesNotContain(created.Data!["createApiKey"]!["key"]!.GetValue<string>(), keys.Body);

        (await gateway.PostAsync(CreateKey, new { i = new { partnerId = partner.Id, name = "no", scopes = new[] { "workspaces:read" } } }, member.Token))
            .Clean().HasErrorCode("FORBIDDEN");
        var asMember = (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, member.Token)).Clean();
        Assert.Empty(asMember.Errors);
        (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, stranger.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, stranger.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(CreateKey, new { i = new { partnerId = partner.Id, name = "no", scopes = new[] { "workspaces:read" } } }, stranger.Token))
            .Clean().HasErrorCode("NOT_FOUND");
        var mine = (await gateway.PostAsync("{ me { partners { id myRole } } }", token: member.Token)).Clean();
        Assert.Equal("MEMBER", Assert.Single(mine.Data!["me"]!["partners"]!.AsArray())!["myRole"]!.GetValue<string>());
        Assert.Equal(1, gateway.Fakes.PartnerRequests.Count(r => r is CreateApiKey c && c.PartnerId == partner.Id));
    }

    const string ResendInvitation = "mutation($i: ResendCustomerInvitationInput!) { resendCustomerInvitation(input: $i) { invitation { id email role status workspaceId } code userErrors { code } } }";

    [Fact]
    public async Task WhoeverMayCreateCustomerWorkspaces_ResendsTheOwnerInvitation_AndGetsTheNewCodeOnce()
    {
        var (partner, admin, member, customer) = await PartnerAsync();
        var first = gateway.Fakes.AddInvitation(customer.Id, $"customer-{Guid.NewGuid():N}@example.com", "OWNER");
        var writer = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesWrite);

        foreach (var (caller, requestedBy) in new[] { (writer, "key:"), (admin.Token, $"user:{admin.UserId:N}"), (member.Token, $"user:{member.UserId:N}") })
        {
            var resent = (await gateway.PostAsync(ResendInvitation, new { i = new { workspaceId = customer.Id } }, caller)).Clean();

            Assert.Empty(resent.Errors);
            var payload = resent.Data!["resendCustomerInvitation"]!;
            Assert.Empty(payload["userErrors"]!.AsArray());
            Assert.Equal((first.Email, "OWNER", customer.Id.ToString()),
                (payload["invitation"]!["email"]!.GetValue<string>(), payload["invitation"]!["role"]!.GetValue<string>(), payload["invitation"]!["workspaceId"]!.GetValue<string>()));
            Assert.Equal("code-" + Guid.Parse(payload["invitation"]!["id"]!.GetValue<string>()).ToString("N"), payload["code"]!.GetValue<string>());
            var request = Assert.IsType<ResendCustomerInvitation>(gateway.Fakes.PartnerRequests.Last(r => r is ResendCustomerInvitation m && m.WorkspaceId == customer.Id));
            Assert.Equal(partner.Id, request.PartnerId);
            Assert.StartsWith(requestedBy, request.RequestedBy);
        }
        Assert.Equal(3, PartnerRequestsFor(partner.Id));
    }

    [Fact]
    public async Task ResendingTheOwnerInvitation_IsNotFoundForWhoeverDoesNotSeeTheWorkspace_AndForbiddenForWhoeverSeesItButMayNotActForItsPartner()
    {
        var (partner, _, _, customer) = await PartnerAsync();
        var (other, otherAdmin, _, _) = await PartnerAsync();
        var stranger = await SignUpAsync("stranger");
        var owner = await SignUpAsync("self-service-owner");
        var operatorUser = await SignUpAsync("operator");
        gateway.Fakes.MakePlatformAdmin(operatorUser.UserId);
        var ownKey = gateway.Fakes.AddApiKey(partner.Id, [.. ApiKeyScopes.All]);
        Task<Response> Resend(Guid workspaceId, string token) => gateway.PostAsync(ResendInvitation, new { i = new { workspaceId } }, token);

        (await Resend(customer.Id, gateway.Fakes.AddApiKey(other.Id, [.. ApiKeyScopes.All]))).Clean().HasErrorCode("NOT_FOUND");
        (await Resend(customer.Id, otherAdmin.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await Resend(customer.Id, stranger.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await Resend(Guid.NewGuid(), ownKey)).Clean().HasErrorCode("NOT_FOUND");
        (await Resend(owner.OwnWorkspaceId, ownKey)).Clean().HasErrorCode("NOT_FOUND");
        var noScope = (await Resend(customer.Id, gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesRead, ApiKeyScopes.BillingWrite))).Clean()
            .HasErrorCode("FORBIDDEN");
        Assert.Contains("workspaces:write", noScope.Errors[0]!["message"]!.GetValue<string>());
        Assert.Null(noScope.Data?["resendCustomerInvitation"]);
        (await Resend(customer.Id, operatorUser.Token)).Clean().HasErrorCode("FORBIDDEN");
        (await Resend(owner.OwnWorkspaceId, owner.Token)).Clean().HasErrorCode("FORBIDDEN");
        (await gateway.PostAsync(ResendInvitation, new { i = new { workspaceId = customer.Id } })).Clean().HasErrorCode("UNAUTHENTICATED");

        Assert.Equal(0, PartnerRequestsFor(partner.Id));
        Assert.DoesNotContain(gateway.Fakes.PartnerRequests, r => r is ResendCustomerInvitation m && (m.WorkspaceId == customer.Id || m.WorkspaceId == owner.OwnWorkspaceId));
    }

    const string RemoveMember = "mutation($i: RemovePartnerMemberInput!) { removePartnerMember(input: $i) { partner { id members { email role } } userErrors { field code message } } }";

    static IReadOnlyList<string> MemberEmails(Response response) =>
        [.. response.Data!["removePartnerMember"]!["partner"]!["members"]!.AsArray().Select(m => m!["email"]!.GetValue<string>()).Order()];

    [Fact]
    public async Task APartnerAdminRemovesAMember_WhoLosesThePartnerAtOnce_WhileAMemberMayNotRemoveOthers()
    {
        var (partner, admin, member, customer) = await PartnerAsync();
        var colleague = await SignUpAsync("partner-colleague");
        gateway.Fakes.AddPartnerMember(partner.Id, colleague.Email, PartnerRoles.Member);
        Assert.Empty((await gateway.PostAsync(ReadPartner, new { id = partner.Id }, member.Token)).Clean().Errors);

        var refused = (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = colleague.UserId } }, member.Token)).Clean()
            .HasErrorCode("FORBIDDEN");
        Assert.Null(refused.Data?["removePartnerMember"]);
        (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = member.UserId } }, (await SignUpAsync("stranger")).Token))
            .Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = member.UserId } }, gateway.Fakes.AddApiKey(partner.Id, [.. ApiKeyScopes.All])))
            .Clean().HasErrorCode("FORBIDDEN");
        Assert.Equal(0, PartnerRequestsFor(partner.Id));

        var removed = (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = member.UserId } }, admin.Token)).Clean();

        Assert.Empty(removed.Errors);
        Assert.Empty(removed.Data!["removePartnerMember"]!["userErrors"]!.AsArray());
        Assert.Equal(new[] { admin.Email, colleague.Email }.Order(), MemberEmails(removed));
        var request = Assert.IsType<RemovePartnerMember>(Assert.Single(gateway.Fakes.PartnerRequests, r => r is RemovePartnerMember m && m.PartnerId == partner.Id));
        Assert.Equal((admin.UserId, (Guid?)member.UserId, (string?)null), (request.ActorId, request.UserId, request.Email));
        Assert.Empty((await gateway.PostAsync("{ me { partners { id } } }", token: member.Token)).Clean().Data!["me"]!["partners"]!.AsArray());
        (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, member.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(ReadWorkspace, new { id = customer.Id }, member.Token)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = colleague.UserId } }, member.Token)).Clean().HasErrorCode("NOT_FOUND");
    }

    [Fact]
    public async Task AMemberLeavesWithTheirOwnUserId_AndAnAdminRemovesSomeoneWhoHasNotSignedUpByEmail_ButNotWithoutNamingExactlyOne()
    {
        var (partner, admin, member, _) = await PartnerAsync();
        var invited = $"invited-{Guid.NewGuid():N}@example.com";
        gateway.Fakes.AddPartnerMember(partner.Id, invited, PartnerRoles.Member);

        var left = (await gateway.PostAsync("mutation($i: RemovePartnerMemberInput!) { removePartnerMember(input: $i) { partner { id } userErrors { code } } }",
            new { i = new { partnerId = partner.Id, userId = member.UserId } }, member.Token)).Clean();

        Assert.Empty(left.Errors);
        Assert.Empty(left.Data!["removePartnerMember"]!["userErrors"]!.AsArray());
        Assert.Equal(member.UserId, Assert.IsType<RemovePartnerMember>(gateway.Fakes.PartnerRequests.Last(r => r is RemovePartnerMember m && m.PartnerId == partner.Id)).ActorId);
        Assert.Empty((await gateway.PostAsync("{ me { partners { id } } }", token: member.Token)).Clean().Data!["me"]!["partners"]!.AsArray());

        // An ADMIN who leaves sees the payload as someone who left: the members are no longer theirs to read, in the same response.
        var coAdmin = await SignUpAsync("partner-co-admin");
        gateway.Fakes.AddPartnerMember(partner.Id, coAdmin.Email, PartnerRoles.Admin);
        var adminLeft = (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, userId = coAdmin.UserId } }, coAdmin.Token)).Clean()
            .HasErrorCode("FORBIDDEN");
        Assert.Empty(adminLeft.Data!["removePartnerMember"]!["userErrors"]!.AsArray());
        Assert.Equal(partner.Id.ToString(), adminLeft.Data["removePartnerMember"]!["partner"]!["id"]!.GetValue<string>());
        Assert.Null(adminLeft.Data["removePartnerMember"]!["partner"]!["members"]);
        Assert.Equal(["removePartnerMember", "partner", "members"], adminLeft.Errors.Single()!["path"]!.AsArray().Select(p => p!.GetValue<string>()));

        foreach (var neither in new object[] { new { partnerId = partner.Id }, new { partnerId = partner.Id, userId = admin.UserId, email = invited } })
        {
            var refused = (await gateway.PostAsync(RemoveMember, new { i = neither }, admin.Token)).Clean();
            Assert.Empty(refused.Errors);
            Assert.Equal("NOT_A_MEMBER", Assert.Single(refused.Data!["removePartnerMember"]!["userErrors"]!.AsArray())!["code"]!.GetValue<string>());
        }
        var removed = (await gateway.PostAsync(RemoveMember, new { i = new { partnerId = partner.Id, email = invited } }, admin.Token)).Clean();
        Assert.Equal([admin.Email], MemberEmails(removed));
        Assert.Equal([invited], gateway.Fakes.PartnerRequests.OfType<RemovePartnerMember>().Where(r => r.PartnerId == partner.Id && r.Email is not null).Select(r => r.Email!));
        Assert.Equal(3, gateway.Fakes.PartnerRequests.Count(r => r is RemovePartnerMember m && m.PartnerId == partner.Id));
    }

    [Fact]
    public async Task PlatformAdmins_ReadEveryWorkspaceAndPartner_WithoutItsTeam_AndAloneManagePartners()
    {
        var (partner, _, _, customer) = await PartnerAsync();
        var owner = await SignUpAsync("owner");
        var operatorUser = await SignUpAsync("operator");
        gateway.Fakes.MakePlatformAdmin(operatorUser.UserId);

        var workspace = (await gateway.PostAsync(ReadWorkspace, new { id = owner.OwnWorkspaceId }, operatorUser.Token)).Clean();
        Assert.Empty(workspace.Errors);
        Assert.Equal("5.00", workspace.Data!["workspace"]!["balance"]!["amount"]!.GetValue<string>());
        (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { id members(first: 5) { totalCount } } }", new { id = owner.OwnWorkspaceId }, operatorUser.Token))
            .Clean().HasErrorCode("FORBIDDEN");
        (await gateway.PostAsync("mutation($i: InviteMemberInput!) { inviteMember(input: $i) { code } }",
            new { i = new { workspaceId = owner.OwnWorkspaceId, email = "x@example.com", role = "VIEWER" } }, operatorUser.Token)).Clean().HasErrorCode("FORBIDDEN");
        var partnerRead = (await gateway.PostAsync(ReadPartner, new { id = partner.Id }, operatorUser.Token)).Clean();
        Assert.Empty(partnerRead.Errors);
        Assert.Equal(customer.Id.ToString(), partnerRead.Data!["partner"]!["customerWorkspaces"]!["nodes"]![0]!["id"]!.GetValue<string>());
        var all = (await gateway.PostAsync("{ partners(first: 100) { totalCount nodes { id } } }", token: operatorUser.Token)).Clean();
        Assert.Contains(all.Data!["partners"]!["nodes"]!.AsArray(), p => p!["id"]!.GetValue<string>() == partner.Id.ToString());
        var createdPartner = (await gateway.PostAsync("mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id status } userErrors { code } } }",
            new { i = new { name = "Made " + Guid.NewGuid().ToString("N")[..6], ownerEmail = "o@example.com" } }, operatorUser.Token)).Clean();
        Assert.Equal("ACTIVE", createdPartner.Data!["createPartner"]!["partner"]!["status"]!.GetValue<string>());

        (await gateway.PostAsync("{ partners(first: 10) { totalCount } }", token: owner.Token)).Clean().HasErrorCode("FORBIDDEN");
        (await gateway.PostAsync("mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } } }",
            new { i = new { name = "Nope", ownerEmail = "o@example.com" } }, owner.Token)).Clean().HasErrorCode("FORBIDDEN");
        (await gateway.PostAsync("{ partners(first: 10) { totalCount } }")).Clean().HasErrorCode("UNAUTHENTICATED");
        (await gateway.PostAsync(ReadWorkspace, new { id = owner.OwnWorkspaceId }, (await SignUpAsync("other")).Token)).Clean().HasErrorCode("NOT_FOUND");
    }
}

/// <summary>The scope table of partner keys and the grants of partner members and platform admins.</summary>
public sealed class PartnerPermissionTests
{
    [Theory]
    [InlineData("workspaces:read", "Read")]
    [InlineData("billing:read", "ReadBilling")]
    [InlineData("apps:write", "ChangeApps")]
    [InlineData("billing:write", "ManageBilling")]
    [InlineData("workspaces:write", "")]
    [InlineData("webhooks:write", "")]
    public void EachScope_GrantsExactlyItsWorkspacePermission_AndNoScopeGrantsTeamDeletionOrOwnership(string scope, string permissions)
    {
        var granted = Platform.Gateway.Authorization.WorkspacePermissions.OfKey(new HashSet<string> { scope });
        Assert.Equal(permissions, string.Join(",", Enum.GetValues<Platform.Gateway.Authorization.WorkspacePermission>().Where(granted.Contains)));
        var all = Platform.Gateway.Authorization.WorkspacePermissions.OfKey(ApiKeyScopes.All.ToHashSet());
        Assert.DoesNotContain(Platform.Gateway.Authorization.WorkspacePermission.ManageMembers, all);
        Assert.DoesNotContain(Platform.Gateway.Authorization.WorkspacePermission.Delete, all);
        Assert.DoesNotContain(Platform.Gateway.Authorization.WorkspacePermission.TransferOwnership, all);
        Assert.DoesNotContain(Platform.Gateway.Authorization.WorkspacePermission.ReadTeam, all);
    }
}
