using MassTransit;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Observability;

namespace Platform.Infrastructure.Messaging;

/// <summary>MassTransit over RabbitMQ with the platform's naming, retry and error-queue policy.</summary>
public static class Bus
{
    public static IServiceCollection AddPlatformBus(this IServiceCollection services, string serviceName, PlatformOptions platform,
        Action<IBusRegistrationConfigurator> configure)
    {
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(platform.MessagingPrefix + serviceName + "-", false));
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(platform.RabbitMq));
                if (platform.MessagingPrefix.Length > 0)
                    cfg.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, platform.MessagingPrefix));
                cfg.UseConsumeFilter(typeof(LogContextFilter<>), context);
                // Transient failures (a lost optimistic-concurrency race, a busy database, an unreachable cluster)
                // are retried in place; what still fails goes to the endpoint's _error queue for an operator.
                cfg.UseMessageRetry(r => r.Exponential(8, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100)));
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
