namespace Platform.Cluster.Provisioning;

/// <summary>The workspace was assigned a cluster and a namespace with this quota.</summary>
public sealed record WorkspacePlaced(Guid WorkspaceId, Guid ClusterId, string ClusterName, string Region, string Namespace, QuotaSpec Quota,
    DateTimeOffset PlacedAt);

/// <summary>The namespace and all its objects exist on the cluster.</summary>
public sealed record NamespaceProvisioned(Guid WorkspaceId, Guid ClusterId, string Namespace, DateTimeOffset ProvisionedAt);

/// <summary>Provisioning failed for good; whatever it had created was removed.</summary>
public sealed record ProvisioningRefused(Guid WorkspaceId, string Reason, DateTimeOffset RefusedAt);

/// <summary>The namespace is gone; the workspace is never provisioned again.</summary>
public sealed record NamespaceDeprovisioned(Guid WorkspaceId, string Reason, DateTimeOffset DeprovisionedAt);
