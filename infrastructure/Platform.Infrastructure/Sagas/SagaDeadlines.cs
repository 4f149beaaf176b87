using Marten;
using MassTransit;
using Platform.Infrastructure.Messaging;

namespace Platform.Infrastructure.Sagas;

/// <summary>A saga whose current step must be answered before <see cref="DeadlineAt"/>.</summary>
public interface ISagaWithDeadline : SagaStateMachineInstance
{
    /// <summary>When the current step times out; null when no step is waiting.</summary>
    DateTimeOffset? DeadlineAt { get; }
}

/// <summary>How often deadlines are checked (Platform:Sagas:DeadlinePollInterval).</summary>
public sealed class SagaDeadlineOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}

/// <summary>
/// Durable saga timeouts: the deadline is part of the saga document in PostgreSQL, so it survives a restart of
/// every process. Any replica that sees an elapsed deadline publishes the saga's timeout message with an id
/// derived from (saga, deadline); the state machine ignores a timeout for a step it has already left.
/// </summary>
public sealed class SagaDeadlineWatcher<TSaga>(
    IDocumentStore store, IBus bus, SagaDeadlineOptions options, Func<TSaga, object> timeoutMessage,
    TimeProvider clock, ILogger<SagaDeadlineWatcher<TSaga>> logger) : BackgroundService
    where TSaga : class, ISagaWithDeadline
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await PublishElapsed(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Checking {Saga} deadlines failed; will retry", typeof(TSaga).Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PublishElapsed(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var session = store.QuerySession();
        var elapsed = await session.Query<TSaga>()
            .Where(x => x.DeadlineAt != null && x.DeadlineAt <= now)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var saga in elapsed)
        {
            var message = timeoutMessage(saga);
            var messageId = DeterministicIds.From($"saga-deadline/{saga.CorrelationId:N}/{saga.DeadlineAt:O}");
            logger.LogInformation("{Saga} {CorrelationId} passed its deadline {DeadlineAt}", typeof(TSaga).Name, saga.CorrelationId, saga.DeadlineAt);
            await bus.Publish(message, message.GetType(), c =>
            {
                c.MessageId = messageId;
                c.CorrelationId = saga.CorrelationId;
            }, cancellationToken);
        }
    }
}

public static class SagaDeadlineRegistration
{
    /// <summary>Watches <typeparamref name="TSaga"/> deadlines and publishes <paramref name="timeoutMessage"/> when one passes.</summary>
    public static IServiceCollection AddSagaDeadlines<TSaga>(this IServiceCollection services, Func<TSaga, object> timeoutMessage)
        where TSaga : class, ISagaWithDeadline
    {
        services.AddSingleton(timeoutMessage);
        services.AddSingleton<SagaDeadlineWatcher<TSaga>>();
        services.AddHostedService(sp => sp.GetRequiredService<SagaDeadlineWatcher<TSaga>>());
        services.AddSingleton<IConfigureMarten>(new DeadlineIndex<TSaga>());
        return services;
    }

    sealed class DeadlineIndex<TSaga> : IConfigureMarten where TSaga : class, ISagaWithDeadline
    {
        public void Configure(IServiceProvider services, StoreOptions options) => options.Schema.For<TSaga>().Index(x => x.DeadlineAt!);
    }
}
