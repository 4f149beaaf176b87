namespace Platform.Contracts.Cluster;

/// <summary>
/// Request (platform admins; the gateway has authorized the caller): a page of the registered clusters, oldest first
/// (by RegisteredAt, then Id). <see cref="First"/> null means all of them; <see cref="After"/> starts after that cluster.
/// </summary>
public sealed record ListClusters
{
    public int? First { get; init; }
    public ClusterCursor? After { get; init; }
}

/// <summary>Where a cluster sits in the list: its sort key.</summary>
public sealed record ClusterCursor
{
    public required DateTimeOffset RegisteredAt { get; init; }
    public required Guid Id { get; init; }
}

/// <summary>Response to <see cref="ListClusters"/>.</summary>
public sealed record ClusterPage
{
    public IReadOnlyList<ClusterSummary> Clusters { get; init; } = [];
    public bool HasNextPage { get; init; }
    public bool HasPreviousPage { get; init; }
    public int TotalCount { get; init; }
}

/// <summary>A registered cluster as admins see it: never its kubeconfig.</summary>
public sealed record ClusterSummary
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Region { get; init; }
    public int CapacityCpuCores { get; init; }
    /// <summary>The CPU cores the workspaces placed on it reserve.</summary>
    public int ReservedCpuCores { get; init; }
    /// <summary>How many workspaces are placed on it.</summary>
    public int WorkspaceCount { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
}

/// <summary>
/// Command (request/response, platform admins): register a cluster, or update the one with the same name. The kubeconfig must
/// parse and its API server answer; it is stored encrypted and never returned.
/// </summary>
public sealed record RegisterCluster
{
    public required string Name { get; init; }
    public required string Region { get; init; }
    public int CapacityCpuCores { get; init; }
    public required string Kubeconfig { get; init; }
}

/// <summary>Response to <see cref="RegisterCluster"/>: the cluster, or why not.</summary>
public sealed record RegisterClusterResult
{
    public ClusterSummary? Cluster { get; init; }
    public IReadOnlyList<UserError> Errors { get; init; } = [];
}

/// <summary>The codes of <see cref="RegisterClusterResult.Errors"/>.</summary>
public static class ClusterErrorCodes
{
    public const string InvalidName = "INVALID_NAME";
    public const string InvalidRegion = "INVALID_REGION";
    public const string InvalidCapacity = "INVALID_CAPACITY";
    public const string InvalidKubeconfig = "INVALID_KUBECONFIG";
    public const string ClusterUnreachable = "CLUSTER_UNREACHABLE";
}
