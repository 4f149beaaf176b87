using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>When the tenant service cannot say whether a key is valid, the caller hears "unavailable", not "unauthenticated".</summary>
[Collection(GatewayCollection.Name)]
public sealed class ApiKeyOutageTests(GatewayFixture gateway)
{
    [Fact]
    public async Task GivenTheTenantServiceDoesNotAnswer_WhenAKeyIsPresented_ThenServiceUnavailableWithRetryAfter()
    {
        var key = FakeServices.UnansweredKeyPrefix + new string('a', 43);
        var request = new HttpRequestMessage(HttpMethod.Post, gateway.Endpoint)
        {
            Content = new StringContent("{\"query\":\"{ me { id } }\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", key);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Contains("SERVICE_UNAVAILABLE", body);
        Assert.DoesNotContain("UNAUTHENTICATED", body);
        Assert.NotNull(response.Headers.RetryAfter);
        new Response((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body).Clean();
    }
}
