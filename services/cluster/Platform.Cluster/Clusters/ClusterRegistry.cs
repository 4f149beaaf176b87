using System.Collections.Concurrent;
using System.Text;
using k8s;
using Marten;

namespace Platform.Cluster.Clusters;

/// <summary>Registered clusters and a cached Kubernetes client for each.</summary>
public sealed class ClusterRegistry(IDocumentStore store, KubeconfigProtector protector)
{
    readonly ConcurrentDictionary<Guid, IKubernetes> _clients = new();

    /// <summary>Registers a cluster, or updates the one with the same name (re-registering is idempotent).</summary>
    public async Task<ClusterRecord> RegisterAsync(string name, string region, int capacityCpuCores, string kubeconfig, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var existing = await session.Query<ClusterRecord>().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        var record = new ClusterRecord(existing?.Id ?? Guid.NewGuid(), name, region, capacityCpuCores, protector.Protect(kubeconfig),
            existing?.RegisteredAt ?? now);
        session.Store(record);
        await session.SaveChangesAsync(cancellationToken);
        _clients.TryRemove(record.Id, out _);
        return record;
    }

    public IKubernetes Client(ClusterRecord cluster) => _clients.GetOrAdd(cluster.Id, _ =>
    {
        using var kubeconfig = new MemoryStream(Encoding.UTF8.GetBytes(protector.Unprotect(cluster.EncryptedKubeconfig)));
        return new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    });
}

/// <summary>Registers the cluster named in configuration (Platform:Cluster:Default:{Name,Region,CapacityCpuCores,KubeconfigPath}) at start.</summary>
public sealed class DefaultClusterRegistration(ClusterRegistry registry, IConfiguration configuration, TimeProvider clock,
    ILogger<DefaultClusterRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = configuration["Platform:Cluster:Default:KubeconfigPath"];
        if (string.IsNullOrWhiteSpace(path))
            return;
        var name = configuration["Platform:Cluster:Default:Name"] ?? "kubesim";
        var region = configuration["Platform:Cluster:Default:Region"] ?? "local";
        var capacity = configuration.GetValue("Platform:Cluster:Default:CapacityCpuCores", 1024);
        var record = await registry.RegisterAsync(name, region, capacity, await File.ReadAllTextAsync(path, cancellationToken),
            clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Cluster {ClusterName} ({ClusterId}) registered in region {Region}", record.Name, record.Id, record.Region);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
