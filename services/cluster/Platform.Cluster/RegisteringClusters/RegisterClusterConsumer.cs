using System.Text;
using System.Text.RegularExpressions;
using k8s;
using Marten;
using MassTransit;
using Platform.Cluster.Clusters;
using Platform.Contracts;
using Platform.Contracts.Cluster;

namespace Platform.Cluster.RegisteringClusters;

/// <summary>
/// Registers a cluster for platform admins (or updates the one with the same name): checks the name, region and capacity, that the
/// kubeconfig parses and that its API server answers GET /version, then stores it encrypted. Answers with a summary, never the kubeconfig.
/// </summary>
public sealed partial class RegisterClusterConsumer(IDocumentStore store, ClusterRegistry registry, TimeProvider clock,
    ILogger<RegisterClusterConsumer> logger) : IConsumer<RegisterCluster>
{
    /// <summary>How long the API server has to answer GET /version.</summary>
    public static readonly TimeSpan ReachTimeout = TimeSpan.FromSeconds(5);

    public const int MaxCapacityCpuCores = 1_000_000;
    public const int MaxKubeconfigLength = 256 * 1024;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    public async Task Consume(ConsumeContext<RegisterCluster> context)
    {
        var command = context.Message;
        var errors = Validate(command);
        if (errors.Count == 0 && await ReachAsync(command.Kubeconfig, context.CancellationToken) is { } unreachable)
            errors.Add(unreachable);
        if (errors.Count > 0)
        {
            await context.RespondAsync(new RegisterClusterResult { Errors = errors });
            return;
        }

        var record = await registry.RegisterAsync(command.Name, command.Region, command.CapacityCpuCores, command.Kubeconfig, clock.GetUtcNow(),
            context.CancellationToken);
        logger.LogInformation("Cluster {ClusterName} ({ClusterId}) registered in region {Region} by an admin", record.Name, record.Id, record.Region);
        await using var session = store.QuerySession();
        var placements = await session.Query<PlacementRecord>().Where(p => p.ClusterId == record.Id).ToListAsync(context.CancellationToken);
        await context.RespondAsync(new RegisterClusterResult
        {
            Cluster = ClusterSummaries.Of(record, placements.Sum(p => p.ReservedCpuCores), placements.Count),
        });
    }

    static List<UserError> Validate(RegisterCluster command)
    {
        var errors = new List<UserError>();
        if (!DnsLabel().IsMatch(command.Name ?? ""))
            errors.Add(Error("name", ClusterErrorCodes.InvalidName,
                "The name must be a DNS label: 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit."));
        if (!DnsLabel().IsMatch(command.Region ?? ""))
            errors.Add(Error("region", ClusterErrorCodes.InvalidRegion,
                "The region must be 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit."));
        if (command.CapacityCpuCores is < 1 or > MaxCapacityCpuCores)
            errors.Add(Error("capacityCpuCores", ClusterErrorCodes.InvalidCapacity, $"The capacity must be 1 to {MaxCapacityCpuCores:N0} CPU cores."));
        if (string.IsNullOrWhiteSpace(command.Kubeconfig) || command.Kubeconfig.Length > MaxKubeconfigLength || Parse(command.Kubeconfig) is null)
            errors.Add(Error("kubeconfig", ClusterErrorCodes.InvalidKubeconfig,
                "The kubeconfig must be a valid kubeconfig file (YAML) with a current context, cluster and user."));
        return errors;
    }

    static KubernetesClientConfiguration? Parse(string kubeconfig)
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(stream);
            return Uri.TryCreate(configuration.Host, UriKind.Absolute, out var host) && host.Scheme is "https" or "http" ? configuration : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Null when the API server answers GET /version in time; the CLUSTER_UNREACHABLE error otherwise.</summary>
    async Task<UserError?> ReachAsync(string kubeconfig, CancellationToken cancellationToken)
    {
        var configuration = Parse(kubeconfig)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReachTimeout);
        try
        {
            configuration.HttpClientTimeout = ReachTimeout;
            using var client = new Kubernetes(configuration);
            var version = await client.Version.GetCodeAsync(timeout.Token);
            logger.LogInformation("Cluster API server {Host} answered version {Version}", configuration.Host, version.GitVersion);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Cluster API server {Host} did not answer GET /version: {Error}", configuration.Host, ex.GetType().Name);
            return Error("kubeconfig", ClusterErrorCodes.ClusterUnreachable,
                $"The cluster's API server did not answer GET /version within {ReachTimeout.TotalSeconds:0} seconds.");
        }
    }

    static UserError Error(string field, string code, string message) => new() { Field = field, Code = code, Message = message };
}

/// <summary>What admins see of a cluster.</summary>
public static class ClusterSummaries
{
    public static ClusterSummary Of(ClusterRecord record, int reservedCpuCores, int workspaceCount) => new()
    {
        Id = record.Id, Name = record.Name, Region = record.Region, CapacityCpuCores = record.CapacityCpuCores,
        ReservedCpuCores = reservedCpuCores, WorkspaceCount = workspaceCount, RegisteredAt = record.RegisteredAt,
    };
}
