using Marten;
using MassTransit;
using Platform.Cluster.Clusters;
using Platform.Cluster.Provisioning;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Messaging;

namespace Platform.Cluster.Deprovisioning;

/// <summary>
/// Removes the workspace's namespace and leaves a tombstone, so a provisioning request that arrives late is refused.
/// A new request for a workspace already deprovisioned (a deletion re-sending after its deadline, or deleting a
/// workspace whose failed onboarding already removed it) is answered again: the asker is waiting for that answer.
/// </summary>
public sealed class DeprovisionWorkspaceConsumer(IDocumentStore store, ClusterRegistry registry, TimeProvider clock)
    : IdempotentConsumer<DeprovisionWorkspace>(store)
{
    protected override async Task Handle(ConsumeContext<DeprovisionWorkspace> context, IDocumentSession session)
    {
        var command = context.Message;
        var stream = await session.Events.FetchForWriting<WorkspacePlacement>(command.WorkspaceId, context.CancellationToken);
        var placement = stream.Aggregate;
        if (placement?.Status == PlacementStatus.Deprovisioned)
        {
            stream.AppendOne(new NamespaceDeprovisioned(command.WorkspaceId, command.Reason, clock.GetUtcNow()));
            return;
        }
        if (placement?.ClusterId is { } clusterId && await session.LoadAsync<ClusterRecord>(clusterId, context.CancellationToken) is { } cluster)
            await NamespaceBlueprint.RemoveAsync(registry.Client(cluster), placement.Namespace, context.CancellationToken);
        session.Delete<PlacementRecord>(command.WorkspaceId);
        stream.AppendOne(new NamespaceDeprovisioned(command.WorkspaceId, command.Reason, clock.GetUtcNow()));
    }
}
