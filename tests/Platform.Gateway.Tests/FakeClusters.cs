using System.Collections.Concurrent;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Cluster;

namespace Platform.Gateway.Tests;

/// <summary>
/// The fake cluster service's registered clusters, in memory. It does what it is asked (a kubeconfig "unreachable" is
/// CLUSTER_UNREACHABLE), so a refusal seen by a test is the gateway's; <see cref="ClusterRequests"/> shows what got through.
/// </summary>
public sealed partial class FakeServices
{
    readonly ConcurrentDictionary<string, ClusterSummary> _clusters = new();

    /// <summary>Every RegisterCluster that reached the fake cluster service.</summary>
    public ConcurrentQueue<RegisterCluster> ClusterRequests { get; } = new();

    /// <summary>A kubeconfig the fake cluster service treats as pointing at an API server that does not answer.</summary>
    public const string UnreachableKubeconfig = "unreachable";

    /// <summary>A registered cluster put straight into memory.</summary>
    public ClusterSummary AddCluster(string name, string region, int capacityCpuCores = 64) =>
        _clusters[name] = new ClusterSummary
        {
            Id = Guid.NewGuid(), Name = name, Region = region, CapacityCpuCores = capacityCpuCores, ReservedCpuCores = 16, WorkspaceCount = 1,
            RegisteredAt = DateTimeOffset.UtcNow,
        };

    void HandleClusters(IReceiveEndpointConfigurator e)
    {
        e.Handler<ListClusters>(c =>
        {
            var all = _clusters.Values.OrderBy(x => x.RegisteredAt).ThenBy(x => x.Id).ToList();
            var start = c.Message.After is { } after
                ? all.FindIndex(x => x.RegisteredAt > after.RegisteredAt || (x.RegisteredAt == after.RegisteredAt && x.Id.CompareTo(after.Id) > 0)) is var i && i >= 0 ? i : all.Count
                : 0;
            var end = c.Message.First is { } first ? Math.Min(all.Count, start + first) : all.Count;
            return c.RespondAsync(new ClusterPage
            {
                Clusters = all.GetRange(start, end - start), HasNextPage = end < all.Count, HasPreviousPage = start > 0, TotalCount = all.Count,
            });
        });
        e.Handler<RegisterCluster>(c =>
        {
            ClusterRequests.Enqueue(c.Message);
            if (c.Message.Kubeconfig == UnreachableKubeconfig)
                return c.RespondAsync(new RegisterClusterResult
                {
                    Errors = [new UserError { Field = "kubeconfig", Code = ClusterErrorCodes.ClusterUnreachable, Message = "The API server did not answer." }],
                });
            var cluster = _clusters.AddOrUpdate(c.Message.Name,
                name => new ClusterSummary
                {
                    Id = Guid.NewGuid(), Name = name, Region = c.Message.Region, CapacityCpuCores = c.Message.CapacityCpuCores, RegisteredAt = DateTimeOffset.UtcNow,
                },
                (_, existing) => existing with { Region = c.Message.Region, CapacityCpuCores = c.Message.CapacityCpuCores });
            return c.RespondAsync(new RegisterClusterResult { Cluster = cluster });
        });
    }
}
