using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>The raw REST surface: discovery, Status errors, patches, watch, the admin endpoints and persistence.</summary>
public sealed class HttpApiTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>, IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = fixture.Sim.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => http.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod method, string path, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    private async Task<string> NewNamespace()
    {
        var name = $"h-{Guid.NewGuid():N}"[..14];
        var (status, _) = await Send(HttpMethod.Post, "/api/v1/namespaces", $$$"""{"metadata":{"name":"{{{name}}}"}}""");
        Assert.Equal(HttpStatusCode.Created, status);
        return name;
    }

    [Fact]
    public async Task AggregatedDiscoveryRequest_IsAnsweredWithPlainGroupList()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        using var response = await http.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("APIGroupList", body["kind"]!.GetValue<string>());
        var resources = (await Send(HttpMethod.Get, "/apis/apps/v1")).Body!["resources"]!.AsArray();
        var deployments = resources.Single(r => r!["name"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("deploy", deployments["shortNames"]![0]!.GetValue<string>());
        Assert.Contains(resources, r => r!["name"]!.GetValue<string>() == "deployments/scale");
    }

    [Fact]
    public async Task Errors_AreStatusObjects_WithReasonAndDetails()
    {
        var (status, body) = await Send(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/missing");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", body["reason"]!.GetValue<string>());
        Assert.Equal("missing", body["details"]!["name"]!.GetValue<string>());
        Assert.Equal("apps", body["details"]!["group"]!.GetValue<string>());
        Assert.Equal(404, body["code"]!.GetValue<int>());

        Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "{not json")).Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await Send(HttpMethod.Patch, "/api/v1/namespaces/default", "{}", "application/xml")).Status);
    }

    [Fact]
    public async Task Updates_BumpResourceVersionAndGenerationOnlyForSpecChanges()
    {
        var ns = await NewNamespace();
        var path = $"/api/v1/namespaces/{ns}/services";
        var created = (await Send(HttpMethod.Post, path, """{"metadata":{"name":"web"},"spec":{"ports":[{"port":80}]}}""")).Body!;
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        var labelled = (await Send(HttpMethod.Patch, path + "/web", """{"metadata":{"labels":{"a":"b"}}}""", "application/merge-patch+json")).Body!;
        Assert.Equal(1, labelled["metadata"]!["generation"]!.GetValue<long>());
        Assert.True(long.Parse(labelled["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>()));

        var respecced = (await Send(HttpMethod.Patch, path + "/web", """[{"op":"replace","path":"/spec/ports/0/port","value":8080}]""", "application/json-patch+json")).Body!;
        Assert.Equal(2, respecced["metadata"]!["generation"]!.GetValue<long>());

        var stale = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var (status, _) = await Send(HttpMethod.Patch, path + "/web", "{\"metadata\":{\"resourceVersion\":\"" + stale + "\",\"labels\":{\"c\":\"d\"}}}", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task DryRun_ValidatesWithoutPersisting()
    {
        var ns = await NewNamespace();
        var (status, _) = await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps?dryRun=All", """{"metadata":{"name":"probe"}}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps/probe")).Status);
    }

    [Fact]
    public async Task Watch_StreamsEventsAndEnds()
    {
        var ns = await NewNamespace();
        await Send(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", """{"metadata":{"name":"one"}}""");

        using var response = await http.GetAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1");
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(events, e => JsonNode.Parse(e)!["type"]!.GetValue<string>() == "ADDED");
    }

    [Fact]
    public async Task FaultEndpoint_FailsMatchingRequests_AndDeleteClearsThem()
    {
        var (injected, _) = await Send(HttpMethod.Post, "/_kubesim/faults", """{"verb":"get","resource":"configmaps","count":0,"status":503,"message":"etcd is sad"}""");
        Assert.Equal(HttpStatusCode.Created, injected);
        try
        {
            var (status, body) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/any");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("etcd is sad", body!["message"]!.GetValue<string>());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Send(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/any")).Status);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, "/_kubesim/faults")).Status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/any")).Status);
        var requests = (await Send(HttpMethod.Get, "/_kubesim/requests")).Body!.AsArray();
        Assert.Contains(requests, r => r!["resource"]!.GetValue<string>() == "configmaps" && r["statusCode"]!.GetValue<int>() == 503);
    }

    [Fact]
    public async Task DelayOnlyFault_DelaysThenServes()
    {
        fixture.Sim.InjectFault(new Faults.Fault { Verb = "list", Resource = "limitranges", DelayMs = 300, Count = 1 });
        var started = DateTime.UtcNow;

        var (status, _) = await Send(HttpMethod.Get, "/api/v1/namespaces/default/limitranges");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task State_SurvivesARestart_WithADataDirectory()
    {
        var dataDirectory = Path.Combine(fixture.Directory, "data-" + Guid.NewGuid().ToString("N"));
        await using (var first = await KubeSimHost.StartAsync(new KubeSimOptions { DataDirectory = dataDirectory }))
        {
            using var client = new HttpClient { BaseAddress = first.BaseUri };
            var created = await client.PostAsync("/api/v1/namespaces", new StringContent("""{"metadata":{"name":"kept"}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var second = await KubeSimHost.StartAsync(new KubeSimOptions { DataDirectory = dataDirectory });
        using var again = new HttpClient { BaseAddress = second.BaseUri };
        var response = await again.GetAsync("/api/v1/namespaces/kept");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
