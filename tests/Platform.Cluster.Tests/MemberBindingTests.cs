using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Platform.Cluster.BindingMembers;
using Platform.Contracts.Cluster;
using Platform.Contracts.Tenants;
using Platform.Testing;
using Xunit;

namespace Platform.Cluster.Tests;

/// <summary>Members of a workspace are bound to their role's Role in its namespace, and unbound when they leave.</summary>
public sealed class MemberBindingTests(ClusterService cluster) : IClassFixture<ClusterService>
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    BusProbe Probe => cluster.Probe;
    IKubernetes Kube => cluster.Kubernetes;

    static (Guid WorkspaceId, string Namespace) NewWorkspace()
    {
        var id = Guid.NewGuid();
        return (id, $"ws-team-{id:N}"[..20]);
    }

    async Task Provision(Guid workspaceId, string ns)
    {
        await Probe.Publish(new ProvisionWorkspace { WorkspaceId = workspaceId, Namespace = ns, Region = "local" });
        await Probe.WaitFor<WorkspaceProvisioned>(m => m.WorkspaceId == workspaceId, Timeout, $"{ns} to be provisioned");
    }

    async Task<V1RoleBinding?> Binding(string ns, Guid userId)
    {
        try
        {
            return await Kube.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(MemberRoles.BindingName(userId), ns);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    Task<V1RoleBinding?> BindingTo(string ns, Guid userId, string roleName) =>
        Eventually.Until(() => Binding(ns, userId), b => b?.RoleRef.Name == roleName, Timeout, $"{userId} bound to {roleName} in {ns}");

    static WorkspaceMemberAdded Added(Guid workspaceId, string ns, Guid userId, string role, long version) => new()
    {
        WorkspaceId = workspaceId, UserId = userId, Role = role, Namespace = ns, Version = version,
    };

    [Fact]
    public async Task GivenAProvisionedWorkspace_WhenAMemberIsAddedChangedAndRemoved_ThenTheirRoleBindingFollows()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Provision(workspaceId, ns);
        var userId = Guid.NewGuid();

        await Probe.Publish(Added(workspaceId, ns, userId, WorkspaceRoles.Developer, 2));
        var bound = await BindingTo(ns, userId, "platform-developer");
        var subject = Assert.Single(bound!.Subjects);
        Assert.Equal(("User", $"platform:user:{userId}"), (subject.Kind, subject.Name));
        Assert.Equal(workspaceId.ToString(), bound.Metadata.Labels["platform.io/workspace-id"]);
        var developer = await Kube.RbacAuthorizationV1.ReadNamespacedRoleAsync("platform-developer", ns);
        Assert.Contains(developer.Rules, r => r.Resources.Contains("deployments") && r.Verbs.Contains("create"));
        Assert.DoesNotContain(developer.Rules, r => r.Resources.Contains("secrets"));

        await Probe.Publish(new WorkspaceMemberRoleChanged
        {
            WorkspaceId = workspaceId, UserId = userId, Role = WorkspaceRoles.Viewer, PreviousRole = WorkspaceRoles.Developer, Namespace = ns, Version = 3,
        });
        await BindingTo(ns, userId, "platform-viewer");
        var viewer = await Kube.RbacAuthorizationV1.ReadNamespacedRoleAsync("platform-viewer", ns);
        Assert.All(viewer.Rules.SelectMany(r => r.Verbs), v => Assert.Contains(v, new[] { "get", "list", "watch" }));

        await Probe.Publish(new WorkspaceMemberRemoved
        {
            WorkspaceId = workspaceId, UserId = userId, PreviousRole = WorkspaceRoles.Viewer, Namespace = ns, Version = 4,
        });
        await Eventually.Until(async () => await Binding(ns, userId) is null, Timeout, "the binding to be deleted");
    }

    [Fact]
    public async Task GivenTheOwnerAndAMemberHeardBeforeProvisioning_WhenProvisioned_ThenBothAreBound()
    {
        var (workspaceId, ns) = NewWorkspace();
        var ownerId = Guid.NewGuid();
        var managerId = Guid.NewGuid();
        var added = Added(workspaceId, ns, managerId, WorkspaceRoles.Manager, 2);
        await Probe.Publish(new WorkspaceCreated
        {
            WorkspaceId = workspaceId, OwnerId = ownerId, Name = "Team", Slug = "team", Namespace = ns, Region = "local", CreatedAt = DateTimeOffset.UtcNow,
        });
        await Probe.Publish(added, added.UserId); // a known MessageId, to know when it was handled
        await Eventually.Until(() => cluster.Handled(nameof(MemberAddedConsumer), managerId), Timeout, "the member to be recorded");

        await Provision(workspaceId, ns);

        await BindingTo(ns, ownerId, "platform-owner");
        await BindingTo(ns, managerId, "platform-manager");
        var manager = await Kube.RbacAuthorizationV1.ReadNamespacedRoleAsync("platform-manager", ns);
        Assert.Contains(manager.Rules, r => r.Resources.Contains("secrets") && r.Verbs.Contains("get"));
    }

    [Fact]
    public async Task GivenMemberChangesArrivingOutOfOrder_WhenAllAreHandled_ThenTheLatestWins()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Provision(workspaceId, ns);
        var userId = Guid.NewGuid();
        var removedAfterwards = Guid.NewGuid();

        await Probe.Publish(new WorkspaceMemberRoleChanged
        {
            WorkspaceId = workspaceId, UserId = userId, Role = WorkspaceRoles.Manager, PreviousRole = WorkspaceRoles.Viewer, Namespace = ns, Version = 5,
        });
        await BindingTo(ns, userId, "platform-manager");
        var late = Added(workspaceId, ns, userId, WorkspaceRoles.Viewer, 4);
        var lateId = Guid.NewGuid();
        await Probe.Publish(late, lateId);
        var removedId = Guid.NewGuid();
        var addedBeforeId = Guid.NewGuid();
        await Probe.Publish(new WorkspaceMemberRemoved
        {
            WorkspaceId = workspaceId, UserId = removedAfterwards, PreviousRole = WorkspaceRoles.Viewer, Namespace = ns, Version = 7,
        }, removedId);
        await Probe.Publish(Added(workspaceId, ns, removedAfterwards, WorkspaceRoles.Viewer, 6), addedBeforeId);

        await Eventually.Until(async () => await cluster.Handled(nameof(MemberAddedConsumer), lateId)
            && await cluster.Handled(nameof(MemberAddedConsumer), addedBeforeId) && await cluster.Handled(nameof(MemberRemovedConsumer), removedId),
            Timeout, "all changes to be handled");
        Assert.Equal("platform-manager", (await Binding(ns, userId))!.RoleRef.Name);
        Assert.Null(await Binding(ns, removedAfterwards));
    }

    [Fact]
    public async Task GivenTwoMembers_WhenOwnershipIsTransferred_ThenTheNewOwnerIsBoundAsOwnerAndTheOldOneAsManager()
    {
        var (workspaceId, ns) = NewWorkspace();
        await Provision(workspaceId, ns);
        var ownerId = Guid.NewGuid();
        var developerId = Guid.NewGuid();
        await Probe.Publish(new WorkspaceCreated
        {
            WorkspaceId = workspaceId, OwnerId = ownerId, Name = "Team", Slug = "team", Namespace = ns, Region = "local", CreatedAt = DateTimeOffset.UtcNow,
        });
        await Probe.Publish(Added(workspaceId, ns, developerId, WorkspaceRoles.Developer, 2));
        await BindingTo(ns, ownerId, "platform-owner");
        await BindingTo(ns, developerId, "platform-developer");

        await Probe.Publish(new WorkspaceOwnershipTransferred
        {
            WorkspaceId = workspaceId, PreviousOwnerId = ownerId, NewOwnerId = developerId, Namespace = ns, Version = 3,
        });

        await BindingTo(ns, developerId, "platform-owner");
        await BindingTo(ns, ownerId, "platform-manager");
    }
}

/// <summary>The cluster's member bookkeeping on its own: later versions win per member.</summary>
public sealed class MemberBindingDecisionTests
{
    [Fact]
    public void GivenAKnownMember_WhenAnOlderChangeArrives_ThenItIsIgnoredAndANewerOneApplies()
    {
        var userId = Guid.NewGuid();
        var members = MemberBindings.Decide(WorkspaceMembers.Empty(Guid.NewGuid()), [new MemberChange(userId, WorkspaceRoles.Manager, 5)]).Members;

        var (afterOld, oldEffect) = MemberBindings.Decide(members, [new MemberChange(userId, WorkspaceRoles.Viewer, 4)]);
        var (afterNew, newEffect) = MemberBindings.Decide(members, [new MemberChange(userId, null, 6)]);

        Assert.Empty(oldEffect);
        Assert.Equal(WorkspaceRoles.Manager, afterOld.Members[userId].Role);
        Assert.Single(newEffect);
        Assert.Null(afterNew.Members[userId].Role);
    }

    [Theory]
    [InlineData(WorkspaceRoles.Viewer, false, false)]
    [InlineData(WorkspaceRoles.Developer, true, false)]
    [InlineData(WorkspaceRoles.Manager, true, true)]
    [InlineData(WorkspaceRoles.Owner, true, true)]
    public void EachWorkspaceRole_GetsTheRulesOfItsRank(string role, bool changesWorkloads, bool handlesSecrets)
    {
        var rules = MemberRoles.Rules(role);

        Assert.Equal(changesWorkloads, rules.Any(r => r.Resources.Contains("deployments") && r.Verbs.Contains("update")));
        Assert.Equal(handlesSecrets, rules.Any(r => r.Resources.Contains("secrets")));
        Assert.DoesNotContain(rules, r => r.Resources.Contains("rolebindings") && r.Verbs.Contains("create"));
        Assert.Contains(rules, r => r.Resources.Contains("pods") && r.Verbs.Contains("list"));
    }
}
