using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using Platform.Launcher;
using Platform.Testing;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// KubeSim, the three services and the gateway as separate processes (the same launcher as ./platform run),
/// on free ports, with their own database, queue prefix and state folder.
/// </summary>
public sealed class RunningPlatform : IAsyncLifetime
{
    /// <summary>The platform admin (Platform__Admins__Emails__0) of every running platform; each has its own database.</summary>
    public const string AdminEmail = "operator@platform.example";

    public PlatformProcesses Processes { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public IKubernetes Kubernetes { get; private set; } = null!;
    public Uri KubeSimUri { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (postgres, rabbitMq) = await Dependencies.EndpointsAsync();
        var name = Dependencies.UniqueName("e2e");
        var database = await Dependencies.CreateDatabaseAsync(postgres, name);
        var testBinaries = AppContext.BaseDirectory; // .../tests/Platform.EndToEnd.Tests/bin/<Configuration>/net10.0/
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(testBinaries)).Parent!.Name;
        var root = Path.GetFullPath(Path.Combine(testBinaries, "../../../../.."));
        var settings = new LaunchSettings
        {
            RepositoryRoot = root,
            Configuration = configuration,
            StateDirectory = Path.Combine(Path.GetTempPath(), name),
            GatewayPort = LaunchSettings.FreePort(),
            TenantPort = LaunchSettings.FreePort(),
            BillingPort = LaunchSettings.FreePort(),
            ClusterPort = LaunchSettings.FreePort(),
            KubeSimPort = LaunchSettings.FreePort(),
            Environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = database,
                ["ConnectionStrings__RabbitMq"] = rabbitMq,
                ["Platform__Messaging__Prefix"] = name + "-",
                ["Platform__Persistence__DaemonMode"] = "Solo",
                ["Platform__Onboarding__StepTimeout"] = "00:00:45",
                ["Platform__Admins__Emails__0"] = AdminEmail,
                // Webhooks to the tests' own Kestrel receivers on http://127.0.0.1, looked for often.
                ["Platform__Webhooks__AllowInsecureLoopback"] = "true",
                ["Platform__Webhooks__AllowPrivateTargets"] = "true",
                ["Platform__Webhooks__PollInterval"] = "00:00:00.200",
            },
        };
        Processes = new PlatformProcesses(settings);
        try
        {
            await Processes.StartAllAsync(CancellationToken.None);
        }
        catch
        {
            await Processes.DisposeAsync();
            throw;
        }
        Kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.KubeconfigPath));
        KubeSimUri = new Uri($"http://127.0.0.1:{settings.KubeSimPort}/");
    }

    public async Task DisposeAsync()
    {
        await Processes.DisposeAsync();
        Http.Dispose();
    }

    public async Task<JsonObject> GraphQL(string query, object? variables = null, string? token = null, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Processes.Settings.GraphQLUri)
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (token is not null)
            request.Headers.Authorization = new("Bearer", token);
        if (traceParent is not null)
            request.Headers.Add("traceparent", traceParent);
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException($"empty GraphQL response ({response.StatusCode})");
    }

    public const string WorkspaceFields = "id name slug status failureReason namespace cluster { id name region } quota { cpu memory storage pods } balance { amount currency } createdAt";

    public async Task<(string Token, string WorkspaceId)> SignUp(string email, string workspaceName, string password = "correct horse battery staple",
        string? traceParent = null)
    {
        var result = await GraphQL($$"""
            mutation($input: SignUpInput!) {
              signUp(input: $input) { accessToken workspace { id status } userErrors { field code message } }
            }
            """, new { input = new { email, password, displayName = "E2E " + email, workspaceName } }, traceParent: traceParent);
        var payload = result["data"]?["signUp"] ?? throw new InvalidOperationException($"signUp failed: {result.ToJsonString()}");
        Assert.Empty(payload["userErrors"]!.AsArray());
        return (payload["accessToken"]!.GetValue<string>(), payload["workspace"]!["id"]!.GetValue<string>());
    }

    public async Task<JsonNode> Workspace(string token, string workspaceId)
    {
        var result = await GraphQL($"query($id: ID!) {{ workspace(id: $id) {{ {WorkspaceFields} }} }}", new { id = workspaceId }, token);
        return result["data"]?["workspace"] ?? throw new InvalidOperationException($"workspace query failed: {result.ToJsonString()}");
    }

    public async Task<JsonNode> WaitForStatus(string token, string workspaceId, string status, TimeSpan timeout)
    {
        // Poll only the status (one request to one service), then read the whole workspace once.
        await Eventually.Until(async () =>
            {
                var result = await GraphQL("query($id: ID!) { workspace(id: $id) { status } }", new { id = workspaceId }, token);
                return result["data"]?["workspace"]?["status"]?.GetValue<string>();
            },
            s => s == status, timeout, $"workspace {workspaceId} to be {status}", TimeSpan.FromMilliseconds(100));
        return await Workspace(token, workspaceId);
    }

    public async Task InjectFault(object fault)
    {
        using var response = await Http.PostAsJsonAsync(new Uri(KubeSimUri, "_kubesim/faults"), fault);
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> ActiveFaults()
    {
        var faults = await Http.GetFromJsonAsync<JsonElement>(new Uri(KubeSimUri, "_kubesim/faults"));
        return faults.GetArrayLength();
    }
}
