using System.Net;
using k8s;
using k8s.Autorest;
using MassTransit;
using Npgsql;
using Platform.Contracts.Cluster;
using Platform.KubeSim;
using Platform.Testing;
using Xunit;

namespace Platform.Cluster.Tests;

/// <summary>KubeSim in-process, the cluster service as its real process registered against it, and a probe.</summary>
public sealed class ClusterService : IAsyncLifetime
{
    public KubeSimHost Sim { get; private set; } = null!;
    public Kubernetes Kubernetes { get; private set; } = null!;
    public ServiceUnderTest Service { get; private set; } = null!;
    public BusProbe Probe { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await KubeSimHost.StartAsync(new KubeSimOptions());
        Service = await ServiceUnderTest.PrepareAsync("cluster");
        Directory.CreateDirectory(Service.Settings.StateDirectory);
        Sim.WriteKubeconfig(Service.Settings.KubeconfigPath); // the launcher passes it as Platform__Cluster__Default__KubeconfigPath
        Kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Service.Settings.KubeconfigPath));
        await Service.StartAsync();
        Probe = await Service.ProbeAsync(typeof(WorkspaceProvisioned), typeof(WorkspaceProvisioningFailed), typeof(WorkspaceDeprovisioned));
    }

    public async Task DisposeAsync()
    {
        await Probe.DisposeAsync();
        await Service.DisposeAsync();
        Kubernetes.Dispose();
        await Sim.DisposeAsync();
    }

    /// <summary>Whether the service has committed its handling of a message (its inbox entry); only to know when to look.</summary>
    public async Task<bool> Handled(string consumer, Guid messageId)
    {
        await using var connection = new NpgsqlConnection(Service.Settings.Environment["ConnectionStrings__Postgres"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from cluster.mt_doc_inboxentry where id = @id", connection);
        command.Parameters.AddWithValue("id", $"{consumer}/{messageId:N}");
        return (long)(await command.ExecuteScalarAsync() ?? 0L) > 0;
    }
}

public sealed class ClusterServiceTests(ClusterService cluster) : IClassFixture<ClusterService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    BusProbe Probe => cluster.Probe;
    IKubernetes Kube => cluster.Kubernetes;

    static (Guid WorkspaceId, string Namespace) NewWorkspace()
    {
        var id = Guid.NewGuid();
        return (id, $"ws-test-{id:N}"[..20]);
    }

    async Task<WorkspaceProvisioned> Provision(Guid workspaceId, string ns, string region = "local")
    {
        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = region });
        return await Probe.WaitFor<WorkspaceProvisioned>(m => m.WorkspaceId == workspaceId, Timeout, $"{ns} to be provisioned");
    }

    async Task<IReadOnlyList<string>> ObjectsOf(Guid workspaceId)
    {
        var selector = $"platform.io/workspace-id={workspaceId}";
        var names = new List<string>();
        names.AddRange((await Kube.CoreV1.ListNamespaceAsync(labelSelector: selector)).Items.Select(o => "namespace/" + o.Metadata.Name));
        names.AddRange((await Kube.CoreV1.ListResourceQuotaForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "resourcequota/" + o.Metadata.Name));
        names.AddRange((await Kube.CoreV1.ListLimitRangeForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "limitrange/" + o.Metadata.Name));
        names.AddRange((await Kube.NetworkingV1.ListNetworkPolicyForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "networkpolicy/" + o.Metadata.Name));
        names.AddRange((await Kube.CoreV1.ListServiceAccountForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "serviceaccount/" + o.Metadata.Name));
        names.AddRange((await Kube.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "role/" + o.Metadata.Name));
        names.AddRange((await Kube.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(labelSelector: selector)).Items.Select(o => "rolebinding/" + o.Metadata.Name));
        return names;
    }

    async Task<Dictionary<string, string>> ResourceVersions(string ns) => new()
    {
        ["namespace"] = (await Kube.CoreV1.ReadNamespaceAsync(ns)).Metadata.ResourceVersion,
        ["resourcequota"] = (await Kube.CoreV1.ReadNamespacedResourceQuotaAsync("workspace-quota", ns)).Metadata.ResourceVersion,
        ["limitrange"] = (await Kube.CoreV1.ReadNamespacedLimitRangeAsync("workspace-limits", ns)).Metadata.ResourceVersion,
        ["networkpolicy"] = (await Kube.NetworkingV1.ReadNamespacedNetworkPolicyAsync("workspace-isolation", ns)).Metadata.ResourceVersion,
        ["serviceaccount"] = (await Kube.CoreV1.ReadNamespacedServiceAccountAsync("workspace-admin", ns)).Metadata.ResourceVersion,
        ["role"] = (await Kube.RbacAuthorizationV1.ReadNamespacedRoleAsync("workspace-admin", ns)).Metadata.ResourceVersion,
        ["rolebinding"] = (await Kube.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("workspace-admin", ns)).Metadata.ResourceVersion,
    };

    async Task<bool> NamespaceExists(string ns)
    {
        try
        {
            await Kube.CoreV1.ReadNamespaceAsync(ns);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    static readonly string[] Blueprint =
    [
        "limitrange/workspace-limits", "namespace/", "networkpolicy/workspace-isolation", "resourcequota/workspace-quota",
        "role/platform-developer", "role/platform-manager", "role/platform-owner", "role/platform-viewer",
        "role/workspace-admin", "rolebinding/workspace-admin", "serviceaccount/workspace-admin",
    ];

    [Fact]
    public async Task WhenAWorkspaceIsProvisioned_ThenProvisionedIsPublishedAndItsNamespaceHasTheBlueprintObjects()
    {
        var (workspaceId, ns) = NewWorkspace();

        var provisioned = await Provision(workspaceId, ns);

        Assert.Equal(ns, provisioned.Namespace);
        Assert.NotEqual(Guid.Empty, provisioned.ClusterId);
        Assert.Equal(Blueprint.Select(n => n == "namespace/" ? n + ns : n), (await ObjectsOf(workspaceId)).Order(StringComparer.Ordinal));
        var quota = await Kube.CoreV1.ReadNamespacedResourceQuotaAsync("workspace-quota", ns);
        Assert.Equal("16", quota.Spec.Hard["requests.cpu"].ToString());
        var binding = await Kube.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("workspace-admin", ns);
        Assert.Equal("workspace-admin", Assert.Single(binding.Subjects).Name);
        Assert.Equal(ns, binding.Subjects[0].NamespaceProperty);
    }

    [Fact]
    public async Task GivenAProvisionedWorkspace_WhenProvisionedAgain_ThenNothingChanges()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Provision(workspaceId, ns);
        var before = await ResourceVersions(ns);
        var again = NewId.NextGuid();

        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" }, again);

        await Eventually.Until(() => cluster.Handled("ProvisionWorkspaceConsumer", again), Timeout, "the second ProvisionWorkspace to be handled");
        Assert.Equal(before, await ResourceVersions(ns));
        Assert.Single(await ObjectsOf(workspaceId), o => o.StartsWith("namespace/", StringComparison.Ordinal));
        Assert.Single(Probe.All<WorkspaceProvisioned>(), m => m.WorkspaceId == workspaceId);
    }

    [Fact]
    public async Task GivenAProvisionedWorkspace_WhenItsPlacementIsAsked_ThenTheClusterAndQuotaAreReturned()
    {
        var (workspaceId, ns) = NewWorkspace();
        var provisioned = await Provision(workspaceId, ns);

        var placement = await Probe.Request<GetWorkspacePlacement, WorkspacePlacementDetails>(new GetWorkspacePlacement { WorkspaceId = workspaceId });

        Assert.True(placement.Found);
        Assert.Equal(provisioned.ClusterId, placement.ClusterId);
        Assert.Equal("kubesim", placement.ClusterName);
        Assert.Equal("local", placement.Region);
        Assert.Equal(ns, placement.Namespace);
        Assert.Equal(new WorkspaceQuota { Cpu = "16", Memory = "64Gi", Storage = "100Gi", Pods = 20, NodePorts = 10 }, placement.Quota);
    }

    [Fact]
    public async Task WhenThePlacementOfAnUnknownWorkspaceIsAsked_ThenItIsNotFound()
    {
        var placement = await Probe.Request<GetWorkspacePlacement, WorkspacePlacementDetails>(new GetWorkspacePlacement { WorkspaceId = Guid.NewGuid() });

        Assert.False(placement.Found);
    }

    [Fact]
    public async Task GivenAProvisionedWorkspace_WhenDeprovisioned_ThenDeprovisionedIsPublishedAndTheNamespaceIsGone()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Provision(workspaceId, ns);

        await Probe.Publish(new DeprovisionWorkspace { WorkspaceId = workspaceId, Reason = "onboarding failed" });

        await Probe.WaitFor<WorkspaceDeprovisioned>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.False(await NamespaceExists(ns));
        Assert.Empty(await ObjectsOf(workspaceId));
        var placement = await Probe.Request<GetWorkspacePlacement, WorkspacePlacementDetails>(new GetWorkspacePlacement { WorkspaceId = workspaceId });
        Assert.False(placement.Found);
    }

    [Fact]
    public async Task GivenADeprovisionedWorkspace_WhenProvisionedLate_ThenProvisioningFailsAndNoNamespaceIsCreated()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Probe.Publish(new DeprovisionWorkspace { WorkspaceId = workspaceId, Reason = "timed out" });
        await Probe.WaitFor<WorkspaceDeprovisioned>(m => m.WorkspaceId == workspaceId, Timeout);

        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" });

        var failed = await Probe.WaitFor<WorkspaceProvisioningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.Contains("deprovisioned", failed.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.False(await NamespaceExists(ns));
        Assert.DoesNotContain(Probe.All<WorkspaceProvisioned>(), m => m.WorkspaceId == workspaceId);
    }

    [Fact]
    public async Task GivenARegionWithoutCluster_WhenProvisioned_ThenProvisioningFailsWithAReason()
    {
        var (workspaceId, ns) = NewWorkspace();

        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "mars-north-1" });

        var failed = await Probe.WaitFor<WorkspaceProvisioningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.Contains("mars-north-1", failed.Reason);
        Assert.False(await NamespaceExists(ns));
    }

    [Fact]
    public async Task GivenTheClusterForbidsTheNamespace_WhenProvisioned_ThenProvisioningFailsAndNothingIsLeft()
    {
        var (workspaceId, ns) = NewWorkspace();
        cluster.Sim.InjectFault("patch", "namespaces", 403, count: 1, message: "namespaces is forbidden by policy");

        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" });

        var failed = await Probe.WaitFor<WorkspaceProvisioningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.Contains("403", failed.Reason);
        Assert.Empty(await ObjectsOf(workspaceId));
        Assert.False(await NamespaceExists(ns));
    }

    [Fact]
    public async Task GivenTheClusterRefusesTheLastObject_WhenProvisioned_ThenWhatWasCreatedIsRemoved()
    {
        var (workspaceId, ns) = NewWorkspace();
        cluster.Sim.InjectFault("patch", "rolebindings", 422, count: 1, message: "invalid subject");

        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" });

        var failed = await Probe.WaitFor<WorkspaceProvisioningFailed>(m => m.WorkspaceId == workspaceId, Timeout);
        Assert.Contains("422", failed.Reason);
        Assert.Empty(await ObjectsOf(workspaceId));
        Assert.False(await NamespaceExists(ns));
        Assert.DoesNotContain(Probe.All<WorkspaceProvisioned>(), m => m.WorkspaceId == workspaceId);
    }

    [Fact]
    public async Task GivenTheClusterFailsOnce_WhenProvisioned_ThenItIsRetriedAndProvisioned()
    {
        var (workspaceId, ns) = NewWorkspace();
        cluster.Sim.InjectFault("patch", "namespaces", 500, count: 1, message: "etcd hiccup");

        await Provision(workspaceId, ns);

        Assert.Contains(cluster.Sim.Requests, r => r.Verb == "patch" && r.Resource == "namespaces" && r.Name == ns && r.StatusCode == 500);
        Assert.Equal(Blueprint.Length, (await ObjectsOf(workspaceId)).Count);
        Assert.DoesNotContain(Probe.All<WorkspaceProvisioningFailed>(), m => m.WorkspaceId == workspaceId);
    }
}
