using System.Text.Json.Nodes;
using Platform.Testing;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>A partner over HTTP, the way a partner portal calls the API: keys, a customer workspace, the customer, revocation.</summary>
public sealed class PartnerTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    static JsonNode Payload(JsonObject result, string field)
    {
        var payload = result["data"]?[field] ?? throw new InvalidOperationException($"{field} failed: {result.ToJsonString()}");
        Assert.True(payload["userErrors"]!.AsArray().Count == 0, $"{field}: {result.ToJsonString()}");
        return payload;
    }

    static string? ErrorCode(JsonObject result) => result["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();

    async Task<string> CreateKey(string ownerToken, string partnerId, params string[] scopes) =>
        Payload(await platform.GraphQL("""
            mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key apiKey { id prefix scopes } userErrors { code message } } }
            """, new { i = new { partnerId, name = "portal " + string.Join("+", scopes), scopes } }, ownerToken), "createApiKey")["key"]!.GetValue<string>();

    [Fact]
    public async Task AdminCreatesAPartner_ItsOwnerCreatesAKey_TheKeyCreatesACustomerWorkspace_TheCustomerTakesIt_ThePartnerReadsItUntilTheKeyIsRevoked()
    {
        var (adminToken, _) = await platform.SignUp(RunningPlatform.AdminEmail, "Operations");
        Assert.True((await platform.GraphQL("{ me { isPlatformAdmin } }", token: adminToken))["data"]!["me"]!["isPlatformAdmin"]!.GetValue<bool>());
        var ownerEmail = Email("reseller");
        var partner = Payload(await platform.GraphQL("""
            mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id status } userErrors { code message } } }
            """, new { i = new { name = "Reseller " + Guid.NewGuid().ToString("N")[..6], ownerEmail } }, adminToken), "createPartner")["partner"]!;
        Assert.Equal("ACTIVE", partner["status"]!.GetValue<string>());
        var partnerId = partner["id"]!.GetValue<string>();

        var (ownerToken, _) = await platform.SignUp(ownerEmail, "Reseller's own");
        var mine = await platform.GraphQL("{ me { isPlatformAdmin partners { id myRole } } }", token: ownerToken);
        Assert.False(mine["data"]!["me"]!["isPlatformAdmin"]!.GetValue<bool>());
        Assert.Equal("ADMIN", mine["data"]!["me"]!["partners"]![0]!["myRole"]!.GetValue<string>());
        var key = await CreateKey(ownerToken, partnerId, "workspaces:read", "workspaces:write", "billing:read");
        var readOnlyKey = await CreateKey(ownerToken, partnerId, "workspaces:read");
        Assert.StartsWith("pk_", key);

        var customerEmail = Email("customer");
        var created = Payload(await platform.GraphQL("""
            mutation($i: CreateCustomerWorkspaceInput!) {
              createCustomerWorkspace(input: $i) { workspace { id status } invitation { role email } code userErrors { code message } }
            }
            """, new { i = new { partnerId, name = "Customer Shop", customerEmail } }, key), "createCustomerWorkspace");
        var workspaceId = created["workspace"]!["id"]!.GetValue<string>();
        Assert.Equal(("OWNER", customerEmail), (created["invitation"]!["role"]!.GetValue<string>(), created["invitation"]!["email"]!.GetValue<string>()));

        var (customerToken, _) = await platform.SignUp(customerEmail, "Customer's own");
        var accepted = Payload(await platform.GraphQL("""
            mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { workspace { id myRole } userErrors { code message } } }
            """, new { i = new { code = created["code"]!.GetValue<string>() } }, customerToken), "acceptInvitation");
        Assert.Equal((workspaceId, "OWNER"), (accepted["workspace"]!["id"]!.GetValue<string>(), accepted["workspace"]!["myRole"]!.GetValue<string>()));

        const string customers = "query($id: ID!) { partner(id: $id) { customerWorkspaces(first: 10) { totalCount nodes { id status balance { amount currency } } } } }";
        var listed = await Eventually.Until(() => platform.GraphQL(customers, new { id = partnerId }, key),
            r => r["data"]?["partner"]?["customerWorkspaces"]?["nodes"]?[0]?["status"]?.GetValue<string>() == "ACTIVE", Within,
            "the customer workspace to be ACTIVE for the partner", TimeSpan.FromMilliseconds(200));
        Assert.Null(listed["errors"]);
        var node = listed["data"]!["partner"]!["customerWorkspaces"]!["nodes"]![0]!;
        Assert.Equal((workspaceId, "5.00", "USD"), (node["id"]!.GetValue<string>(), node["balance"]!["amount"]!.GetValue<string>(),
            node["balance"]!["currency"]!.GetValue<string>()));
        Assert.Equal(1, listed["data"]!["partner"]!["customerWorkspaces"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("ACTIVE", (await platform.Workspace(customerToken, workspaceId))["status"]!.GetValue<string>());

        var withoutBilling = await platform.GraphQL(customers, new { id = partnerId }, readOnlyKey);
        Assert.Equal("FORBIDDEN", ErrorCode(withoutBilling));
        Assert.Equal(workspaceId, withoutBilling["data"]!["partner"]!["customerWorkspaces"]!["nodes"]![0]!["id"]!.GetValue<string>());
        Assert.Null(withoutBilling["data"]!["partner"]!["customerWorkspaces"]!["nodes"]![0]!["balance"]);
        var (strangerToken, _) = await platform.SignUp(Email("stranger"), "Elsewhere");
        Assert.Equal("NOT_FOUND", ErrorCode(await platform.GraphQL("query($id: ID!) { workspace(id: $id) { id } }", new { id = workspaceId }, strangerToken)));

        var keys = await platform.GraphQL("query($id: ID!) { partner(id: $id) { apiKeys(first: 10) { nodes { id prefix lastUsedAt } } } }", new { id = partnerId }, ownerToken);
        var used = keys["data"]!["partner"]!["apiKeys"]!["nodes"]!.AsArray().Single(k => key.StartsWith(k!["prefix"]!.GetValue<string>() + "_"))!;
        Assert.NotNull(used["lastUsedAt"]);
        Assert.DoesNotContain(key, keys.ToJsonString());
        Payload(await platform.GraphQL("""
            mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { apiKey { revokedAt } userErrors { code message } } }
            """, new { i = new { partnerId, apiKeyId = used["id"]!.GetValue<string>() } }, ownerToken), "revokeApiKey");

        var refused = await Eventually.Until(() => platform.GraphQL(customers, new { id = partnerId }, key), r => ErrorCode(r) == "UNAUTHENTICATED",
            TimeSpan.FromSeconds(20), "the revoked key to be refused", TimeSpan.FromMilliseconds(250));
        Assert.Null(refused["data"]?["partner"]);
        Assert.Equal(workspaceId, (await platform.GraphQL(customers, new { id = partnerId }, readOnlyKey))["data"]!["partner"]!["customerWorkspaces"]!["nodes"]![0]!["id"]!.GetValue<string>());
    }
}
