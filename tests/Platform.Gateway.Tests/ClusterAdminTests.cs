using System.Text.Json.Nodes;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>
/// `clusters` and `registerCluster` through the gateway: platform admins only. The fake cluster service does whatever it is
/// asked, so every refusal here is the gateway's, and refused registrations are checked never to reach it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ClusterAdminTests(GatewayFixture gateway)
{
    const string List = "query($after: String) { clusters(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } " +
        "nodes { id name region capacityCpuCores reservedCpuCores workspaceCount registeredAt } } }";
    const string Register = "mutation($i: RegisterClusterInput!) { registerCluster(input: $i) { cluster { id name region capacityCpuCores } " +
        "userErrors { field code message } } }";

    (string Token, Guid UserId) User(string who, bool admin = false)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        var (userId, _) = gateway.Fakes.NewPartnerTestUser(email);
        if (admin)
            gateway.Fakes.MakePlatformAdmin(userId);
        return (gateway.Tokens.Issue(userId, email, DateTimeOffset.UtcNow), userId);
    }

    static object Input(string name, string kubeconfig = "apiVersion: v1") => new { i = new { name, region = "eu-test", capacityCpuCores = 32, kubeconfig } };

    [Fact]
    public async Task APlatformAdmin_RegistersAClusterAndPagesThroughTheClusters()
    {
        var (admin, _) = User("operator", admin: true);
        var existing = gateway.Fakes.AddCluster("kubesim-" + Guid.NewGuid().ToString("N")[..6], "local");
        var name = "second-" + Guid.NewGuid().ToString("N")[..6];

        var registered = (await gateway.PostAsync(Register, Input(name), admin)).Clean();

        Assert.Empty(registered.Errors);
        Assert.Empty(registered.Data!["registerCluster"]!["userErrors"]!.AsArray());
        var cluster = registered.Data["registerCluster"]!["cluster"]!;
        Assert.Equal((name, "eu-test", 32), (cluster["name"]!.GetValue<string>(), cluster["region"]!.GetValue<string>(), cluster["capacityCpuCores"]!.GetValue<int>()));

        var seen = new List<JsonNode>();
        string? after = null;
        while (true)
        {
            var page = (await gateway.PostAsync(List, new { after }, admin)).Clean();
            Assert.Empty(page.Errors);
            var clusters = page.Data!["clusters"]!;
            seen.AddRange(clusters["nodes"]!.AsArray().Select(n => n!));
            if (!clusters["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                break;
            after = clusters["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        var listed = Assert.Single(seen, n => n["name"]!.GetValue<string>() == existing.Name);
        Assert.Equal((existing.Id.ToString(), 16, 1), (listed["id"]!.GetValue<string>(), listed["reservedCpuCores"]!.GetValue<int>(), listed["workspaceCount"]!.GetValue<int>()));
        Assert.Single(seen, n => n["name"]!.GetValue<string>() == name);

        var last = (await gateway.PostAsync("{ clusters(last: 1) { nodes { name } pageInfo { hasPreviousPage } } }", token: admin)).Clean();
        Assert.Empty(last.Errors);
        Assert.Single(last.Data!["clusters"]!["nodes"]!.AsArray());
    }

    [Fact]
    public async Task AnUnreachableCluster_IsAUserError()
    {
        var (admin, _) = User("operator", admin: true);

        var response = (await gateway.PostAsync(Register, Input("gone-" + Guid.NewGuid().ToString("N")[..6], FakeServices.UnreachableKubeconfig), admin)).Clean();

        Assert.Empty(response.Errors);
        Assert.Null(response.Data!["registerCluster"]!["cluster"]);
        Assert.Equal("CLUSTER_UNREACHABLE", response.Data["registerCluster"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryoneButPlatformAdmins_IsRefused_AndNothingReachesTheClusterService()
    {
        var (user, _) = User("someone");
        var partner = gateway.Fakes.AddPartner("Reseller " + Guid.NewGuid().ToString("N")[..6]);
        var key = gateway.Fakes.AddApiKey(partner.Id, "workspaces:read", "workspaces:write", "billing:read", "billing:write", "apps:write");
        var name = "refused-" + Guid.NewGuid().ToString("N")[..6];
        gateway.Fakes.AddCluster("secret-" + Guid.NewGuid().ToString("N")[..6], "local");

        foreach (var (token, code) in new[] { (user, "FORBIDDEN"), (key, "FORBIDDEN"), ((string?)null, "UNAUTHENTICATED") })
        {
            var list = (await gateway.PostAsync(List, new { after = (string?)null }, token)).Clean().HasErrorCode(code);
            Assert.True(list.Data is null || list.Data["clusters"] is null, list.Body);
            Assert.DoesNotContain("secret-", list.Body, StringComparison.Ordinal);
            var register = (await gateway.PostAsync(Register, Input(name), token)).Clean().HasErrorCode(code);
            Assert.True(register.Data is null || register.Data["registerCluster"] is null, register.Body);
        }
        Assert.DoesNotContain(gateway.Fakes.ClusterRequests, r => r.Name == name);
    }
}
