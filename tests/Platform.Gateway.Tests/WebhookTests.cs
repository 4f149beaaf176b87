using System.Text.Json.Nodes;
using Platform.Contracts.Billing;
using Platform.Contracts.Tenants;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>
/// A partner's webhook subscriptions through the gateway: the mapping to and from billing, and who may do what (partner
/// ADMINs and keys with webhooks:write manage; MEMBERs and platform admins read; anyone else NOT_FOUND). The fake billing
/// does what it is asked, so every refusal here is the gateway's, and refused commands are checked never to reach it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class WebhookTests(GatewayFixture gateway)
{
    sealed record Person(string Token, Guid UserId, string Email);

    Person NewUser(string who)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        var (userId, _) = gateway.Fakes.NewPartnerTestUser(email);
        return new Person(gateway.Tokens.Issue(userId, email, DateTimeOffset.UtcNow), userId, email);
    }

    (PartnerDetails Partner, Person Admin, Person Member) NewPartner()
    {
        var admin = NewUser("partner-admin");
        var member = NewUser("partner-member");
        var partner = gateway.Fakes.AddPartner("Reseller " + Guid.NewGuid().ToString("N")[..6], (admin.Email, PartnerRoles.Admin), (member.Email, PartnerRoles.Member));
        return (partner, admin, member);
    }

    const string Create = """
        mutation($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) {
          webhookSubscription { id url eventTypes description status createdAt } signingSecret userErrors { field code message } } }
        """;
    const string Delete = "mutation($i: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $i) { deletedSubscriptionId userErrors { field code } } }";
    const string List = """
        query($id: ID!) { partner(id: $id) { webhookSubscriptions(first: 10) { totalCount nodes { id url eventTypes status
          deliveries(first: 10) { totalCount nodes { id status attempts lastResponseStatus eventType workspaceId createdAt deliveredAt } } } } } }
        """;
    const string Deliveries = """
        query($id: ID!, $first: Int, $after: String) { partner(id: $id) { webhookSubscriptions(first: 1) { nodes {
          deliveries(first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } } } }
        """;

    static object CreateInput(Guid partnerId, string url = "https://partner.example/hooks", string[]? eventTypes = null) =>
        new { i = new { partnerId, url, eventTypes = eventTypes ?? [WebhookEventTypes.WorkspaceActivated], description = "CRM sync" } };

    int WebhookRequestsFor(Guid partnerId) => gateway.Fakes.WebhookRequests.Count(r => r switch
    {
        CreateWebhookSubscription m => m.PartnerId == partnerId,
        DeleteWebhookSubscription m => m.OwnerId == $"partner:{partnerId:D}",
        _ => false,
    });

    async Task<Guid> CreatedBy(Guid partnerId, string token)
    {
        var response = (await gateway.PostAsync(Create, CreateInput(partnerId), token)).Clean();
        Assert.True(response.Errors.Count == 0, response.Body);
        return Guid.Parse(response.Data!["createWebhookSubscription"]!["webhookSubscription"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task APartnerAdmin_CreatesASubscriptionScopedToThePartner_SeesTheSecretOnce_ListsItWithDeliveries_AndDeletesIt()
    {
        var (partner, admin, _) = NewPartner();

        var created = (await gateway.PostAsync(Create, CreateInput(partner.Id), admin.Token)).Clean();

        Assert.True(created.Errors.Count == 0, created.Body);
        var payload = created.Data!["createWebhookSubscription"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.StartsWith("whsec_", payload["signingSecret"]!.GetValue<string>());
        var subscription = payload["webhookSubscription"]!;
        Assert.Equal(("https://partner.example/hooks", "CRM sync", "ACTIVE"),
            (subscription["url"]!.GetValue<string>(), subscription["description"]!.GetValue<string>(), subscription["status"]!.GetValue<string>()));
        Assert.Equal([WebhookEventTypes.WorkspaceActivated], subscription["eventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        var command = gateway.Fakes.WebhookRequests.OfType<CreateWebhookSubscription>().Single(c => c.PartnerId == partner.Id);
        Assert.Equal(($"partner:{partner.Id:D}", 0), (command.OwnerId, command.WorkspaceIds.Count));

        var id = Guid.Parse(subscription["id"]!.GetValue<string>());
        var workspaceId = Guid.NewGuid();
        gateway.Fakes.AddWebhookDelivery(id, workspaceId, DateTimeOffset.UtcNow);
        var listed = (await gateway.PostAsync(List, new { id = partner.Id }, admin.Token)).Clean();
        Assert.True(listed.Errors.Count == 0, listed.Body);
        var node = Assert.Single(listed.Data!["partner"]!["webhookSubscriptions"]!["nodes"]!.AsArray())!;
        Assert.Equal(id.ToString(), node["id"]!.GetValue<string>());
        Assert.DoesNotContain("whsec_", listed.Body);
        var delivery = Assert.Single(node["deliveries"]!["nodes"]!.AsArray())!;
        Assert.Equal(("DELIVERED", 1, 200, workspaceId.ToString()),
            (delivery["status"]!.GetValue<string>(), delivery["attempts"]!.GetValue<int>(), delivery["lastResponseStatus"]!.GetValue<int>(),
                delivery["workspaceId"]!.GetValue<string>()));

        var deleted = (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, admin.Token)).Clean();
        Assert.Equal(id.ToString(), deleted.Data!["deleteWebhookSubscription"]!["deletedSubscriptionId"]!.GetValue<string>());
        var after = (await gateway.PostAsync(List, new { id = partner.Id }, admin.Token)).Clean();
        Assert.Equal(0, after.Data!["partner"]!["webhookSubscriptions"]!["totalCount"]!.GetValue<int>());
        var again = (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, admin.Token)).Clean();
        Assert.Equal(("subscriptionId", "NOT_FOUND"), Error(again.Data!["deleteWebhookSubscription"]!));
    }

    [Fact]
    public async Task BillingsErrors_AreUserErrorsOnTheInputFields()
    {
        var (partner, admin, _) = NewPartner();

        var insecure = (await gateway.PostAsync(Create, CreateInput(partner.Id, url: "http://partner.example/hooks"), admin.Token)).Clean();
        var unknown = (await gateway.PostAsync(Create, CreateInput(partner.Id, eventTypes: ["workspace.exploded"]), admin.Token)).Clean();
        var metadata = (await gateway.PostAsync(Create, CreateInput(partner.Id, url: "https://169.254.169.254/latest/meta-data/"), admin.Token)).Clean();

        Assert.Equal(("url", "INVALID_URL"), Error(insecure.Data!["createWebhookSubscription"]!));
        Assert.Equal(("url", "URL_NOT_ALLOWED"), Error(metadata.Data!["createWebhookSubscription"]!));
        Assert.Null(metadata.Data["createWebhookSubscription"]!["webhookSubscription"]);
        Assert.Null(metadata.Data["createWebhookSubscription"]!["signingSecret"]);
        Assert.Equal(("eventTypes", "INVALID_EVENT_TYPE"), Error(unknown.Data!["createWebhookSubscription"]!));
        Assert.Null(insecure.Data["createWebhookSubscription"]!["webhookSubscription"]);
        Assert.Null(insecure.Data["createWebhookSubscription"]!["signingSecret"]);
    }

    [Fact]
    public async Task DeliveriesArePagedOneByOne_NewestFirst_WithCursorsThatGiveNothingMoreAtTheEnd()
    {
        var (partner, admin, _) = NewPartner();
        var id = await CreatedBy(partner.Id, admin.Token);
        var start = DateTimeOffset.UtcNow;
        var expected = Enumerable.Range(0, 3).Select(i => gateway.Fakes.AddWebhookDelivery(id, Guid.NewGuid(), start.AddSeconds(i)).Id.ToString())
            .Reverse().ToList();

        var seen = new List<string>();
        string? after = null;
        for (var page = 0; page < 4; page++)
        {
            var response = (await gateway.PostAsync(Deliveries, new { id = partner.Id, first = 1, after }, admin.Token)).Clean();
            Assert.True(response.Errors.Count == 0, response.Body);
            var deliveries = response.Data!["partner"]!["webhookSubscriptions"]!["nodes"]![0]!["deliveries"]!;
            Assert.Equal(3, deliveries["totalCount"]!.GetValue<int>());
            seen.AddRange(deliveries["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            if (!deliveries["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                Assert.Equal(3, page + 1);
                break;
            }
            after = deliveries["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, seen);
        var bad = (await gateway.PostAsync(Deliveries, new { id = partner.Id, first = 1, after = "not-a-cursor" }, admin.Token)).Clean();
        bad.HasErrorCode("INVALID_CURSOR");
    }

    [Fact]
    public async Task AKeyWithWebhooksWrite_Manages_AKeyWithoutIt_IsForbidden_AKeyOfAnotherPartner_GetsNotFound()
    {
        var (partner, _, _) = NewPartner();
        var (other, _, _) = NewPartner();
        var writer = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WebhooksWrite);
        var reader = gateway.Fakes.AddApiKey(partner.Id, ApiKeyScopes.WorkspacesRead, ApiKeyScopes.WorkspacesWrite, ApiKeyScopes.BillingRead);
        var stranger = gateway.Fakes.AddApiKey(other.Id, [.. ApiKeyScopes.All]);

        var id = await CreatedBy(partner.Id, writer);
        var listed = (await gateway.PostAsync(List, new { id = partner.Id }, writer)).Clean();
        Assert.Equal(1, listed.Data!["partner"]!["webhookSubscriptions"]!["totalCount"]!.GetValue<int>());
        var before = WebhookRequestsFor(partner.Id);

        Assert.Null((await gateway.PostAsync(Create, CreateInput(partner.Id), reader)).Clean().HasErrorCode("FORBIDDEN").Data?["createWebhookSubscription"]);
        (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, reader)).Clean().HasErrorCode("FORBIDDEN");
        var notListed = (await gateway.PostAsync(List, new { id = partner.Id }, reader)).Clean().HasErrorCode("FORBIDDEN");
        Assert.DoesNotContain(id.ToString(), notListed.Body);
        Assert.Contains("webhooks:write", notListed.Body);
        (await gateway.PostAsync(Create, CreateInput(partner.Id), stranger)).Clean().HasErrorCode("NOT_FOUND");
        (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, stranger)).Clean().HasErrorCode("NOT_FOUND");
        var hidden = (await gateway.PostAsync(List, new { id = partner.Id }, stranger)).Clean().HasErrorCode("NOT_FOUND");
        Assert.DoesNotContain(id.ToString(), hidden.Body);
        Assert.Equal(before, WebhookRequestsFor(partner.Id));

        // Through its own partner id, another partner's key reaches only its own subscriptions: NOT_FOUND from billing.
        var viaOwn = (await gateway.PostAsync(Delete, new { i = new { partnerId = other.Id, subscriptionId = id } }, stranger)).Clean();
        Assert.Equal(("subscriptionId", "NOT_FOUND"), Error(viaOwn.Data!["deleteWebhookSubscription"]!));
        var deleted = (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, writer)).Clean();
        Assert.Equal(id.ToString(), deleted.Data!["deleteWebhookSubscription"]!["deletedSubscriptionId"]!.GetValue<string>());
    }

    [Fact]
    public async Task AMemberAndAPlatformAdminRead_ButNeverManage_AStrangerGetsNotFound_AndNoTokenIsUnauthenticated()
    {
        var (partner, admin, member) = NewPartner();
        var platformAdmin = NewUser("platform-admin");
        gateway.Fakes.MakePlatformAdmin(platformAdmin.UserId);
        var stranger = NewUser("stranger");
        var id = await CreatedBy(partner.Id, admin.Token);
        var before = WebhookRequestsFor(partner.Id);

        foreach (var reader in new[] { member, platformAdmin })
        {
            var listed = (await gateway.PostAsync(List, new { id = partner.Id }, reader.Token)).Clean();
            Assert.True(listed.Errors.Count == 0, listed.Body);
            Assert.Equal(id.ToString(), listed.Data!["partner"]!["webhookSubscriptions"]!["nodes"]![0]!["id"]!.GetValue<string>());
            (await gateway.PostAsync(Create, CreateInput(partner.Id), reader.Token)).Clean().HasErrorCode("FORBIDDEN");
            (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, reader.Token)).Clean().HasErrorCode("FORBIDDEN");
        }
        foreach (var token in new[] { stranger.Token })
        {
            var hidden = (await gateway.PostAsync(List, new { id = partner.Id }, token)).Clean().HasErrorCode("NOT_FOUND");
            Assert.DoesNotContain(id.ToString(), hidden.Body);
            (await gateway.PostAsync(Create, CreateInput(partner.Id), token)).Clean().HasErrorCode("NOT_FOUND");
            (await gateway.PostAsync(Delete, new { i = new { partnerId = partner.Id, subscriptionId = id } }, token)).Clean().HasErrorCode("NOT_FOUND");
        }
        (await gateway.PostAsync(Create, CreateInput(partner.Id))).Clean().HasErrorCode("UNAUTHENTICATED");
        (await gateway.PostAsync(List, new { id = partner.Id })).Clean().HasErrorCode("UNAUTHENTICATED");
        Assert.Equal(before, WebhookRequestsFor(partner.Id));
    }

    [Fact]
    public async Task APendingPartner_CannotSubscribe()
    {
        var admin = NewUser("applicant");
        var pending = gateway.Fakes.AddPartner("Pending " + Guid.NewGuid().ToString("N")[..6], (admin.Email, PartnerRoles.Admin));
        gateway.Fakes.SetPartnerStatus(pending.Id, PartnerStatuses.Pending);

        var refused = (await gateway.PostAsync(Create, CreateInput(pending.Id), admin.Token)).Clean();

        Assert.Equal((null, "PARTNER_NOT_ACTIVE"), Error(refused.Data!["createWebhookSubscription"]!));
        Assert.Equal(0, WebhookRequestsFor(pending.Id));
    }

    [Fact]
    public async Task TheCatalogueOfEventTypes_IsServedToAnyone()
    {
        var response = (await gateway.PostAsync("{ webhookEventTypes }")).Clean();

        Assert.True(response.Errors.Count == 0, response.Body);
        Assert.Equal(WebhookEventTypes.All, response.Data!["webhookEventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    static (string? Field, string Code) Error(JsonNode payload)
    {
        var error = Assert.Single(payload["userErrors"]!.AsArray())!;
        return (error["field"]?.GetValue<string>(), error["code"]!.GetValue<string>());
    }
}
