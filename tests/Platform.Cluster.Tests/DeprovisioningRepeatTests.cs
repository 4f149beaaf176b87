using k8s;
using k8s.Autorest;
using Platform.Contracts.Cluster;
using Xunit;

namespace Platform.Cluster.Tests;

/// <summary>A deletion that asks again for a namespace to be removed (after its deadline, or after a failed onboarding) is answered again.</summary>
public sealed class DeprovisioningRepeatTests(ClusterService cluster) : IClassFixture<ClusterService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GivenADeprovisionedWorkspace_WhenDeprovisionedAgainWithANewMessage_ThenItIsAnsweredAgainAndStaysGone()
    {
        var workspaceId = Guid.NewGuid();
        var ns = $"ws-del-{workspaceId:N}"[..20];
        await cluster.Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" });
        await cluster.Probe.WaitFor<WorkspaceProvisioned>(m => m.WorkspaceId == workspaceId, Timeout);
        await cluster.Probe.Publish(new DeprovisionWorkspace { WorkspaceId = workspaceId, Reason = "The workspace was deleted by its owner." });
        await cluster.Probe.WaitFor<WorkspaceDeprovisioned>(m => m.WorkspaceId == workspaceId, Timeout);

        await cluster.Probe.Publish(new DeprovisionWorkspace { WorkspaceId = workspaceId, Reason = "The workspace was deleted by its owner." });

        await cluster.Probe.WaitForCount<WorkspaceDeprovisioned>(m => m.WorkspaceId == workspaceId, 2, Timeout, "a second WorkspaceDeprovisioned");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => cluster.Kubernetes.CoreV1.ReadNamespaceAsync(ns));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Response.StatusCode);
    }
}
