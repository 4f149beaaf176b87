using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class ExplorerTests(GatewayFixture gateway)
{
    const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task GivenBrowser_WhenOpeningTheEndpoint_ThenGraphiQLPageServedByTheGatewayItself()
    {
        var page = await gateway.SendAsync(HttpMethod.Get, gateway.Endpoint, null, accept: BrowserAccept);

        Assert.Equal(200, page.Status);
        Assert.Equal("text/html", page.MediaType);
        Assert.Contains("GraphiQL", page.Body);
        var scripts = System.Text.RegularExpressions.Regex.Matches(page.Body, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(5, scripts.Count);
        foreach (var asset in scripts)
        {
            Assert.DoesNotContain("://", asset);
            var file = await gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint, asset), null);
            Assert.True(file.Status == 200, $"{asset}: {file.Status}");
            Assert.True(file.Body.Length > 100, asset);
        }
    }

    [Fact]
    public async Task GraphiQLBundleIsTheRealOne()
    {
        var script = await gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint + "/explorer/graphiql.min.js"), null);
        var missing = await gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint + "/explorer/..%2Fappsettings.json"), null);

        Assert.Equal("text/javascript", script.MediaType);
        Assert.Contains("createFetcher", script.Body);
        Assert.Equal(404, missing.Status);
    }

    [Theory]
    [InlineData("application/json", "application/json")]
    [InlineData("application/graphql-response+json", "application/graphql-response+json")]
    [InlineData("*/*", "application/json")]
    [InlineData("text/html;q=0.5, application/json", "application/json")]
    public async Task GivenApiClient_WhenGettingAQuery_ThenJsonNotThePage(string accept, string mediaType)
    {
        var response = (await gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint + "?query=" + Uri.EscapeDataString("{ __typename }")), null, accept: accept)).Clean();

        Assert.Equal(200, response.Status);
        Assert.Equal(mediaType, response.MediaType);
        Assert.Equal("Query", response.Data!["__typename"]!.GetValue<string>());
    }
}
