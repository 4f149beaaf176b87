using System.Text.Json;
using Platform.Contracts.Cluster;
using Platform.KubeSim;
using Xunit;

namespace Platform.Cluster.Tests;

/// <summary>Platform admins register clusters (a second KubeSim in another region) and list them; kubeconfigs never come back.</summary>
public sealed class RegisteringClusterTests(ClusterService cluster) : IClassFixture<ClusterService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    async Task<IReadOnlyList<ClusterSummary>> AllClusters()
    {
        var all = new List<ClusterSummary>();
        ClusterCursor? after = null;
        while (true)
        {
            var page = await cluster.Probe.Request<ListClusters, ClusterPage>(new ListClusters { First = 2, After = after });
            all.AddRange(page.Clusters);
            if (!page.HasNextPage)
                return all;
            var last = page.Clusters[^1];
            after = new ClusterCursor { RegisteredAt = last.RegisteredAt, Id = last.Id };
        }
    }

    [Fact]
    public async Task GivenASecondClusterInAnotherRegion_WhenRegistered_ThenBothAreListedWithTheirPlacementsAndNoKubeconfig()
    {
        await using var second = await KubeSimHost.StartAsync(new KubeSimOptions());
        var name = Unique("second");
        var region = Unique("eu-test");
        var kubeconfig = Kubeconfig.Render(second.BaseUri);

        var result = await cluster.Probe.Request<RegisterCluster, RegisterClusterResult>(new RegisterCluster
        {
            Name = name, Region = region, CapacityCpuCores = 64, Kubeconfig = kubeconfig,
        }, Timeout);

        Assert.Empty(result.Errors);
        var registered = Assert.IsType<ClusterSummary>(result.Cluster);
        Assert.Equal((name, region, 64, 0, 0), (registered.Name, registered.Region, registered.CapacityCpuCores, registered.ReservedCpuCores, registered.WorkspaceCount));

        // A workspace of that region is placed on the new cluster, and the list shows what it reserves there.
        var workspaceId = Guid.NewGuid();
        var ns = $"ws-reg-{workspaceId:N}"[..20];
        await cluster.Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = region });
        var provisioned = await cluster.Probe.WaitFor<WorkspaceProvisioned>(m => m.WorkspaceId == workspaceId, Timeout, $"{ns} to be provisioned");
        Assert.Equal(registered.Id, provisioned.ClusterId);
        using (var secondClient = new k8s.Kubernetes(k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(kubeconfig)))))
            Assert.Equal(ns, (await k8s.CoreV1OperationsExtensions.ReadNamespaceAsync(secondClient.CoreV1, ns)).Metadata.Name);

        var clusters = await AllClusters();
        Assert.Contains(clusters, c => c is { Name: "kubesim", Region: "local" });
        var listed = Assert.Single(clusters, c => c.Name == name);
        Assert.Equal((registered.Id, region, 64, 16, 1), (listed.Id, listed.Region, listed.CapacityCpuCores, listed.ReservedCpuCores, listed.WorkspaceCount));
        var json = JsonSerializer.Serialize(clusters) + JsonSerializer.Serialize(result);
        Assert.DoesNotContain("kubesim-token", json, StringComparison.Ordinal);
        Assert.DoesNotContain(second.BaseUri.GetLeftPart(UriPartial.Authority), json, StringComparison.Ordinal);
        Assert.DoesNotContain("kubeconfig", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenARegisteredCluster_WhenRegisteredAgainWithTheSameName_ThenItIsUpdatedInPlace()
    {
        await using var sim = await KubeSimHost.StartAsync(new KubeSimOptions());
        var name = Unique("again");
        var first = await cluster.Probe.Request<RegisterCluster, RegisterClusterResult>(new RegisterCluster
        {
            Name = name, Region = "local-a", CapacityCpuCores = 8, Kubeconfig = Kubeconfig.Render(sim.BaseUri),
        }, Timeout);

        var second = await cluster.Probe.Request<RegisterCluster, RegisterClusterResult>(new RegisterCluster
        {
            Name = name, Region = "local-b", CapacityCpuCores = 32, Kubeconfig = Kubeconfig.Render(sim.BaseUri),
        }, Timeout);

        Assert.Empty(second.Errors);
        Assert.Equal(first.Cluster!.Id, second.Cluster!.Id);
        Assert.Equal(first.Cluster.RegisteredAt, second.Cluster.RegisteredAt);
        var listed = Assert.Single(await AllClusters(), c => c.Name == name);
        Assert.Equal(("local-b", 32), (listed.Region, listed.CapacityCpuCores));
    }

    [Fact]
    public async Task WhenAClusterWhoseApiServerDoesNotAnswerIsRegistered_ThenItIsRefusedAsUnreachableAndNotListed()
    {
        var name = Unique("gone");
        var result = await cluster.Probe.Request<RegisterCluster, RegisterClusterResult>(new RegisterCluster
        {
            Name = name, Region = "local", CapacityCpuCores = 8, Kubeconfig = Kubeconfig.Render(new Uri("http://127.0.0.1:9/")),
        }, Timeout);

        Assert.Null(result.Cluster);
        var error = Assert.Single(result.Errors);
        Assert.Equal((ClusterErrorCodes.ClusterUnreachable, "kubeconfig"), (error.Code, error.Field));
        Assert.DoesNotContain(await AllClusters(), c => c.Name == name);
    }

    [Fact]
    public async Task WhenAClusterWithAnInvalidNameRegionCapacityAndKubeconfigIsRegistered_ThenEachIsReported()
    {
        var result = await cluster.Probe.Request<RegisterCluster, RegisterClusterResult>(new RegisterCluster
        {
            Name = "Not_A_Label", Region = "", CapacityCpuCores = 0, Kubeconfig = "this: is: not a kubeconfig",
        }, Timeout);

        Assert.Null(result.Cluster);
        Assert.Equal(
            [ClusterErrorCodes.InvalidName, ClusterErrorCodes.InvalidRegion, ClusterErrorCodes.InvalidCapacity, ClusterErrorCodes.InvalidKubeconfig],
            result.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task WhenAPageIsAskedAfterTheLastCluster_ThenItIsEmptyWithTheTotalCount()
    {
        var all = await AllClusters();
        var last = all[^1];

        var page = await cluster.Probe.Request<ListClusters, ClusterPage>(new ListClusters
        {
            First = 10, After = new ClusterCursor { RegisteredAt = last.RegisteredAt, Id = last.Id },
        });

        Assert.Empty(page.Clusters);
        Assert.False(page.HasNextPage);
        Assert.True(page.HasPreviousPage);
        Assert.True(page.TotalCount >= all.Count);
    }
}
