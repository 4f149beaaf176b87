using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Platform.Testing;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>A team over HTTP: an invitation to someone without an account, their access in the cluster, and its removal.</summary>
public sealed class TeamsTests(RunningPlatform platform) : IClassFixture<RunningPlatform>
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    async Task<V1RoleBinding?> Binding(string ns, string userId)
    {
        try
        {
            return await platform.Kubernetes.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync($"platform-user-{Guid.Parse(userId):N}", ns);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task OwnerInvitesANewEmailAsDeveloper_ThePersonSignsUpAndAccepts_GetsAccessInTheCluster_AndLosesItWhenRemoved()
    {
        var (ownerToken, workspaceId) = await platform.SignUp($"owner-{Guid.NewGuid():N}@example.com", "Team Workspace");
        var ns = (await platform.WaitForStatus(ownerToken, workspaceId, "ACTIVE", Within))["namespace"]!.GetValue<string>();
        var ownerId = (await platform.GraphQL("{ me { id } }", token: ownerToken))["data"]!["me"]!["id"]!.GetValue<string>();
        await Eventually.Until(async () => (await Binding(ns, ownerId))?.RoleRef.Name == "platform-owner", Within, "the owner's binding");
        var email = $"dev-{Guid.NewGuid():N}@example.com";

        var invited = await platform.GraphQL("""
            mutation($i: InviteMemberInput!) { inviteMember(input: $i) { code invitation { email role status } userErrors { code message } } }
            """, new { i = new { workspaceId, email, role = "DEVELOPER" } }, ownerToken);
        var invitation = invited["data"]!["inviteMember"]!;
        Assert.Empty(invitation["userErrors"]!.AsArray());
        Assert.Equal(("DEVELOPER", "PENDING"), (invitation["invitation"]!["role"]!.GetValue<string>(), invitation["invitation"]!["status"]!.GetValue<string>()));
        var code = invitation["code"]!.GetValue<string>();

        var (devToken, _) = await platform.SignUp(email, "Developer's own");
        var devId = (await platform.GraphQL("{ me { id invitations(first: 5) { nodes { workspaceName role } } } }", token: devToken))["data"]!["me"]!;
        Assert.Equal("Team Workspace", devId["invitations"]!["nodes"]![0]!["workspaceName"]!.GetValue<string>());
        var accepted = await platform.GraphQL("""
            mutation($i: AcceptInvitationInput!) { acceptInvitation(input: $i) { workspace { id myRole } userErrors { code } } }
            """, new { i = new { code } }, devToken);
        Assert.Empty(accepted["data"]!["acceptInvitation"]!["userErrors"]!.AsArray());

        var seen = await platform.GraphQL("query($id: ID!) { workspace(id: $id) { id myRole members(first: 10) { totalCount } } }", new { id = workspaceId }, devToken);
        Assert.Equal("DEVELOPER", seen["data"]!["workspace"]!["myRole"]!.GetValue<string>());
        Assert.Equal(2, seen["data"]!["workspace"]!["members"]!["totalCount"]!.GetValue<int>());
        var userId = devId["id"]!.GetValue<string>();
        var binding = await Eventually.Until(() => Binding(ns, userId), b => b is not null, Within, "the developer's RoleBinding");
        Assert.Equal("platform-developer", binding!.RoleRef.Name);
        Assert.Equal($"platform:user:{userId}", Assert.Single(binding.Subjects).Name);

        var removed = await platform.GraphQL("""
            mutation($i: RemoveMemberInput!) { removeMember(input: $i) { removedUserId userErrors { code } } }
            """, new { i = new { workspaceId, userId } }, ownerToken);
        Assert.Equal(userId, removed["data"]!["removeMember"]!["removedUserId"]!.GetValue<string>());

        await Eventually.Until(async () => await Binding(ns, userId) is null, Within, "the developer's RoleBinding to be deleted");
        var after = await platform.GraphQL("query($id: ID!) { workspace(id: $id) { id } }", new { id = workspaceId }, devToken);
        Assert.Equal("NOT_FOUND", after["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(after["data"]!["workspace"]);
        Assert.Equal("platform-owner", (await Binding(ns, ownerId))!.RoleRef.Name);
    }
}
