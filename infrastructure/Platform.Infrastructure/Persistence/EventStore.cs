using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.MultiTenancy;
using Marten;
using Platform.Infrastructure.Observability;
using Platform.Infrastructure.Hosting;

namespace Platform.Infrastructure.Persistence;

/// <summary>Marten for one service: its own schema, conjoined tenancy by workspace id, strict event settings.</summary>
public static class EventStore
{
    /// <summary>The Marten tenant used for platform-level data that belongs to no single workspace.</summary>
    public const string PlatformTenant = StorageConstants.DefaultTenantId;

    public static string TenantOf(Guid workspaceId) => workspaceId.ToString("D");

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddPlatformMarten(
        this IServiceCollection services, string serviceName, PlatformOptions platform, Action<StoreOptions> configure)
    {
        var schema = (platform.SchemaPrefix + serviceName).Replace('-', '_').ToLowerInvariant();
        var expression = services.AddMarten(options =>
        {
            options.Connection(platform.Postgres);
            options.DatabaseSchemaName = schema;
            options.Events.DatabaseSchemaName = schema;
            options.Events.TenancyStyle = TenancyStyle.Conjoined;
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            options.Events.UseMandatoryStreamTypeDeclaration = true;
            options.Events.MetadataConfig.CorrelationIdEnabled = true;
            options.Events.MetadataConfig.CausationIdEnabled = true;
            options.RecordTraceContext();
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.DisableNpgsqlLogging = true;
            options.Schema.For<InboxEntry>().Identity(x => x.Id);
            // Every step of a saga crosses the event-log outbox, so how often the daemon looks for new events is
            // most of a step's latency (Marten's defaults: 250 ms busy, 1 s idle).
            options.Projections.FastPollingTime = platform.DaemonPollingInterval;
            options.Projections.SlowPollingTime = platform.DaemonPollingInterval * 2;
            configure(options);
        });
        expression.UseLightweightSessions().ApplyAllDatabaseChangesOnStartup();
        expression.AddAsyncDaemon(Enum.Parse<DaemonMode>(platform.DaemonMode, ignoreCase: true));
        return expression;
    }
}

/// <summary>Marks a message a consumer has already handled; written in the consumer's own transaction.</summary>
public sealed record InboxEntry(string Id, DateTimeOffset HandledAt);
