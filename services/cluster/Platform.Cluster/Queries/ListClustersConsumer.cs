using Marten;
using MassTransit;
using Platform.Cluster.Clusters;
using Platform.Cluster.RegisteringClusters;
using Platform.Contracts.Cluster;

namespace Platform.Cluster.Queries;

/// <summary>A page of the registered clusters, oldest first, with the CPU and workspaces placed on each; never a kubeconfig.</summary>
public sealed class ListClustersConsumer(IDocumentStore store) : IConsumer<ListClusters>
{
    public async Task Consume(ConsumeContext<ListClusters> context)
    {
        var ct = context.CancellationToken;
        await using var session = store.QuerySession();
        var clusters = (await session.Query<ClusterRecord>().ToListAsync(ct))
            .OrderBy(c => c.RegisteredAt.UtcTicks).ThenBy(c => c.Id).ToList();
        var placed = (await session.Query<PlacementRecord>().ToListAsync(ct))
            .GroupBy(p => p.ClusterId)
            .ToDictionary(g => g.Key, g => (Reserved: g.Sum(p => p.ReservedCpuCores), Count: g.Count()));

        var start = 0;
        if (context.Message.After is { } after)
            start = clusters.FindIndex(c => c.RegisteredAt.UtcTicks > after.RegisteredAt.UtcTicks
                || (c.RegisteredAt.UtcTicks == after.RegisteredAt.UtcTicks && c.Id.CompareTo(after.Id) > 0)) is var i && i >= 0 ? i : clusters.Count;
        var end = context.Message.First is { } first ? Math.Min(clusters.Count, start + Math.Max(0, first)) : clusters.Count;

        await context.RespondAsync(new ClusterPage
        {
            Clusters = clusters.GetRange(start, end - start)
                .Select(c => ClusterSummaries.Of(c, placed.GetValueOrDefault(c.Id).Reserved, placed.GetValueOrDefault(c.Id).Count))
                .ToList(),
            HasNextPage = end < clusters.Count,
            HasPreviousPage = start > 0,
            TotalCount = clusters.Count,
        });
    }
}
