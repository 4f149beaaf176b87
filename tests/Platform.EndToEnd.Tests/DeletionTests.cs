using System.Net;
using k8s;
using k8s.Autorest;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>An owner deletes a workspace through HTTP GraphQL: billing stops, the namespace goes, the account closes, the workspace is DELETED.</summary>
public sealed class DeletionTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    const string Delete = "mutation($i: DeleteWorkspaceInput!) { deleteWorkspace(input: $i) { workspace { id status } userErrors { code message } } }";

    [Fact]
    public async Task ActiveWorkspace_DeletedByItsOwner_IsDeletingThenDeleted_WithoutNamespaceOrAccount_AndLeavesTheList()
    {
        var (token, workspaceId) = await platform.SignUp($"deleter-{Guid.NewGuid():N}@example.com", "Short-lived workspace");
        var active = await platform.WaitForStatus(token, workspaceId, "ACTIVE", Within);
        var ns = active["namespace"]!.GetValue<string>();
        Assert.Equal("5.00", active["balance"]!["amount"]!.GetValue<string>());
        await platform.Kubernetes.CoreV1.ReadNamespaceAsync(ns);

        var deleted = await platform.GraphQL(Delete, new { i = new { workspaceId } }, token);

        var payload = deleted["data"]?["deleteWorkspace"] ?? throw new InvalidOperationException(deleted.ToJsonString());
        Assert.Empty(payload["userErrors"]!.AsArray());
        Assert.Equal(workspaceId, payload["workspace"]!["id"]!.GetValue<string>());
        Assert.Equal("DELETING", payload["workspace"]!["status"]!.GetValue<string>());

        var gone = await platform.WaitForStatus(token, workspaceId, "DELETED", Within);
        Assert.Null(gone["balance"]); // the account is closed
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => platform.Kubernetes.CoreV1.ReadNamespaceAsync(ns));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var namespaces = await platform.Kubernetes.CoreV1.ListNamespaceAsync(labelSelector: $"platform.io/workspace-id={workspaceId}");
        Assert.Empty(namespaces.Items);
        var me = await platform.GraphQL("{ me { workspaces(first: 10) { nodes { id } } } }", token: token);
        var listed = me["data"]?["me"]?["workspaces"]?["nodes"]?.AsArray() ?? throw new InvalidOperationException(me.ToJsonString());
        Assert.DoesNotContain(listed, w => w!["id"]!.GetValue<string>() == workspaceId);

        var again = await platform.GraphQL(Delete, new { i = new { workspaceId } }, token);
        Assert.Equal("INVALID_STATE", again["data"]!["deleteWorkspace"]!["userErrors"]![0]!["code"]!.GetValue<string>());
    }
}
