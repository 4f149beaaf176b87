using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class CostTests(GatewayFixture gateway)
{
    static JsonNode Cost(Response response) =>
        response.Json?["extensions"]?["cost"] ?? throw new Xunit.Sdk.XunitException($"no extensions.cost in {response}");

    [Fact]
    public async Task GivenConnectionQuery_ThenRequestedIsPageSizeTimesItemCostAndActualCountsWhatCameBack()
    {
        var token = await WorkspaceConnectionTests.SignUpWithWorkspacesAsync(gateway, "only");

        // me 1 + workspaces (1 + 10 x (node 1 + cluster 1)); id, name and pageInfo are free.
        var response = (await gateway.PostAsync(
            "{ me { id workspaces(first: 10) { nodes { id cluster { name } } pageInfo { hasNextPage } } } }", token: token)).Clean();

        Assert.Empty(response.Errors);
        var cost = Cost(response);
        Assert.Equal(22, cost["requestedQueryCost"]!.GetValue<long>());
        Assert.Equal(4, cost["actualQueryCost"]!.GetValue<long>());
        var status = cost["throttleStatus"]!;
        Assert.Equal(1000, status["maximumAvailable"]!.GetValue<double>());
        Assert.Equal(50, status["restoreRate"]!.GetValue<double>());
        // A fresh user bucket, charged the actual 4 (the unused 18 came back); it may have refilled a little since.
        Assert.InRange(status["currentlyAvailable"]!.GetValue<double>(), 996, 1000);
    }

    [Fact]
    public async Task GivenEdgesAndNodes_ThenBothCountPerItem()
    {
        var token = await WorkspaceConnectionTests.SignUpWithWorkspacesAsync(gateway, "a", "b");

        var response = (await gateway.PostAsync(
            "{ me { workspaces(last: 5) { edges { cursor node { quota { cpu } } } nodes { id } totalCount } } }", token: token)).Clean();

        // me 1 + workspaces (1 + 5 x (edge node 1 + quota 1 + nodes 1)) = 17; two came back: 1 + 1 + 2 x 3 = 8.
        Assert.Equal(17, Cost(response)["requestedQueryCost"]!.GetValue<long>());
        Assert.Equal(8, Cost(response)["actualQueryCost"]!.GetValue<long>());
    }

    [Fact]
    public async Task GivenAnonymousCaller_WhenMeIsNull_ThenActualCostIsZero()
    {
        var response = (await gateway.PostAsync("{ __typename me { workspaces(first: 3) { nodes { id } } } }")).Clean();

        response.HasErrorCode("UNAUTHENTICATED");
        Assert.Equal(5, Cost(response)["requestedQueryCost"]!.GetValue<long>());
        Assert.Equal(0, Cost(response)["actualQueryCost"]!.GetValue<long>());
    }

    [Fact]
    public async Task GivenMutation_ThenTopLevelFieldCostsTen()
    {
        var response = (await gateway.PostAsync("mutation { signIn(input: { email: \"nobody@example.com\", password: \"x\" }) { accessToken user { id } userErrors { code } } }")).Clean();

        // signIn 10 + user 1 + userErrors 1.
        Assert.Equal(12, Cost(response)["requestedQueryCost"]!.GetValue<long>());
        // user was null; one userError came back.
        Assert.Equal(11, Cost(response)["actualQueryCost"]!.GetValue<long>());
    }

    [Fact]
    public async Task GivenQueryOverAThousandPoints_ThenMaxCostExceededBeforeExecution()
    {
        var token = await WorkspaceConnectionTests.SignUpWithWorkspacesAsync(gateway, "big");
        const string items = "(first: 100) { nodes { cluster { name } quota { cpu } balance { amount } } }";
        var query = $"{{ me {{ a: workspaces{items} b: workspaces{items} c: workspaces{items} }} }}";
        var cheaper = $"{{ me {{ a: workspaces{items} b: workspaces{items} }} }}";

        var response = (await gateway.PostAsync(query, token: token)).Clean();
        var allowed = (await gateway.PostAsync(cheaper, token: token)).Clean();

        response.HasErrorCode("MAX_COST_EXCEEDED");
        Assert.Null(response.Data);
        // me 1 + 3 x (1 + 100 x 4)
        Assert.Equal(1204, Cost(response)["requestedQueryCost"]!.GetValue<long>());
        Assert.Equal(0, Cost(response)["actualQueryCost"]!.GetValue<long>());
        Assert.Empty(allowed.Errors);
        Assert.Equal(803, Cost(allowed)["requestedQueryCost"]!.GetValue<long>());
    }

    [Fact]
    public async Task GivenScalarsOnly_ThenFree()
    {
        var response = (await gateway.PostAsync("{ a: __typename b: __typename }")).Clean();

        Assert.Equal(0, Cost(response)["requestedQueryCost"]!.GetValue<long>());
        Assert.Equal(0, Cost(response)["actualQueryCost"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("{\"query\": \"{ me { \"}")]
    [InlineData("{\"query\": \"{ nope }\"}")]
    [InlineData("not json")]
    [InlineData("{\"variables\": {}}")]
    public async Task GivenRequestThatFails_ThenTheResponseStillCarriesCostAndThrottleStatus(string body)
    {
        var response = (await gateway.SendAsync(HttpMethod.Post, gateway.Endpoint, new StringContent(body, Encoding.UTF8, "application/json"))).Clean();

        Assert.NotEmpty(response.Errors);
        Assert.All(response.ErrorCodes, code => Assert.False(string.IsNullOrEmpty(code)));
        Assert.Equal(0, Cost(response)["actualQueryCost"]!.GetValue<long>());
        Assert.Equal(1000, Cost(response)["throttleStatus"]!["maximumAvailable"]!.GetValue<double>());
    }
}
