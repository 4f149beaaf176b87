using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Platform.KubeSim.Admission;
using Xunit;

namespace Platform.KubeSim.Tests;

/// <summary>LimitRange defaulting and limits (LimitRanger) and ResourceQuota admission, as the API server does them.</summary>
public sealed class AdmissionTests(KubeSimFixture fixture) : IClassFixture<KubeSimFixture>
{
    private readonly Kubernetes client = fixture.Client;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<string> NewNamespace()
    {
        var name = Unique("adm");
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private static Dictionary<string, ResourceQuantity> Resources(params (string Name, string Value)[] items) =>
        items.ToDictionary(i => i.Name, i => new ResourceQuantity(i.Value));

    private Task<V1LimitRange> CreateLimits(string ns, V1LimitRangeItem item) =>
        client.CoreV1.CreateNamespacedLimitRangeAsync(new V1LimitRange
        {
            Metadata = new V1ObjectMeta { Name = "limits" },
            Spec = new V1LimitRangeSpec { Limits = [item] },
        }, ns);

    private static V1Pod Pod(string name, V1ResourceRequirements? resources = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "nginx", Resources = resources }] },
    };

    /// <summary>The Status message of a call that must fail 403 Forbidden.</summary>
    private static async Task<string> Forbidden(Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.Equal(HttpStatusCode.Forbidden, error.Response.StatusCode);
        var status = JsonNode.Parse(error.Response.Content)!;
        Assert.Equal("Forbidden", status["reason"]!.GetValue<string>());
        return status["message"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("100m", "100m")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("1000", "1k")]
    [InlineData("1e3", "1e3")]
    [InlineData("64Mi", "64Mi")]
    [InlineData("1024Mi", "1Gi")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("100", "100")]
    [InlineData("2", "2")]
    [InlineData("0", "0")]
    public void Quantity_ParsesExactly_AndPrintsTheCanonicalForm(string text, string canonical) =>
        Assert.Equal(canonical, Quantity.Parse(text).ToString());

    [Fact]
    public void Quantity_ArithmeticIsExact()
    {
        Assert.Equal("300m", (Quantity.Parse("100m") + Quantity.Parse("0.2")).ToString());
        Assert.Equal("128Mi", (Quantity.Parse("64Mi") + Quantity.Parse("67108864")).ToString());
        Assert.True(Quantity.Parse("1Gi") > Quantity.Parse("1G"));
        Assert.Equal(0, Quantity.Parse("1000m").CompareTo(Quantity.Parse("1")));
        Assert.False(Quantity.TryParse("12x", out _));
        Assert.False(Quantity.TryParse("", out _));
    }

    [Fact]
    public async Task LimitRangeDefaults_AreAppliedToAPodWithoutResources()
    {
        var ns = await NewNamespace();
        await CreateLimits(ns, new V1LimitRangeItem
        {
            Type = "Container",
            DefaultRequest = Resources(("cpu", "50m"), ("memory", "64Mi")),
            DefaultProperty = Resources(("cpu", "500m"), ("memory", "256Mi")),
        });

        var created = await client.CoreV1.CreateNamespacedPodAsync(Pod("bare"), ns);
        var partial = await client.CoreV1.CreateNamespacedPodAsync(Pod("partial", new V1ResourceRequirements
        {
            Limits = Resources(("cpu", "200m")),
        }), ns);

        var resources = created.Spec.Containers[0].Resources;
        Assert.Equal("50m", resources.Requests["cpu"].ToString());
        Assert.Equal("64Mi", resources.Requests["memory"].ToString());
        Assert.Equal("500m", resources.Limits["cpu"].ToString());
        Assert.Equal("256Mi", resources.Limits["memory"].ToString());
        // A limit without a request requests the limit (API defaulting runs before the LimitRanger).
        Assert.Equal("200m", partial.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        Assert.Equal("200m", partial.Spec.Containers[0].Resources.Limits["cpu"].ToString());
        Assert.Equal("64Mi", partial.Spec.Containers[0].Resources.Requests["memory"].ToString());
        var stored = await client.CoreV1.ReadNamespacedPodAsync("bare", ns);
        Assert.Equal("50m", stored.Spec.Containers[0].Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public async Task LimitRangeDefaults_ReachThePodsOfADeployment()
    {
        var ns = await NewNamespace();
        await CreateLimits(ns, new V1LimitRangeItem { Type = "Container", DefaultRequest = Resources(("cpu", "50m"), ("memory", "64Mi")) });

        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 1), ns);

        var pods = await Eventually.Until(() => client.CoreV1.ListNamespacedPodAsync(ns), l => l.Items.Count == 1, TimeSpan.FromSeconds(10), "the deployment's pod");
        Assert.Equal("50m", pods.Items[0].Spec.Containers[0].Resources.Requests["cpu"].ToString());
    }

    [Fact]
    public async Task LimitRangeMaximum_Violated_Is403WithTheKubernetesMessage()
    {
        var ns = await NewNamespace();
        await CreateLimits(ns, new V1LimitRangeItem { Type = "Container", Max = Resources(("cpu", "2")), Min = Resources(("memory", "32Mi")) });

        var error = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(Pod("big", new V1ResourceRequirements
        {
            Limits = Resources(("cpu", "4"), ("memory", "64Mi")),
        }), ns));

        Assert.Equal("pods \"big\" is forbidden: maximum cpu usage per Container is 2, but limit is 4", error);
        Assert.Empty((await client.CoreV1.ListNamespacedPodAsync(ns)).Items);

        // Max without default: the default limit is the max (LimitRange item defaulting), so a bare pod fits.
        var bare = await client.CoreV1.CreateNamespacedPodAsync(Pod("bare", new V1ResourceRequirements { Requests = Resources(("memory", "64Mi")) }), ns);
        Assert.Equal("2", bare.Spec.Containers[0].Resources.Limits["cpu"].ToString());

        var small = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(Pod("small", new V1ResourceRequirements
        {
            Requests = Resources(("memory", "16Mi")),
        }), ns));
        Assert.Equal("pods \"small\" is forbidden: minimum memory usage per Container is 32Mi, but request is 16Mi", small);
    }

    private Task<V1ResourceQuota> CreateQuota(string ns, string name, params (string Name, string Value)[] hard) =>
        client.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ResourceQuotaSpec { Hard = Resources(hard) },
        }, ns);

    private async Task<IDictionary<string, string>> Used(string ns, string quota) =>
        (await client.CoreV1.ReadNamespacedResourceQuotaAsync(quota, ns)).Status.Used.ToDictionary(p => p.Key, p => p.Value.ToString());

    [Fact]
    public async Task PodQuota_RefusesTheThirdPod_WithTheRealMessage_AndStoresNothing()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "pod-count", ("pods", "2"));
        await client.CoreV1.CreateNamespacedPodAsync(Pod("one"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("two"), ns);

        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(Pod("three"), ns));

        Assert.Equal("pods \"three\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2", message);
        Assert.Equal(["one", "two"], (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Metadata.Name).Order());
        var dryRun = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(Pod("three"), ns, dryRun: "All"));
        Assert.Contains("exceeded quota: pod-count", dryRun);
    }

    [Fact]
    public async Task QuotaStatus_TracksCreatesAndDeletes_AfterLimitRangeDefaulting()
    {
        var ns = await NewNamespace();
        await CreateLimits(ns, new V1LimitRangeItem
        {
            Type = "Container",
            DefaultRequest = Resources(("cpu", "50m"), ("memory", "64Mi")),
            DefaultProperty = Resources(("cpu", "500m"), ("memory", "512Mi")),
        });
        var created = await CreateQuota(ns, "compute", ("pods", "10"), ("requests.cpu", "1"), ("requests.memory", "1Gi"), ("limits.cpu", "2"), ("count/configmaps", "5"));
        Assert.Equal("0", created.Status.Used["pods"].ToString());
        Assert.Equal("1Gi", created.Status.Hard["requests.memory"].ToString());

        await client.CoreV1.CreateNamespacedPodAsync(Pod("a"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("b", new V1ResourceRequirements { Requests = Resources(("cpu", "0.25")) }), ns);
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } }, ns);

        var used = await Used(ns, "compute");
        Assert.Equal("2", used["pods"]);
        Assert.Equal("300m", used["requests.cpu"]);
        Assert.Equal("128Mi", used["requests.memory"]);
        Assert.Equal("1", used["limits.cpu"]);
        Assert.Equal("1", used["count/configmaps"]);

        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(
            Pod("c", new V1ResourceRequirements { Requests = Resources(("cpu", "800m")), Limits = Resources(("cpu", "1")) }), ns));
        Assert.Equal("pods \"c\" is forbidden: exceeded quota: compute, requested: requests.cpu=800m, used: requests.cpu=300m, limited: requests.cpu=1", message);

        await client.CoreV1.DeleteNamespacedPodAsync("a", ns);
        used = await Used(ns, "compute");
        Assert.Equal("1", used["pods"]);
        Assert.Equal("250m", used["requests.cpu"]);
        await client.CoreV1.CreateNamespacedPodAsync(
            Pod("c", new V1ResourceRequirements { Requests = Resources(("cpu", "750m")), Limits = Resources(("cpu", "1")) }), ns);
        Assert.Equal("1", (await Used(ns, "compute"))["requests.cpu"]);

        // Raising the quota updates its status at once.
        await client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"requests.cpu\":\"4\"}}}", V1Patch.PatchType.MergePatch), "compute", ns);
        var raised = await client.CoreV1.ReadNamespacedResourceQuotaAsync("compute", ns);
        Assert.Equal("4", raised.Status.Hard["requests.cpu"].ToString());
        Assert.Equal("1", raised.Status.Used["requests.cpu"].ToString());
    }

    [Fact]
    public async Task ComputeQuota_WithoutLimitRange_RequiresPodsToSpecifyTheResources()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "compute", ("requests.cpu", "1"), ("limits.memory", "1Gi"));

        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(Pod("bare"), ns));

        Assert.Equal("pods \"bare\" is forbidden: failed quota: compute: must specify limits.memory for: app; must specify requests.cpu for: app", message);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("sized", new V1ResourceRequirements { Limits = Resources(("cpu", "100m"), ("memory", "128Mi")) }), ns);
    }

    [Fact]
    public async Task TerminatedPods_DoNotCount()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "pods", ("pods", "1"), ("count/pods", "5"));
        await client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "once" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "once", Image = "busybox" }] } } },
        }, ns);
        await Eventually.Until(() => client.BatchV1.ReadNamespacedJobAsync("once", ns), j => j.Status?.Succeeded == 1, TimeSpan.FromSeconds(10), "job success");

        var used = await Eventually.Until(() => Used(ns, "pods"), u => u["pods"] == "0", TimeSpan.FromSeconds(10), "the finished pod to leave the pods quota");

        Assert.Equal("1", used["count/pods"]);
        await client.CoreV1.CreateNamespacedPodAsync(Pod("next"), ns);
    }

    [Fact]
    public async Task ServiceNodePorts_AreCounted()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "services", ("services", "5"), ("services.nodeports", "2"), ("services.loadbalancers", "0"));
        V1Service Service(string name, string type, int ports) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec { Type = type, Ports = Enumerable.Range(0, ports).Select(i => new V1ServicePort { Name = $"p{i}", Port = 80 + i }).ToList() },
        };
        await client.CoreV1.CreateNamespacedServiceAsync(Service("internal", "ClusterIP", 3), ns);
        await client.CoreV1.CreateNamespacedServiceAsync(Service("public", "NodePort", 2), ns);

        var used = await Used(ns, "services");
        Assert.Equal("2", used["services"]);
        Assert.Equal("2", used["services.nodeports"]);
        var message = await Forbidden(() => client.CoreV1.CreateNamespacedServiceAsync(Service("more", "NodePort", 1), ns));
        Assert.Equal("services \"more\" is forbidden: exceeded quota: services, requested: services.nodeports=1, used: services.nodeports=2, limited: services.nodeports=2", message);
        var balancer = await Forbidden(() => client.CoreV1.CreateNamespacedServiceAsync(Service("lb", "LoadBalancer", 0), ns));
        Assert.Contains("requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0", balancer);

        await client.CoreV1.DeleteNamespacedServiceAsync("public", ns);
        Assert.Equal("0", (await Used(ns, "services"))["services.nodeports"]);
    }

    [Fact]
    public async Task PersistentVolumeClaimStorage_IsCounted()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "storage", ("requests.storage", "10Gi"), ("persistentvolumeclaims", "5"));
        V1PersistentVolumeClaim Claim(string name, string size) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1PersistentVolumeClaimSpec
            {
                AccessModes = ["ReadWriteOnce"],
                Resources = new V1VolumeResourceRequirements { Requests = Resources(("storage", size)) },
            },
        };
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("data", "8Gi"), ns);
        await client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("wal", "512Mi"), ns);

        var used = await Used(ns, "storage");
        Assert.Equal("8704Mi", used["requests.storage"]);
        Assert.Equal("2", used["persistentvolumeclaims"]);
        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(Claim("big", "2Gi"), ns));
        Assert.Equal("persistentvolumeclaims \"big\" is forbidden: exceeded quota: storage, requested: requests.storage=2Gi, used: requests.storage=8704Mi, limited: requests.storage=10Gi", message);
    }

    [Fact]
    public async Task KubectlRun_OverQuota_PrintsTheForbiddenMessage()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "pod-count", ("pods", "1"));
        var kubectl = new Kubectl(fixture.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));
        await kubectl.SucceedAsync("run", "first", "--image=nginx", "-n", ns);

        var refused = await kubectl.RunAsync("run", "second", "--image=nginx", "-n", ns);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("pods \"second\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=1, limited: pods=1", refused.Error);
        var described = await kubectl.SucceedAsync("describe", "quota", "pod-count", "-n", ns);
        Assert.Matches(@"pods\s+1\s+1", described);
    }

    [Fact]
    public async Task DeploymentOverCpuQuota_IsNotReady_WithFailedCreate_UntilThereIsRoom()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "compute", ("requests.cpu", "1"));
        var sized = new V1ResourceRequirements { Requests = Resources(("cpu", "400m")) };
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 3, sized), ns);

        var blocked = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 2 && d.Status.Conditions?.Any(c => c.Type == "ReplicaFailure") == true, TimeSpan.FromSeconds(10), "two ready replicas and a ReplicaFailure");
        var failure = blocked.Status.Conditions.Single(c => c.Type == "ReplicaFailure");
        Assert.Equal("True", failure.Status);
        Assert.Equal("FailedCreate", failure.Reason);
        Assert.Matches("^pods \"web-[a-z0-9]+-[a-z0-9]+\" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1$", failure.Message);
        Assert.Contains(blocked.Status.Conditions, c => c.Type == "Available" && c.Status == "False");
        Assert.Equal(2, (await client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count);

        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":2}}", V1Patch.PatchType.MergePatch), "web", ns);
        var scaledDown = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ObservedGeneration == 2 && d.Status.Conditions?.All(c => c.Type != "ReplicaFailure") == true, TimeSpan.FromSeconds(10), "the failure to clear after scaling down");
        Assert.Contains(scaledDown.Status.Conditions, c => c.Type == "Available" && c.Status == "True");

        await client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("{\"spec\":{\"replicas\":4}}", V1Patch.PatchType.MergePatch), "web", ns);
        await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.Conditions?.Any(c => c.Type == "ReplicaFailure") == true, TimeSpan.FromSeconds(10), "quota to block the scale-up");
        await client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"requests.cpu\":\"2\"}}}", V1Patch.PatchType.MergePatch), "compute", ns);
        var ready = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 4, TimeSpan.FromSeconds(10), "four ready replicas once the quota is raised");
        Assert.DoesNotContain(ready.Status.Conditions, c => c.Type == "ReplicaFailure");
        Assert.Equal("1600m", (await Used(ns, "compute"))["requests.cpu"]);
    }

    [Fact]
    public async Task StatefulSetOverPodQuota_ReportsFailedCreate_AndCatchesUpWhenPodsAreDeleted()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "pod-count", ("pods", "2"));
        await client.CoreV1.CreateNamespacedPodAsync(Pod("squatter"), ns);
        await client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 2,
                ServiceName = "db",
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "db" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "postgres", Image = "postgres:17" }] },
                },
            },
        }, ns);

        var blocked = await Eventually.Until(() => client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns),
            s => s.Status?.ReadyReplicas == 1 && s.Status.Conditions?.Any(c => c.Reason == "FailedCreate") == true, TimeSpan.FromSeconds(10), "db-1 refused by quota");
        Assert.Equal("pods \"db-1\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2",
            blocked.Status.Conditions.Single(c => c.Type == "ReplicaFailure").Message);

        await client.CoreV1.DeleteNamespacedPodAsync("squatter", ns);
        var ready = await Eventually.Until(() => client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns),
            s => s.Status?.ReadyReplicas == 2, TimeSpan.FromSeconds(10), "both replicas once room appears");
        Assert.True(ready.Status.Conditions is null || ready.Status.Conditions.All(c => c.Type != "ReplicaFailure"));
    }

    [Fact]
    public async Task DeploymentBlockedByQuota_KeepsItsStatusAndResourceVersion_AcrossControllerPasses()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "compute", ("requests.cpu", "1"));
        await client.AppsV1.CreateNamespacedDeploymentAsync(
            Deployment("web", replicas: 3, new V1ResourceRequirements { Requests = Resources(("cpu", "400m")) }), ns);
        var blocked = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 2 && d.Status.Conditions?.Any(c => c.Type == "ReplicaFailure") == true, TimeSpan.FromSeconds(10), "two ready replicas and a ReplicaFailure");
        var version = blocked.Metadata.ResourceVersion;
        var failure = blocked.Status.Conditions.Single(c => c.Type == "ReplicaFailure");

        // The controller retries every 20-100 ms, each time with a new random pod name in the refusal.
        var probes = await Consistently.Holds(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Metadata.ResourceVersion == version, TimeSpan.FromSeconds(1.5), "the blocked deployment's resourceVersion to stay the same");
        Assert.True(probes >= 5, $"only {probes} reads in the window");
        var still = await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        var same = still.Status.Conditions.Single(c => c.Type == "ReplicaFailure");
        Assert.Equal(failure.Message, same.Message);
        Assert.Equal(failure.LastTransitionTime, same.LastTransitionTime);

        await client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"requests.cpu\":\"2\"}}}", V1Patch.PatchType.MergePatch), "compute", ns);
        var ready = await Eventually.Until(() => client.AppsV1.ReadNamespacedDeploymentAsync("web", ns),
            d => d.Status?.ReadyReplicas == 3, TimeSpan.FromSeconds(10), "three ready replicas once the quota is raised");
        Assert.DoesNotContain(ready.Status.Conditions, c => c.Type == "ReplicaFailure");
    }

    [Fact]
    public async Task JobBlockedByQuota_KeepsItsResourceVersion_AcrossControllerPasses()
    {
        var ns = await NewNamespace();
        await CreateQuota(ns, "pod-count", ("pods", "0"));
        await client.BatchV1.CreateNamespacedJobAsync(new V1Job
        {
            Metadata = new V1ObjectMeta { Name = "batch" },
            Spec = new V1JobSpec { Template = new V1PodTemplateSpec { Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "once", Image = "busybox" }] } } },
        }, ns);
        var blocked = await Eventually.Until(() => client.BatchV1.ReadNamespacedJobAsync("batch", ns),
            j => j.Status?.Conditions?.Any(c => c.Type == "ReplicaFailure") == true, TimeSpan.FromSeconds(10), "the job's pod refused by quota");
        Assert.Matches("^pods \"batch-[a-z0-9]+\" is forbidden: exceeded quota: pod-count", blocked.Status.Conditions.Single(c => c.Type == "ReplicaFailure").Message);
        var version = blocked.Metadata.ResourceVersion;
        await Consistently.Holds(() => client.BatchV1.ReadNamespacedJobAsync("batch", ns),
            j => j.Metadata.ResourceVersion == version, TimeSpan.FromSeconds(1), "the blocked job's resourceVersion to stay the same");

        await client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"pods\":\"1\"}}}", V1Patch.PatchType.MergePatch), "pod-count", ns);
        var done = await Eventually.Until(() => client.BatchV1.ReadNamespacedJobAsync("batch", ns),
            j => j.Status?.Succeeded == 1, TimeSpan.FromSeconds(10), "the job to run once there is room");
        Assert.DoesNotContain(done.Status.Conditions, c => c.Type == "ReplicaFailure");
    }

    private static V1Pod ScopedPod(string name, string? cpu = null, long? deadline = null, string? priorityClass = null)
    {
        var pod = Pod(name, cpu is null ? null : new V1ResourceRequirements { Requests = Resources(("cpu", cpu)) });
        pod.Spec.ActiveDeadlineSeconds = deadline;
        pod.Spec.PriorityClassName = priorityClass;
        return pod;
    }

    private Task<V1ResourceQuota> CreateScopedQuota(string ns, string name, IList<string>? scopes, IList<V1ScopedResourceSelectorRequirement>? selector,
        params (string Name, string Value)[] hard) =>
        client.CoreV1.CreateNamespacedResourceQuotaAsync(new V1ResourceQuota
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ResourceQuotaSpec
            {
                Hard = Resources(hard),
                Scopes = scopes,
                ScopeSelector = selector is null ? null : new V1ScopeSelector { MatchExpressions = selector },
            },
        }, ns);

    [Fact]
    public async Task BestEffortQuota_FromKubectl_CountsOnlyBestEffortPods()
    {
        var ns = await NewNamespace();
        var kubectl = new Kubectl(fixture.KubeconfigPath, Path.Combine(fixture.Directory, "kubectl-cache"));
        await kubectl.SucceedAsync("create", "quota", "be", "--hard=pods=1", "--scopes=BestEffort", "-n", ns);

        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("sized-1", cpu: "100m"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("sized-2", cpu: "100m"), ns);
        Assert.Equal("0", (await Used(ns, "be"))["pods"]);

        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("idle-1"), ns);
        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(ScopedPod("idle-2"), ns));
        Assert.Equal("pods \"idle-2\" is forbidden: exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1", message);
        Assert.Equal("1", (await Used(ns, "be"))["pods"]);
        var described = await kubectl.SucceedAsync("describe", "quota", "be", "-n", ns);
        Assert.Contains("BestEffort", described);
    }

    [Fact]
    public async Task TerminatingScopes_SplitPodsByActiveDeadline()
    {
        var ns = await NewNamespace();
        await CreateScopedQuota(ns, "long-running", [ "NotTerminating" ], null, ("pods", "1"));
        await CreateScopedQuota(ns, "batch-cpu", [ "Terminating", "NotBestEffort" ], null, ("requests.cpu", "500m"));

        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("deadline-1", deadline: 600), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("deadline-2", cpu: "300m", deadline: 600), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("server", cpu: "2"), ns);
        Assert.Equal("1", (await Used(ns, "long-running"))["pods"]);
        Assert.Equal("300m", (await Used(ns, "batch-cpu"))["requests.cpu"]);

        var message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(ScopedPod("server-2"), ns));
        Assert.Equal("pods \"server-2\" is forbidden: exceeded quota: long-running, requested: pods=1, used: pods=1, limited: pods=1", message);
        message = await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(ScopedPod("deadline-3", cpu: "300m", deadline: 60), ns));
        Assert.Equal("pods \"deadline-3\" is forbidden: exceeded quota: batch-cpu, requested: requests.cpu=300m, used: requests.cpu=300m, limited: requests.cpu=500m", message);
        // The best-effort pod with a deadline is outside both quotas, so a Terminating cpu quota does not ask it for requests.
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("deadline-4", deadline: 60), ns);
    }

    [Fact]
    public async Task PriorityClassScopeSelector_LimitsThePodsOfTheSelectedClasses()
    {
        var ns = await NewNamespace();
        await CreateScopedQuota(ns, "high", null, [new V1ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", OperatorProperty = "In", Values = ["high", "critical"] }], ("pods", "1"));
        await CreateScopedQuota(ns, "classless", null, [new V1ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", OperatorProperty = "DoesNotExist" }], ("pods", "2"));
        await CreateScopedQuota(ns, "not-low", null, [new V1ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", OperatorProperty = "NotIn", Values = ["low"] }], ("pods", "10"));

        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("plain-1"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("plain-2"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("low-1", priorityClass: "low"), ns);
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("high-1", priorityClass: "high"), ns);

        Assert.Equal("pods \"high-2\" is forbidden: exceeded quota: high, requested: pods=1, used: pods=1, limited: pods=1",
            await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(ScopedPod("high-2", priorityClass: "critical"), ns)));
        Assert.Equal("pods \"plain-3\" is forbidden: exceeded quota: classless, requested: pods=1, used: pods=2, limited: pods=2",
            await Forbidden(() => client.CoreV1.CreateNamespacedPodAsync(ScopedPod("plain-3"), ns)));
        await client.CoreV1.CreateNamespacedPodAsync(ScopedPod("low-2", priorityClass: "low"), ns);
        Assert.Equal("1", (await Used(ns, "high"))["pods"]);
        Assert.Equal("2", (await Used(ns, "classless"))["pods"]);
        Assert.Equal("3", (await Used(ns, "not-low"))["pods"]);
    }

    [Fact]
    public async Task ScopedQuotas_WithUnsupportedScopesOrResources_AreRefusedAs422()
    {
        var ns = await NewNamespace();
        async Task<string> Invalid(IList<string>? scopes, IList<V1ScopedResourceSelectorRequirement>? selector, params (string, string)[] hard)
        {
            var error = await Assert.ThrowsAsync<HttpOperationException>(() => CreateScopedQuota(ns, "bad", scopes, selector, hard));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Response.StatusCode);
            var status = JsonNode.Parse(error.Response.Content)!;
            Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
            return status["message"]!.GetValue<string>();
        }

        Assert.Equal("ResourceQuota \"bad\" is invalid: spec.scopes: Invalid value: \"BestEffort\": unsupported scope applied to resource: requests.cpu (a BestEffort quota can only track count/pods, pods)",
            await Invalid(["BestEffort"], null, ("pods", "1"), ("requests.cpu", "1")));
        Assert.Contains("unsupported scope applied to resource: configmaps, requests.storage",
            await Invalid(["NotTerminating"], null, ("configmaps", "1"), ("requests.storage", "1Gi")));
        Assert.Contains("spec.scopes[0]: Invalid value: \"CrossNamespacePodAffinity\": unsupported scope",
            await Invalid(["CrossNamespacePodAffinity"], null, ("pods", "1")));
        Assert.Contains("conflicting scopes", await Invalid(["Terminating", "NotTerminating"], null, ("pods", "1")));
        Assert.Contains("must be 'Exists'", await Invalid(null,
            [new V1ScopedResourceSelectorRequirement { ScopeName = "BestEffort", OperatorProperty = "DoesNotExist" }], ("pods", "1")));
        Assert.Contains("must be at least one value", await Invalid(null,
            [new V1ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", OperatorProperty = "In" }], ("pods", "1")));
        Assert.Empty((await client.CoreV1.ListNamespacedResourceQuotaAsync(ns)).Items);

        // An update that would make a quota invalid is refused too.
        await CreateScopedQuota(ns, "ok", ["BestEffort"], null, ("pods", "1"));
        var patch = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedResourceQuotaAsync(
            new V1Patch("{\"spec\":{\"hard\":{\"limits.memory\":\"1Gi\"}}}", V1Patch.PatchType.MergePatch), "ok", ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch.Response.StatusCode);
    }

    internal static V1Deployment Deployment(string name, int replicas, V1ResourceRequirements? resources = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "nginx:1.27", Resources = resources }] },
            },
        },
    };
}
