namespace Platform.Cluster.Clusters;

/// <summary>A Kubernetes cluster workspaces can be placed on; its kubeconfig is stored encrypted.</summary>
public sealed record ClusterRecord(Guid Id, string Name, string Region, int CapacityCpuCores, string EncryptedKubeconfig, DateTimeOffset RegisteredAt);

/// <summary>Which cluster a workspace was placed on and the CPU it reserved there (for "most room" placement).</summary>
public sealed record PlacementRecord(Guid Id, Guid ClusterId, int ReservedCpuCores);
