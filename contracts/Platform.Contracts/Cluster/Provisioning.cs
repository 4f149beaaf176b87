namespace Platform.Contracts.Cluster;

/// <summary>Command: place the workspace on a cluster of the region and create its namespace with quota, limits, policy and RBAC.</summary>
public sealed record ProvisionWorkspace : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Namespace { get; init; }
    public required string Region { get; init; }
}

/// <summary>Event: the workspace's namespace and its objects exist on a cluster.</summary>
public sealed record WorkspaceProvisioned : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required Guid ClusterId { get; init; }
    public required string Namespace { get; init; }
}

/// <summary>Event: provisioning failed for good; nothing was left in the cluster.</summary>
public sealed record WorkspaceProvisioningFailed : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Command: remove the workspace's namespace (and everything in it); refuse later provisioning.</summary>
public sealed record DeprovisionWorkspace : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
    public required string Reason { get; init; }
}

/// <summary>Event: the workspace has no namespace on any cluster.</summary>
public sealed record WorkspaceDeprovisioned : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
}

/// <summary>Request: where a workspace runs and its quota.</summary>
public sealed record GetWorkspacePlacement : IWorkspaceMessage
{
    public required Guid WorkspaceId { get; init; }
}

/// <summary>Response to <see cref="GetWorkspacePlacement"/>.</summary>
public sealed record WorkspacePlacementDetails
{
    public bool Found { get; init; }
    public Guid ClusterId { get; init; }
    public string ClusterName { get; init; } = "";
    public string Region { get; init; } = "";
    public string Namespace { get; init; } = "";
    public WorkspaceQuota Quota { get; init; } = new();
}

/// <summary>Resource quota of a workspace in Kubernetes quantity notation.</summary>
public sealed record WorkspaceQuota
{
    public string Cpu { get; init; } = "";
    public string Memory { get; init; } = "";
    public string Storage { get; init; } = "";
    public int Pods { get; init; }
    public int NodePorts { get; init; }
}
