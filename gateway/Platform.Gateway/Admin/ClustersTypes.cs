using GraphQL.Types;
using Platform.Contracts;
using Platform.Contracts.Cluster;
using Platform.Gateway.Connections;
using Platform.Gateway.Schema;

namespace Platform.Gateway.Admin;

/// <summary>
/// A registered cluster as platform admins see it: capacity and what is placed on it, never its kubeconfig. (Named
/// RegisteredCluster because `Cluster` is where a workspace runs, as its members see it.)
/// </summary>
public sealed class RegisteredClusterType : ObjectGraphType<ClusterSummary>
{
    public RegisteredClusterType()
    {
        Name = "RegisteredCluster";
        Description = "A Kubernetes cluster workspaces can be placed on, as platform admins see it. Its kubeconfig is stored encrypted and never shown.";
        Field<NonNullGraphType<IdGraphType>, Guid>("id").Description("The cluster's id (the one a workspace's `cluster` shows).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>, string>("name").Description("The cluster's name, unique (a DNS label).").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>, string>("region").Description("The region its workspaces ask for.").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<IntGraphType>, int>("capacityCpuCores").Description("The CPU cores workspaces may reserve on it in all.")
            .Resolve(c => c.Source.CapacityCpuCores);
        Field<NonNullGraphType<IntGraphType>, int>("reservedCpuCores").Description("The CPU cores the workspaces placed on it reserve (their quotas).")
            .Resolve(c => c.Source.ReservedCpuCores);
        Field<NonNullGraphType<IntGraphType>, int>("workspaceCount").Description("How many workspaces are placed on it.").Resolve(c => c.Source.WorkspaceCount);
        Field<NonNullGraphType<DateTimeOffsetGraphType>, DateTimeOffset>("registeredAt").Description("When it was first registered (ISO 8601).")
            .Resolve(c => c.Source.RegisteredAt);
    }

    public static CursorKey CursorKey(ClusterSummary cluster) => new(cluster.RegisteredAt, cluster.Id);
}

/// <summary>The arguments of registerCluster.</summary>
public sealed class RegisterClusterInput
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public int CapacityCpuCores { get; set; }
    public string Kubeconfig { get; set; } = "";
}

public sealed class RegisterClusterInputType : InputObjectGraphType<RegisterClusterInput>
{
    public RegisterClusterInputType()
    {
        Name = "RegisterClusterInput";
        Description = "A cluster to register, or the new settings of the one with that name.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("A DNS label (lower-case letters, digits and '-', at most 63), unique; an existing name updates that cluster.");
        Field<NonNullGraphType<StringGraphType>>("region").Description("The region it serves, e.g. eu-west-1 (lower-case letters, digits and '-').");
        Field<NonNullGraphType<IntGraphType>>("capacityCpuCores").Description("The CPU cores workspaces may reserve on it in all, at least 1.");
        Field<NonNullGraphType<StringGraphType>>("kubeconfig")
            .Description("A kubeconfig (YAML) whose current context reaches the cluster's API server; it must answer GET /version. Stored encrypted, never shown again.");
    }
}

/// <summary>What registerCluster returns.</summary>
public sealed record RegisterClusterPayload(ClusterSummary? Cluster, IReadOnlyList<UserError> UserErrors);

public sealed class RegisterClusterPayloadType : ObjectGraphType<RegisterClusterPayload>
{
    public RegisterClusterPayloadType()
    {
        Name = "RegisterClusterPayload";
        Description = "The result of registerCluster.";
        Field<RegisteredClusterType, ClusterSummary?>("cluster").Description("The cluster as registered; null when it failed.").Resolve(c => c.Source.Cluster);
        this.UserErrorsField("Why it failed (INVALID_NAME, INVALID_REGION, INVALID_CAPACITY, INVALID_KUBECONFIG, CLUSTER_UNREACHABLE); empty on success.", p => p.UserErrors);
    }
}
