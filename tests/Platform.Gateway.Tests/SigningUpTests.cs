using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class SigningUpTests(GatewayFixture gateway)
{
    const string SignUp = """
        mutation($input: SignUpInput!) {
          signUp(input: $input) {
            accessToken
            user { id email displayName }
            workspace { id name status }
            userErrors { field code message }
          }
        }
        """;

    static object Input(string email, string password = "a-long-enough-password", string workspace = "main") =>
        new { input = new { email, password, displayName = "Ada", workspaceName = workspace, region = "eu-1" } };

    [Fact]
    public async Task GivenNewEmail_WhenSigningUp_ThenTokenUserAndWorkspaceAreReturned()
    {
        var email = $"ada-{Guid.NewGuid():N}@example.com";

        var response = (await gateway.PostAsync(SignUp, Input(email))).Clean();

        Assert.Equal(200, response.Status);
        var payload = response.Data!["signUp"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
        var token = payload["accessToken"]!.GetValue<string>();
        Assert.NotNull(await gateway.Tokens.ValidateAsync(token));
        Assert.Equal(email, payload["user"]!["email"]!.GetValue<string>());
        Assert.Equal("main", payload["workspace"]!["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", payload["workspace"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenTakenEmailAndWeakPassword_WhenSigningUp_ThenUserErrorsCarryTheServiceCodes()
    {
        var response = (await gateway.PostAsync(SignUp, Input(FakeServices.TakenEmail, FakeServices.WeakPassword))).Clean();

        Assert.Equal(200, response.Status);
        Assert.Empty(response.Errors);
        var payload = response.Data!["signUp"]!;
        Assert.Null(payload["accessToken"]);
        Assert.Null(payload["user"]);
        var errors = payload["userErrors"]!.AsArray();
        Assert.Equal(["EMAIL_TAKEN", "WEAK_PASSWORD"], errors.Select(e => e!["code"]!.GetValue<string>()));
        Assert.Equal(["email", "password"], errors.Select(e => e!["field"]!.GetValue<string>()));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e!["message"]!.GetValue<string>())));
    }

    [Fact]
    public async Task GivenSignedUpUser_WhenSigningInWithWrongPassword_ThenInvalidCredentials()
    {
        var email = $"bob-{Guid.NewGuid():N}@example.com";
        await gateway.PostAsync(SignUp, Input(email));

        const string signIn = "mutation($i: SignInInput!) { signIn(input: $i) { accessToken user { email } userErrors { code } } }";
        var wrong = (await gateway.PostAsync(signIn, new { i = new { email, password = "nope" } })).Clean();
        var right = (await gateway.PostAsync(signIn, new { i = new { email, password = "a-long-enough-password" } })).Clean();

        Assert.Equal("INVALID_CREDENTIALS", wrong.Data!["signIn"]!["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Null(wrong.Data!["signIn"]!["accessToken"]);
        Assert.Equal(email, right.Data!["signIn"]!["user"]!["email"]!.GetValue<string>());
        Assert.NotNull(await gateway.Tokens.ValidateAsync(right.Data!["signIn"]!["accessToken"]!.GetValue<string>()));
    }
}
