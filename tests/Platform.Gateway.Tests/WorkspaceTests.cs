using Platform.Gateway.Workspaces;
using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class WorkspaceTests(GatewayFixture gateway)
{
    const string WorkspaceQuery = """
        query($id: ID!) {
          workspace(id: $id) {
            id name slug status failureReason namespace createdAt
            cluster { id name region }
            quota { cpu memory storage pods }
            balance { amount currency }
          }
        }
        """;

    [Fact]
    public async Task GivenSignedUpUser_WhenAskingForMe_ThenProfileAndWorkspacesAreReturned()
    {
        var (token, workspaceId) = await SignUpAsync("main");

        var response = (await gateway.PostAsync("{ me { id email displayName workspaces(first: 10) { nodes { id name status } } } }", token: token)).Clean();

        Assert.Empty(response.Errors);
        var me = response.Data!["me"]!;
        Assert.Equal("Grace", me["displayName"]!.GetValue<string>());
        Assert.Equal(workspaceId, me["workspaces"]!["nodes"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenOwnWorkspace_WhenAskingForIt_ThenPlacementQuotaAndBalanceAreResolved()
    {
        var (token, workspaceId) = await SignUpAsync("main");

        var response = (await gateway.PostAsync(WorkspaceQuery, new { id = workspaceId }, token)).Clean();

        Assert.Empty(response.Errors);
        var workspace = response.Data!["workspace"]!;
        Assert.Equal("ACTIVE", workspace["status"]!.GetValue<string>());
        Assert.Equal("kubesim-1", workspace["cluster"]!["name"]!.GetValue<string>());
        Assert.Equal("eu-1", workspace["cluster"]!["region"]!.GetValue<string>());
        Assert.Equal("8Gi", workspace["quota"]!["memory"]!.GetValue<string>());
        Assert.Equal(50, workspace["quota"]!["pods"]!.GetValue<int>());
        Assert.Equal("5.00", workspace["balance"]!["amount"]!.GetValue<string>());
        Assert.Equal("EUR", workspace["balance"]!["currency"]!.GetValue<string>());
        Assert.StartsWith("2025-01-02T03:04:05", workspace["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenExistingName_WhenCreatingWorkspace_ThenNameTakenUserError()
    {
        var (token, _) = await SignUpAsync("main");
        const string create = "mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { workspace { name status } userErrors { field code } } }";

        var second = (await gateway.PostAsync(create, new { i = new { name = "second", region = "eu-1" } }, token)).Clean();
        var duplicate = (await gateway.PostAsync(create, new { i = new { name = "main" } }, token)).Clean();

        Assert.Equal("second", second.Data!["createWorkspace"]!["workspace"]!["name"]!.GetValue<string>());
        Assert.Empty(second.Data!["createWorkspace"]!["userErrors"]!.AsArray());
        Assert.Null(duplicate.Data!["createWorkspace"]!["workspace"]);
        Assert.Equal("NAME_TAKEN", duplicate.Data!["createWorkspace"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenBillingNotAnswering_WhenAskingForBalance_ThenServiceUnavailableAndOtherFieldsStillResolve()
    {
        var (token, workspaceId) = await SignUpAsync(FakeServices.SilentBillingWorkspace);

        var response = (await gateway.PostAsync(WorkspaceQuery, new { id = workspaceId }, token)).Clean();

        Assert.Equal(200, response.Status);
        response.HasErrorCode("SERVICE_UNAVAILABLE");
        Assert.Null(response.Data!["workspace"]!["balance"]);
        Assert.Equal(FakeServices.SilentBillingWorkspace, response.Data!["workspace"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenBillingFaulting_WhenAskingForBalance_ThenInternalErrorWithoutDetails()
    {
        var (token, workspaceId) = await SignUpAsync(FakeServices.FaultyBillingWorkspace);

        var response = (await gateway.PostAsync(WorkspaceQuery, new { id = workspaceId }, token)).Clean();

        response.HasErrorCode("INTERNAL");
        Assert.DoesNotContain("ledger exploded", response.Body);
        Assert.Null(response.Data!["workspace"]!["balance"]);
        Assert.Equal("8Gi", response.Data!["workspace"]!["quota"]!["memory"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(5_000_000, "5.00")]
    [InlineData(1, "0.000001")]
    [InlineData(-1_500_000, "-1.50")]
    [InlineData(123_456_789, "123.456789")]
    [InlineData(0, "0.00")]
    public void MicrosAreShownAsDecimalAmounts(long micros, string amount) =>
        Assert.Equal(amount, Money.FromMicros(micros, "EUR").Amount);

    async Task<(string Token, string WorkspaceId)> SignUpAsync(string workspaceName)
    {
        var response = await gateway.PostAsync(
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken workspace { id } userErrors { code } } }",
            new { i = new { email = $"grace-{Guid.NewGuid():N}@example.com", password = "a-long-enough-password", displayName = "Grace", workspaceName, region = "eu-1" } });
        var payload = response.Data!["signUp"]!;
        return (payload["accessToken"]!.GetValue<string>(), payload["workspace"]!["id"]!.GetValue<string>());
    }
}
