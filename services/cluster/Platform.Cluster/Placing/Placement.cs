using Platform.Cluster.Clusters;

namespace Platform.Cluster.Placing;

public static class Placement
{
    /// <summary>The cluster of the region with the most CPU left after the quotas already placed on it; null when none fits.</summary>
    public static ClusterRecord? Choose(IEnumerable<ClusterRecord> clusters, IReadOnlyDictionary<Guid, int> reservedCpuCores, string region,
        int requestedCpuCores) =>
        clusters
            .Where(c => string.Equals(c.Region, region, StringComparison.OrdinalIgnoreCase))
            .Select(c => (Cluster: c, Room: c.CapacityCpuCores - reservedCpuCores.GetValueOrDefault(c.Id)))
            .Where(x => x.Room >= requestedCpuCores)
            .OrderByDescending(x => x.Room)
            .ThenBy(x => x.Cluster.Name, StringComparer.Ordinal)
            .Select(x => x.Cluster)
            .FirstOrDefault();
}
