using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class AuthTests(GatewayFixture gateway)
{
    public static TheoryData<string, string?> ProtectedFieldsAndTokens()
    {
        var data = new TheoryData<string, string?>();
        string[] queries =
        [
            "{ me { id email } }",
            "{ workspace(id: \"6f1c1d8e-2f0b-4c69-9c43-1a2b3c4d5e6f\") { id name } }",
            "mutation { createWorkspace(input: { name: \"x\" }) { workspace { id } userErrors { code } } }",
        ];
        foreach (var query in queries)
        {
            data.Add(query, null);
            data.Add(query, "garbage");
            data.Add(query, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedFieldsAndTokens))]
    public async Task GivenNoOrBadToken_WhenAskingForProtectedField_ThenUnauthenticatedAndNoData(string query, string? token)
    {
        var response = (await gateway.PostAsync(query, token: token)).Clean();

        Assert.Equal(200, response.Status);
        response.HasErrorCode("UNAUTHENTICATED");
        var field = response.Data!.AsObject().Single();
        Assert.Null(field.Value);
    }

    [Fact]
    public async Task GivenExpiredToken_WhenAskingForMe_ThenUnauthenticated()
    {
        var expired = gateway.Tokens.Issue(Guid.NewGuid(), "old@example.com", DateTimeOffset.UtcNow.AddHours(-3));

        var response = (await gateway.PostAsync("{ me { id } }", token: expired)).Clean();

        response.HasErrorCode("UNAUTHENTICATED");
        Assert.Null(response.Data!["me"]);
    }

    [Fact]
    public async Task GivenTwoUsers_WhenOneAsksForTheOthersWorkspace_ThenNotFoundWithoutItsData()
    {
        var owner = await SignUpAsync("owner");
        var stranger = await SignUpAsync("stranger");

        var response = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { id name namespace } }",
            new { id = owner.WorkspaceId }, stranger.Token)).Clean();
        var own = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { id name } }",
            new { id = owner.WorkspaceId }, owner.Token)).Clean();

        response.HasErrorCode("NOT_FOUND");
        Assert.Null(response.Data!["workspace"]);
        Assert.DoesNotContain("owner-ws", response.Body);
        Assert.Equal("owner-ws", own.Data!["workspace"]!["name"]!.GetValue<string>());
    }

    async Task<(string Token, string WorkspaceId)> SignUpAsync(string who)
    {
        var response = await gateway.PostAsync(
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken workspace { id } userErrors { code } } }",
            new { i = new { email = $"{who}-{Guid.NewGuid():N}@example.com", password = "a-long-enough-password", displayName = who, workspaceName = $"{who}-ws" } });
        var payload = response.Data!["signUp"]!;
        return (payload["accessToken"]!.GetValue<string>(), payload["workspace"]!["id"]!.GetValue<string>());
    }
}
