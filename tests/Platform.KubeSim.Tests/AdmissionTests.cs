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

        var pods = await Eventually.Until(() => client.CoreV1.ListNamespacedPodAsync(ns), l => l.Items.Count == 1, "the deployment's pod");
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
