using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>KubeSim through the official KubernetesClient, the way the cluster service uses it.</summary>
public sealed class KubernetesClientTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>
{
    private readonly Kubernetes client = fixture.Client;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<string> NewNamespace(Dictionary<string, string>? labels = null)
    {
        var name = Unique("ws");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name, Labels = labels } });
        return name;
    }

    private static async Task<HttpStatusCode> StatusOf(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        return error.Response.StatusCode;
    }

    [Fact]
    public async Task CreatedNamespace_IsActive_AndHasServerMetadata()
    {
        var name = await NewNamespace();

        var ns = await client.CoreV1.ReadNamespaceAsync(name);

        Assert.Equal("Active", ns.Status.Phase);
        Assert.False(string.IsNullOrEmpty(ns.Metadata.Uid));
        Assert.NotNull(ns.Metadata.CreationTimestamp);
        Assert.True(long.Parse(ns.Metadata.ResourceVersion) > 0);
    }

    [Fact]
    public async Task CreatingAnExistingNamespace_Is409AlreadyExists()
    {
        var name = await NewNamespace();

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } }));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("AlreadyExists", error.Response.Content);
    }

    [Fact]
    public async Task InvalidNamespaceName_Is422Invalid()
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "Not_A_Label" } }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Invalid\"", error.Response.Content);
    }

    [Fact]
    public async Task ObjectInMissingNamespace_Is404()
    {
        var status = await StatusOf(() => client.CoreV1.CreateNamespacedServiceAccountAsync(
            new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "sa" } }, "no-such-namespace"));

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task ListingNamespaces_FiltersByLabelSelector()
    {
        var tenant = Unique("t");
        var gold = await NewNamespace(new() { ["tenant"] = tenant, ["tier"] = "gold" });
        var silver = await NewNamespace(new() { ["tenant"] = tenant, ["tier"] = "silver" });
        var plain = await NewNamespace(new() { ["tenant"] = tenant });

        async Task<string[]> Names(string selector) =>
            (await client.CoreV1.ListNamespaceAsync(labelSelector: selector)).Items.Select(n => n.Metadata.Name).Order().ToArray();

        Assert.Equal([gold], await Names($"tenant={tenant},tier=gold"));
        Assert.Equal(new[] { plain, silver }.Order(), await Names($"tenant={tenant},tier!=gold"));
        Assert.Equal(new[] { gold, silver }.Order(), await Names($"tenant={tenant},tier in (gold,silver)"));
        Assert.Equal([plain], await Names($"tenant={tenant},tier notin (gold,silver),!tier"));
        Assert.Equal(new[] { gold, silver }.Order(), await Names($"tenant={tenant},tier"));
    }

    [Fact]
    public async Task ReplaceWithStaleResourceVersion_Is409Conflict()
    {
        var ns = await NewNamespace();
        var quota = await client.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = "quota" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("2") } },
        }, ns);
        quota.Spec.Hard["cpu"] = new ResourceQuantity("4");
        var replaced = await client.CoreV1.ReplaceNamespacedResourceQuotaAsync(quota, "quota", ns);
        Assert.NotEqual(quota.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);

        quota.Spec.Hard["cpu"] = new ResourceQuantity("8");
        var status = await StatusOf(() => client.CoreV1.ReplaceNamespacedResourceQuotaAsync(quota, "quota", ns));

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("4", (await client.CoreV1.ReadNamespacedResourceQuotaAsync("quota", ns)).Spec.Hard["cpu"].ToString());
    }

    [Fact]
    public async Task WorkspaceObjects_CanBeCreatedPatchedAndDeleted_AndGoAwayWithTheirNamespace()
    {
        var ns = await NewNamespace();
        await client.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = "quota" },
            Spec = new V1ResourceQuotaSpec { Hard = new Dictionary<string, ResourceQuantity> { ["pods"] = new("10") } },
        }, ns);
        await client.CoreV1.CreateNamespacedLimitRangeAsync(new V1LimitRange
        {
            Metadata = new V1ObjectMeta { Name = "limits" },
            Spec = new V1LimitRangeSpec { Limits = [new V1LimitRangeItem { Type = "Container", DefaultProperty = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } }] },
        }, ns);
        await client.NetworkingV1.CreateNamespacedNetworkPolicyAsync(new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = "default-deny" },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector(),
                PolicyTypes = ["Ingress"],
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }] }],
            },
        }, ns);
        await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "workspace" } }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "workspace" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["get", "list"] }],
        }, ns);
        await client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "workspace" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "workspace" },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = "workspace", NamespaceProperty = ns }],
        }, ns);

        var mergePatched = await client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"pods\":\"0\"}}}", V1Patch.PatchType.MergePatch), "quota", ns);
        Assert.Equal("0", mergePatched.Spec.Hard["pods"].ToString());

        var applied = new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1",
            Kind = "Role",
            Metadata = new V1ObjectMeta { Name = "workspace", NamespaceProperty = ns },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods", "services"], Verbs = ["get", "list", "watch"] }],
        };
        var role = await client.RbacAuthorizationV1.PatchNamespacedRoleAsync(
            new V1Patch(applied, V1Patch.PatchType.ApplyPatch), "workspace", ns, fieldManager: "platform-cluster", force: true);
        Assert.Equal(["pods", "services"], role.Rules.Single().Resources);

        var appliedNew = await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(new V1ConfigMap
        {
            ApiVersion = "v1",
            Kind = "ConfigMap",
            Metadata = new V1ObjectMeta { Name = "settings", NamespaceProperty = ns },
            Data = new Dictionary<string, string> { ["a"] = "1" },
        }, V1Patch.PatchType.ApplyPatch), "settings", ns, fieldManager: "platform-cluster");
        Assert.Equal("1", appliedNew.Data["a"]);

        await client.NetworkingV1.DeleteNamespacedNetworkPolicyAsync("default-deny", ns);
        Assert.Empty((await client.NetworkingV1.ListNamespacedNetworkPolicyAsync(ns)).Items);

        await client.CoreV1.DeleteNamespaceAsync(ns);

        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => client.CoreV1.ReadNamespaceAsync(ns)));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf(() => client.CoreV1.ReadNamespacedResourceQuotaAsync("quota", ns)));
        Assert.Empty((await client.RbacAuthorizationV1.ListRoleBindingForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns}")).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items);
        Assert.Empty((await client.CoreV1.ListNamespacedLimitRangeAsync(ns)).Items);
    }

    [Fact]
    public async Task Deployment_BecomesReadyWithPods_AndFollowsScaling()
    {
        var ns = await NewNamespace();
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), ns);

        var ready = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 2, TimeSpan.FromSeconds(10), "two ready replicas");
        Assert.Equal(1, ready.Status.ObservedGeneration);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web");
        Assert.Equal(2, pods.Items.Count);
        Assert.All(pods.Items, p => Assert.Equal("Running", p.Status.Phase));
        Assert.All(pods.Items, p => Assert.Contains(p.Status.Conditions, c => c.Type == "Ready" && c.Status == "True"));
        Assert.All(pods.Items, p => Assert.StartsWith("web-", p.Metadata.Name));

        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("{\"spec\":{\"replicas\":3}}", V1Patch.PatchType.MergePatch), "web", ns);

        await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 3 && d.Status.ObservedGeneration == 2, TimeSpan.FromSeconds(10), "three ready replicas after scaling");
        Assert.Equal(3, (await client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"metadata.namespace={ns}")).Items.Count);
        Assert.Equal(3, (await client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", ns)).Spec.Replicas);

        await client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns);
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);
    }

    [Fact]
    public async Task Job_CompletesAfterTheReadyDelay()
    {
        var ns = await NewNamespace();
        await client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "backup" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "backup", Image = "busybox" }] } } },
        }, ns);

        var job = await Eventually.Until(() => client.BatchV1.ReadNamespacedJobAsync("backup", ns),
            j => j.Status?.Succeeded == 1, TimeSpan.FromSeconds(10), "job success");

        Assert.Contains(job.Status.Conditions, c => c.Type == "Complete" && c.Status == "True");
    }

    [Fact]
    public async Task InjectedFault_FailsTheNextCreateOnly()
    {
        fixture.Sim.InjectFault("create", "namespaces", status: 403, count: 1, message: "quota of namespaces exhausted");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Unique("fault") } }));
        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        Assert.Contains("quota of namespaces exhausted", error.Response.Content);

        var name = await NewNamespace();
        Assert.Equal(name, (await client.CoreV1.ReadNamespaceAsync(name)).Metadata.Name);
    }

    private static V1Deployment Deployment(string name, int replicas) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "nginx:1.27" }] },
            },
        },
    };
}
