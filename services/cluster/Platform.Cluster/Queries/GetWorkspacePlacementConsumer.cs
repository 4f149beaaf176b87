using Marten;
using MassTransit;
using Platform.Cluster.Provisioning;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Persistence;

namespace Platform.Cluster.Queries;

public sealed class GetWorkspacePlacementConsumer(IDocumentStore store) : IConsumer<GetWorkspacePlacement>
{
    public async Task Consume(ConsumeContext<GetWorkspacePlacement> context)
    {
        await using var session = store.QuerySession(EventStore.TenantOf(context.Message.WorkspaceId));
        var placement = await session.Events.AggregateStreamAsync<WorkspacePlacement>(context.Message.WorkspaceId, token: context.CancellationToken);
        await context.RespondAsync(placement is { Status: PlacementStatus.Placed or PlacementStatus.Provisioned, ClusterId: { } clusterId, Quota: { } quota }
            ? new WorkspacePlacementDetails
            {
                Found = true, ClusterId = clusterId, ClusterName = placement.ClusterName, Region = placement.Region, Namespace = placement.Namespace,
                Quota = new WorkspaceQuota { Cpu = quota.Cpu, Memory = quota.Memory, Storage = quota.Storage, Pods = quota.Pods, NodePorts = quota.NodePorts },
            }
            : new WorkspacePlacementDetails { Found = false });
    }
}
