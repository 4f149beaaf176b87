using JasperFx.Events;
using Platform.Cluster.Provisioning;
using Platform.Contracts.Cluster;
using Platform.Infrastructure.Outbox;

namespace Platform.Cluster;

/// <summary>What the rest of the platform hears about workspace namespaces.</summary>
public sealed class ClusterIntegrationEvents : IIntegrationEventMap
{
    public object? ToIntegrationMessage(IEvent committed) => committed.Data switch
    {
        NamespaceProvisioned e => new WorkspaceProvisioned { WorkspaceId = e.WorkspaceId, ClusterId = e.ClusterId, Namespace = e.Namespace },
        ProvisioningRefused e => new WorkspaceProvisioningFailed { WorkspaceId = e.WorkspaceId, Reason = e.Reason },
        NamespaceDeprovisioned e => new WorkspaceDeprovisioned { WorkspaceId = e.WorkspaceId },
        _ => null,
    };
}
