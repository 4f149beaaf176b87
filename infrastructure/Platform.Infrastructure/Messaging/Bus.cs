using MassTransit;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Observability;

namespace Platform.Infrastructure.Messaging;

/// <summary>MassTransit over RabbitMQ with the platform's naming, retry, redelivery and error-queue policy.</summary>
public static class Bus
{
    public static IServiceCollection AddPlatformBus(this IServiceCollection services, string serviceName, PlatformOptions platform,
        Action<IBusRegistrationConfigurator> configure, MessagingOptions? messaging = null)
    {
        messaging ??= new MessagingOptions();
        var endpointPrefix = platform.MessagingPrefix + serviceName + "-";
        services.AddSingleton(messaging);
        // Factories, not instances, so that the container disposes the connection with the host.
        services.AddSingleton(_ => new BrokerConnection(new Uri(platform.RabbitMq), serviceName));
        // Queue names are the endpoint name formatter's: it turns the prefix into kebab case as well.
        var endpointNames = new KebabCaseEndpointNameFormatter(endpointPrefix, false);
        services.AddSingleton(sp => new ErrorQueues(endpointNames.SanitizeName(endpointPrefix), sp.GetRequiredService<BrokerConnection>()));
        services.AddSingleton<Redelivery>();
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(endpointNames);
            x.AddConfigureEndpointsCallback((context, name, _) => context.GetRequiredService<ErrorQueues>().Add(name));
            configure(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(new Uri(platform.RabbitMq));
                if (platform.MessagingPrefix.Length > 0)
                    cfg.MessageTopology.SetEntityNameFormatter(
                        new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, platform.MessagingPrefix));
                cfg.UseConsumeFilter(typeof(LogContextFilter<>), context);
                // Order matters: the redelivery filter wraps the retry filter, so it sees a delivery's final failure.
                // Transient failures (a lost optimistic-concurrency race, a busy database, an unreachable cluster)
                // are retried in place; what still fails is redelivered later from a delay queue, and what fails
                // every redelivery goes to the endpoint's _error queue for an operator (see ErrorQueues).
                RedeliveryConfigurationObserver.UseRedelivery(cfg, context.GetRequiredService<Redelivery>());
                cfg.UseMessageRetry(r => r.Exponential(messaging.RetryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5),
                    TimeSpan.FromMilliseconds(100)));
                cfg.ConfigureEndpoints(context);
            });
        });
        return services;
    }
}
