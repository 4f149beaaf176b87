using System.Text.Json.Nodes;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>KubeSim is faithful enough that the real kubectl works against it unchanged (validation on).</summary>
public sealed class KubectlTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>
{
    private readonly Kubectl kubectl = new(fixture.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));

    [Fact]
    public async Task GetNamespaces_ListsTheDefaultNamespace()
    {
        var output = await kubectl.SucceedAsync("get", "ns");

        Assert.Contains("NAME", output);
        Assert.Matches(@"(?m)^default\s+Active\s+", output);
    }

    [Fact]
    public async Task ApplyScaleAndDelete_DeploymentAndService()
    {
        var ns = $"apps-{Guid.NewGuid():N}"[..16];
        var manifest = Path.Combine(fixture.Directory, $"{ns}.yaml");
        await kubectl.SucceedAsync("create", "namespace", ns);

        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 2));
        var created = await kubectl.SucceedAsync("apply", "-f", manifest);
        Assert.Contains("deployment.apps/web created", created);
        Assert.Contains("service/web created", created);

        var unchanged = await kubectl.SucceedAsync("apply", "-f", manifest);
        Assert.Contains("deployment.apps/web unchanged", unchanged);
        Assert.Contains("service/web unchanged", unchanged);

        await File.WriteAllTextAsync(manifest, Manifest(ns, replicas: 1));
        var configured = await kubectl.SucceedAsync("apply", "-f", manifest);
        Assert.Contains("deployment.apps/web configured", configured);
        Assert.Contains("service/web unchanged", configured);

        var deployment = JsonNode.Parse(await kubectl.SucceedAsync("get", "deploy", "web", "-n", ns, "-o", "json"))!;
        Assert.Equal("web", deployment["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(1, deployment["spec"]!["replicas"]!.GetValue<int>());

        Assert.Contains("deployment.apps/web scaled", await kubectl.SucceedAsync("scale", "deploy", "web", "-n", ns, "--replicas=3"));
        await Eventually.Until(
            async () => JsonNode.Parse(await kubectl.SucceedAsync("get", "deploy", "-n", ns, "-o", "json"))!["items"]![0]!["status"]?["readyReplicas"]?.GetValue<int>(),
            ready => ready == 3, TimeSpan.FromSeconds(30), "three ready replicas reported to kubectl");
        var pods = await kubectl.SucceedAsync("get", "pods", "-n", ns, "-l", "app=web", "-o", "name");
        Assert.Equal(3, pods.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var deleted = await kubectl.SucceedAsync("delete", "-f", manifest);
        Assert.Contains("deployment.apps \"web\" deleted", deleted);
        Assert.Contains("service \"web\" deleted", deleted);

        Assert.Contains($"namespace \"{ns}\" deleted", await kubectl.SucceedAsync("delete", "ns", ns));
        var gone = await kubectl.RunAsync("get", "ns", ns);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("NotFound", gone.Error);
    }

    private static string Manifest(string ns, int replicas) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
                env:
                - name: MODE
                  value: demo
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          namespace: {ns}
        spec:
          selector:
            app: web
          ports:
          - name: http
            port: 80
            targetPort: 80
        """;
}
