using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Observability;
using Platform.Infrastructure.Outbox;
using Platform.Infrastructure.Persistence;
using Platform.Infrastructure.Sagas;
using Platform.Infrastructure.Security;
using Prometheus;
using Serilog;
using Serilog.Formatting.Compact;

namespace Platform.Infrastructure.Hosting;

/// <summary>What a service plugs into the shared plumbing.</summary>
public sealed class PlatformServiceBuilder
{
    internal Action<StoreOptions>? ConfigureStore { get; private set; }
    internal Action<IBusRegistrationConfigurator>? ConfigureBus { get; private set; }
    internal Type? EventMap { get; private set; }

    /// <summary>Document and event types of the service's Marten store.</summary>
    public PlatformServiceBuilder Store(Action<StoreOptions> configure) { ConfigureStore = configure; return this; }

    /// <summary>Consumers and sagas of the service.</summary>
    public PlatformServiceBuilder Messaging(Action<IBusRegistrationConfigurator> configure) { ConfigureBus = configure; return this; }

    /// <summary>Publish integration messages for committed domain events (the event-log outbox).</summary>
    public PlatformServiceBuilder PublishEvents<TMap>() where TMap : class, IIntegrationEventMap { EventMap = typeof(TMap); return this; }
}

public static class PlatformDefaults
{
    /// <summary>Serilog, Marten, MassTransit, outbox, health and metrics for one service.</summary>
    public static WebApplicationBuilder AddPlatformDefaults(this WebApplicationBuilder builder, string serviceName,
        Action<PlatformServiceBuilder> configure)
    {
        var platform = PlatformOptions.From(builder.Configuration);
        var service = new PlatformServiceBuilder();
        configure(service);

        builder.AddPlatformLogging(serviceName);
        builder.AddPlatformTracing(serviceName);
        builder.Services.AddSingleton(platform);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new SagaDeadlineOptions
        {
            PollInterval = builder.Configuration.GetValue("Platform:Sagas:DeadlinePollInterval", TimeSpan.FromMilliseconds(500)),
        });

        var marten = builder.Services.AddPlatformMarten(serviceName, platform, options => service.ConfigureStore?.Invoke(options));
        if (service.EventMap is not null)
        {
            builder.Services.AddSingleton(typeof(IIntegrationEventMap), service.EventMap);
            marten.AddSubscriptionWithServices<IntegrationEventForwarder>(ServiceLifetime.Singleton, o =>
            {
                o.Name = IntegrationEventForwarder.SubscriptionId;
                o.Options.BatchSize = 100;
            });
        }

        var messaging = MessagingOptions.From(builder.Configuration);
        builder.Services.AddPlatformBus(serviceName, platform, x => service.ConfigureBus?.Invoke(x), messaging);
        if (messaging.ErrorQueueAdmin)
            builder.Services.AddSingleton(new ErrorQueueAdmin(
                Secrets.Key(builder.Configuration, "Platform:Messaging:AdminToken", "admin-token")));
        builder.Services.AddSingleton(new NpgsqlDataSourceBuilder(platform.Postgres).Build());
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", tags: ["ready"]);
        return builder;
    }

    /// <summary>Serilog: readable lines in development, compact JSON when Platform:Logging:Json is true.</summary>
    public static WebApplicationBuilder AddPlatformLogging(this WebApplicationBuilder builder, string serviceName)
    {
        var json = builder.Configuration.GetValue("Platform:Logging:Json", false);
        builder.Services.AddSerilog((services, logger) =>
        {
            // Platform's defaults first, so that a "Serilog" section in configuration (e.g. Serilog__MinimumLevel__Default=Debug,
            // Serilog__MinimumLevel__Override__MassTransit=Information) replaces them.
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("MassTransit", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", Serilog.Events.LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Service", serviceName);
            if (json)
                logger.WriteTo.Console(new CompactJsonFormatter());
            else
                logger.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Service} {SourceContext} corr={CorrelationId} ws={WorkspaceId} msg={MessageId} trace={TraceId} {Message:lj}{NewLine}{Exception}");
        });
        return builder;
    }

    /// <summary>/health/live, /health/ready (PostgreSQL and RabbitMQ), /metrics and, on services, /admin/error-queues.</summary>
    public static WebApplication MapPlatformEndpoints(this WebApplication app)
    {
        app.UseHttpMetrics();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapMetrics("/metrics");
        // Only services built with AddPlatformDefaults get the admin endpoints, not the public gateway.
        if (app.Services.GetService<ErrorQueueAdmin>() is not null)
            app.MapErrorQueueEndpoints();
        return app;
    }
}

sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable", ex);
        }
    }
}
