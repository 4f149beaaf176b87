using GraphQL;
using GraphQL.Types;
using Platform.Contracts.Cluster;
using Platform.Gateway.Authorization;
using Platform.Gateway.Connections;
using Platform.Gateway.Services;

namespace Platform.Gateway.Admin;

/// <summary>Clusters for platform admins (<see cref="PlatformPermission.ManageClusters"/>): list them and register new ones.</summary>
public static class ClustersFields
{
    /// <summary>The `clusters` query.</summary>
    public static void AddClusterQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionGraphType<RegisteredClusterType, ClusterSummary>>, Connection<ClusterSummary>>("clusters")
            .Description("Every registered cluster, oldest first, with its capacity and what is placed on it (platform admins only; FORBIDDEN for others).")
            .Argument<IntGraphType>("first", $"How many items from the start (or after `after`), 1 to {ConnectionFields.MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("after", "A cursor: the page starts after this item.")
            .Argument<IntGraphType>("last", $"How many items from the end (or before `before`), 1 to {ConnectionFields.MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("before", "A cursor: the page ends before this item.")
            .ResolveAsync(async c =>
            {
                await PlatformAccess.RequireAsync(c, PlatformPermission.ManageClusters);
                var page = c.PageRequest();
                if (page is { First: { } first, Before: null })
                {
                    var after = page.After is { } key ? new ClusterCursor { RegisteredAt = key.CreatedAt, Id = key.Id } : null;
                    var cut = await Ask<ListClusters, ClusterPage>(c, new ListClusters { First = first, After = after });
                    return Connection<ClusterSummary>.FromPage(cut.Clusters, RegisteredClusterType.CursorKey, cut.HasNextPage, cut.HasPreviousPage, cut.TotalCount);
                }
                var all = await Ask<ListClusters, ClusterPage>(c, new ListClusters());
                return Connection<ClusterSummary>.Slice(all.Clusters, RegisteredClusterType.CursorKey, page);
            });

    /// <summary>The `registerCluster` mutation.</summary>
    public static void AddClusterMutations(this ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<RegisterClusterPayloadType>, RegisterClusterPayload>("registerCluster")
            .Description("Register a cluster workspaces can be placed on, or update the one with the same name (platform admins only). " +
                "Its API server must answer; the kubeconfig is stored encrypted and never returned.")
            .Argument<NonNullGraphType<RegisterClusterInputType>>("input", "The cluster's name, region, capacity and kubeconfig.")
            .ResolveAsync(async c =>
            {
                await PlatformAccess.RequireAsync(c, PlatformPermission.ManageClusters);
                var input = c.GetArgument<RegisterClusterInput>("input");
                var result = await Ask<RegisterCluster, RegisterClusterResult>(c, new RegisterCluster
                {
                    Name = input.Name, Region = input.Region, CapacityCpuCores = input.CapacityCpuCores, Kubeconfig = input.Kubeconfig,
                });
                return new RegisterClusterPayload(result.Cluster, result.Errors);
            });

    static Task<TResponse> Ask<TRequest, TResponse>(IResolveFieldContext context, TRequest request) where TRequest : class where TResponse : class =>
        context.RequestServices!.GetRequiredService<ServiceRequests>().AskAsync<TRequest, TResponse>(request, context.CancellationToken);
}
