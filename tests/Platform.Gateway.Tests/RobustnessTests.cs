using System.Text;
using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class RobustnessTests(GatewayFixture gateway)
{
    Task<Response> PostRawAsync(string body, string contentType = "application/json", string? accept = null) =>
        gateway.SendAsync(HttpMethod.Post, gateway.Endpoint, new StringContent(body, Encoding.UTF8, contentType), accept: accept);

    Task<Response> GetAsync(string query, string? accept = null) =>
        gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint + "?query=" + Uri.EscapeDataString(query)), null, accept: accept);

    [Theory]
    [InlineData("{\"query\": ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    [InlineData("null")]
    public async Task GivenMalformedJson_WhenPosting_Then400WithGraphQLError(string body)
    {
        var response = (await PostRawAsync(body)).Clean();

        Assert.Equal(400, response.Status);
        response.HasErrorCode("MALFORMED_REQUEST");
    }

    [Fact]
    public async Task GivenNoQuery_WhenPosting_Then400()
    {
        var response = (await PostRawAsync("{\"variables\": {}}")).Clean();

        Assert.Equal(400, response.Status);
        response.HasErrorCode("MISSING_QUERY");
    }

    [Fact]
    public async Task GivenUnknownField_WhenPostingAsJson_Then200WithValidationError()
    {
        var response = (await gateway.PostAsync("{ me { id } nope }")).Clean();

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.Contains("nope", response.Errors.Single()!["message"]!.GetValue<string>());
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task GivenUnknownField_WhenAcceptingGraphQLResponseJson_Then400WithThatMediaType()
    {
        var response = (await gateway.PostAsync("{ nope }", accept: "application/graphql-response+json")).Clean();

        Assert.Equal(400, response.Status);
        Assert.Equal("application/graphql-response+json", response.MediaType);
        Assert.NotEmpty(response.Errors);
    }

    [Fact]
    public async Task GivenWrongVariableType_WhenPosting_ThenErrorWithCode()
    {
        var response = (await gateway.PostAsync("query($id: ID!) { workspace(id: $id) { id } }", new { id = new { nested = true } })).Clean();

        Assert.Contains("$id", response.Errors.Single()!["message"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(response.ErrorCodes.Single()));
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task GivenTwoMegabyteBody_WhenPosting_Then413WithGraphQLError()
    {
        var body = "{\"query\": \"{ __typename }\", \"padding\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = (await PostRawAsync(body)).Clean();

        Assert.Equal(413, response.Status);
        response.HasErrorCode("REQUEST_TOO_LARGE");
    }

    [Fact]
    public async Task GivenDeeplyNestedQuery_WhenPosting_ThenDepthErrorBeforeExecution()
    {
        // me is depth 1, so this is depth 14 over the schema's own (non-introspection) fields.
        var deep = "{ me { " + string.Concat(Enumerable.Repeat("workspaces { ", 13)) + "id" + new string('}', 13) + " } }";
        var shallow = "{ me { workspaces(first: 1) { nodes { cluster { name } } } } }";

        var response = (await gateway.PostAsync(deep)).Clean();
        var allowed = (await gateway.PostAsync(shallow)).Clean();

        response.HasErrorCode("MAX_DEPTH_EXCEEDED");
        Assert.Null(response.Data);
        Assert.DoesNotContain("MAX_DEPTH_EXCEEDED", allowed.ErrorCodes);
        allowed.HasErrorCode("UNAUTHENTICATED");
    }

    [Fact]
    public async Task GivenThousandAliases_WhenPosting_ThenTooManyFields()
    {
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: __typename")) + " }";

        var response = (await gateway.PostAsync(query)).Clean();

        response.HasErrorCode("TOO_MANY_FIELDS");
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task GivenFragmentCycle_WhenPosting_ThenValidationErrorInsteadOfHanging()
    {
        var response = (await gateway.PostAsync("{ ...A } fragment A on Query { __typename ...B } fragment B on Query { ...A }")).Clean();

        Assert.NotEmpty(response.Errors);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task GivenStandardIntrospectionQuery_WhenPosting_ThenItPassesTheLimits()
    {
        var response = (await gateway.PostAsync(IntrospectionQuery)).Clean();

        Assert.Empty(response.Errors);
        Assert.Contains(response.Data!["__schema"]!["types"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "Workspace");
    }

    [Fact]
    public async Task GivenMutationOverGet_ThenMethodNotAllowed()
    {
        var response = (await GetAsync("mutation { signIn(input: { email: \"a@b.c\", password: \"x\" }) { accessToken } }")).Clean();

        Assert.Equal(405, response.Status);
        response.HasErrorCode("METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task GivenQueryOverGet_ThenItRuns()
    {
        var response = (await GetAsync("{ __typename }")).Clean();

        Assert.Equal(200, response.Status);
        Assert.Equal("Query", response.Data!["__typename"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenSyntaxError_WhenPosting_ThenErrorWithCode()
    {
        var response = (await gateway.PostAsync("{ me { ")).Clean();

        Assert.NotEmpty(response.Errors);
        Assert.Null(response.Data);
        Assert.False(string.IsNullOrEmpty(response.ErrorCodes.First()));
    }

    [Theory]
    [InlineData(null, "application/json")]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json")]
    [InlineData("*/*", "application/json")]
    public async Task ResponseMediaTypeFollowsAccept(string? accept, string expected)
    {
        var response = (await gateway.PostAsync("{ __typename }", accept: accept)).Clean();

        Assert.Equal(200, response.Status);
        Assert.Equal(expected, response.MediaType);
    }

    const string IntrospectionQuery = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
        }
        """;
}
