using k8s.Autorest;
using Marten;
using MassTransit;
using Platform.Cluster.BindingMembers;
using Platform.Cluster.Clusters;
using Platform.Cluster.Placing;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Messaging;

namespace Platform.Cluster.Provisioning;

/// <summary>
/// Places the workspace and applies its namespace objects. Safe to repeat: the placement is recorded once and
/// the objects are applied with server-side apply. A refusal by Kubernetes removes what was created and is
/// recorded; an unreachable or failing API server throws, so the message is retried.
/// </summary>
public sealed class ProvisionWorkspaceConsumer(IDocumentStore store, ClusterRegistry registry, NamespaceBlueprint blueprint,
    TimeProvider clock, ILogger<ProvisionWorkspaceConsumer> logger) : IdempotentConsumer<ProvisionWorkspace>(store)
{
    protected override async Task Handle(ConsumeContext<ProvisionWorkspace> context, IDocumentSession session)
    {
        var command = context.Message;
        var ct = context.CancellationToken;
        var stream = await session.Events.FetchForWriting<WorkspacePlacement>(command.WorkspaceId, ct);
        var now = clock.GetUtcNow();
        ClusterRecord? cluster;
        switch (Provisioning.NextStep(stream.Aggregate))
        {
            case ProvisioningStep.AlreadyProvisioned or ProvisioningStep.AlreadyRefused:
                return;
            case ProvisioningStep.RefuseDeprovisioned:
                // An earlier attempt may have applied the namespace and then lost the race to the deprovisioning:
                // make sure it is gone wherever it could have been placed.
                foreach (var candidate in await session.Query<ClusterRecord>().Where(c => c.Region == command.Region).ToListAsync(ct))
                    await NamespaceBlueprint.RemoveAsync(registry.Client(candidate), command.Namespace, ct);
                stream.AppendOne(new ProvisioningRefused(command.WorkspaceId, "The workspace was deprovisioned.", now));
                return;
            case ProvisioningStep.ResumeOnPlacedCluster:
                cluster = await session.LoadAsync<ClusterRecord>(stream.Aggregate!.ClusterId!.Value, ct)
                    ?? throw new InvalidOperationException($"Cluster {stream.Aggregate.ClusterId} of the placement is not registered.");
                break;
            default:
                var reserved = (await session.Query<PlacementRecord>().ToListAsync(ct))
                    .GroupBy(p => p.ClusterId).ToDictionary(g => g.Key, g => g.Sum(p => p.ReservedCpuCores));
                cluster = Placement.Choose(await session.Query<ClusterRecord>().ToListAsync(ct), reserved, command.Region, blueprint.Quota.CpuCores);
                if (cluster is null)
                {
                    stream.AppendOne(new ProvisioningRefused(command.WorkspaceId, $"No cluster in region '{command.Region}' has room for the workspace.", now));
                    return;
                }
                stream.AppendOne(new WorkspacePlaced(command.WorkspaceId, cluster.Id, cluster.Name, cluster.Region, command.Namespace, blueprint.Quota, now));
                session.Store(new PlacementRecord(command.WorkspaceId, cluster.Id, blueprint.Quota.CpuCores));
                break;
        }

        var client = registry.Client(cluster);
        try
        {
            await blueprint.ApplyAsync(client, command.Namespace, command.WorkspaceId, ct);
            await MembersInCluster.BindAllAsync(session, client, command.Namespace, command.WorkspaceId, ct);
        }
        catch (HttpOperationException ex) when (Provisioning.IsPermanentRefusal(ex.Response.StatusCode))
        {
            logger.LogWarning("Cluster {ClusterName} refused namespace {Namespace}: {Status} {Body}", cluster.Name, command.Namespace,
                (int)ex.Response.StatusCode, ex.Response.Content);
            await NamespaceBlueprint.RemoveAsync(client, command.Namespace, ct);
            session.Delete<PlacementRecord>(command.WorkspaceId);
            stream.AppendOne(new ProvisioningRefused(command.WorkspaceId,
                $"Cluster '{cluster.Name}' refused the workspace namespace ({(int)ex.Response.StatusCode} {ex.Response.ReasonPhrase}).", now));
            return;
        }
        stream.AppendOne(new NamespaceProvisioned(command.WorkspaceId, cluster.Id, command.Namespace, now));
        logger.LogInformation("Namespace {Namespace} provisioned on cluster {ClusterName}", command.Namespace, cluster.Name);
    }
}
