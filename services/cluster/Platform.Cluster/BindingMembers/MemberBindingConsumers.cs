using Marten;
using MassTransit;
using Platform.Cluster.Clusters;
using Platform.Cluster.Provisioning;
using Platform.Contracts.Tenants;
using Platform.Infrastructure.Messaging;

namespace Platform.Cluster.BindingMembers;

public sealed class OwnerBindingConsumer(IDocumentStore store, ClusterRegistry registry) : IdempotentConsumer<WorkspaceCreated>(store)
{
    protected override Task Handle(ConsumeContext<WorkspaceCreated> context, IDocumentSession session) =>
        // A workspace a partner created has no owner until its customer accepts the owner invitation (a WorkspaceMemberAdded).
        context.Message.OwnerId is not { } ownerId
            ? Task.CompletedTask
            : MembersInCluster.ChangeAsync(session, registry, context.Message.WorkspaceId,
                // The creation is the first event of the workspace stream.
                [new MemberChange(ownerId, WorkspaceRoles.Owner, 1)], context.CancellationToken);
}

public sealed class MemberAddedConsumer(IDocumentStore store, ClusterRegistry registry) : IdempotentConsumer<WorkspaceMemberAdded>(store)
{
    protected override Task Handle(ConsumeContext<WorkspaceMemberAdded> context, IDocumentSession session)
    {
        var m = context.Message;
        return MembersInCluster.ChangeAsync(session, registry, m.WorkspaceId, [new MemberChange(m.UserId, m.Role, m.Version)], context.CancellationToken);
    }
}

public sealed class MemberRoleChangedConsumer(IDocumentStore store, ClusterRegistry registry) : IdempotentConsumer<WorkspaceMemberRoleChanged>(store)
{
    protected override Task Handle(ConsumeContext<WorkspaceMemberRoleChanged> context, IDocumentSession session)
    {
        var m = context.Message;
        return MembersInCluster.ChangeAsync(session, registry, m.WorkspaceId, [new MemberChange(m.UserId, m.Role, m.Version)], context.CancellationToken);
    }
}

public sealed class MemberRemovedConsumer(IDocumentStore store, ClusterRegistry registry) : IdempotentConsumer<WorkspaceMemberRemoved>(store)
{
    protected override Task Handle(ConsumeContext<WorkspaceMemberRemoved> context, IDocumentSession session)
    {
        var m = context.Message;
        return MembersInCluster.ChangeAsync(session, registry, m.WorkspaceId, [new MemberChange(m.UserId, null, m.Version)], context.CancellationToken);
    }
}

public sealed class OwnershipTransferredConsumer(IDocumentStore store, ClusterRegistry registry) : IdempotentConsumer<WorkspaceOwnershipTransferred>(store)
{
    protected override Task Handle(ConsumeContext<WorkspaceOwnershipTransferred> context, IDocumentSession session)
    {
        var m = context.Message;
        return MembersInCluster.ChangeAsync(session, registry, m.WorkspaceId,
            [new MemberChange(m.PreviousOwnerId, WorkspaceRoles.Manager, m.Version), new MemberChange(m.NewOwnerId, WorkspaceRoles.Owner, m.Version)],
            context.CancellationToken);
    }
}

/// <summary>Records member changes and, once the namespace is provisioned, makes its RoleBindings match.</summary>
public static class MembersInCluster
{
    public static async Task ChangeAsync(IDocumentSession session, ClusterRegistry registry, Guid workspaceId, IReadOnlyList<MemberChange> changes,
        CancellationToken cancellationToken)
    {
        var (members, isNew) = await LoadAsync(session, workspaceId, cancellationToken);
        var (updated, effective) = MemberBindings.Decide(members, changes);
        if (effective.Count > 0)
            Save(session, updated, isNew);
        var placement = await session.Events.AggregateStreamAsync<WorkspacePlacement>(workspaceId, token: cancellationToken);
        // Until the namespace exists, the provisioning binds everyone recorded here (see BindAllAsync).
        if (placement is not { Status: PlacementStatus.Provisioned, ClusterId: { } clusterId }
            || await session.LoadAsync<ClusterRecord>(clusterId, cancellationToken) is not { } cluster)
            return;
        // The cluster is made to match the recorded state of every member the changes touch, even when a change is
        // stale: an earlier attempt of this message may have bound someone and then lost its commit to a newer change.
        var client = registry.Client(cluster);
        foreach (var userId in changes.Select(c => c.UserId).Distinct())
            if (updated.Members[userId].Role is { } role)
                await MemberRoles.BindAsync(client, placement.Namespace, workspaceId, userId, role, cancellationToken);
            else
                await MemberRoles.UnbindAsync(client, placement.Namespace, userId, cancellationToken);
    }

    /// <summary>
    /// Binds every member known so far, from the provisioning's transaction. Saving the members document again makes a
    /// member change committed meanwhile conflict with this transaction, so one of the two is retried and sees the other.
    /// </summary>
    public static async Task BindAllAsync(IDocumentSession session, k8s.IKubernetes client, string ns, Guid workspaceId,
        CancellationToken cancellationToken)
    {
        var (members, isNew) = await LoadAsync(session, workspaceId, cancellationToken);
        Save(session, members, isNew);
        foreach (var (userId, entry) in members.Members)
            if (entry.Role is { } role)
                await MemberRoles.BindAsync(client, ns, workspaceId, userId, role, cancellationToken);
    }

    static async Task<(WorkspaceMembers Members, bool IsNew)> LoadAsync(IDocumentSession session, Guid workspaceId, CancellationToken cancellationToken) =>
        await session.LoadAsync<WorkspaceMembers>(workspaceId, cancellationToken) is { } existing
            ? (existing, false)
            : (WorkspaceMembers.Empty(workspaceId), true);

    static void Save(IDocumentSession session, WorkspaceMembers members, bool isNew)
    {
        if (isNew)
            session.Insert(members);
        else
            session.Update(members);
    }
}
