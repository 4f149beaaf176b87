using MassTransit;
using MassTransit.Configuration;
using MassTransit.RetryPolicies;
using RabbitMQ.Client;

namespace Platform.Infrastructure.Messaging;

/// <summary>
/// Durable delayed redelivery without a broker plugin or a scheduler: a delivery whose in-process retries are
/// exhausted is copied, with publisher confirms, into <c>&lt;queue&gt;_redelivery_&lt;seconds&gt;</c>, a durable queue
/// whose message TTL dead-letters the copy back into <c>&lt;queue&gt;</c> when the interval has passed. Only then is
/// the original acknowledged, so a crash in between leaves a duplicate (same MessageId, removed by the inbox),
/// never a loss. When every interval has been used, the failure goes on to MassTransit's <c>_error</c> queue.
/// </summary>
public sealed class Redelivery(MessagingOptions options, BrokerConnection broker, ILogger<Redelivery> logger)
{
    /// <summary>Transport headers a copy must not carry back: the broker's own dead-letter history.</summary>
    static readonly string[] DeadLetterHeaders = ["x-death", "x-first-death-", "x-last-death-"];

    public IReadOnlyList<TimeSpan> Intervals => options.RedeliveryIntervals;

    public static string DelayQueue(string queue, TimeSpan interval) => $"{queue}_redelivery_{(long)interval.TotalSeconds}";

    /// <summary>
    /// How often the delivery has been redelivered: a transport header of the copy, because the copy's body (and with it
    /// MassTransit's envelope headers) is the original's, byte for byte.
    /// </summary>
    public static int RedeliveryCount(ConsumeContext context) =>
        context.ReceiveContext.TransportHeaders.Get<int>(MessageHeaders.RedeliveryCount) ?? 0;

    /// <summary>
    /// Redeliveries left, on a RabbitMQ endpoint that outlives the process: a temporary (auto-delete) queue such as
    /// the bus's response queue may be gone when the copy comes back.
    /// </summary>
    public bool CanRedeliver(ConsumeContext context) =>
        RedeliveryCount(context) < options.RedeliveryIntervals.Count
        && context.ReceiveContext.TryGetPayload<RabbitMqBasicConsumeContext>(out _)
        && !context.ReceiveContext.InputAddress.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Stores the next redelivery of the message being consumed; returns once the broker has confirmed it.</summary>
    public async Task ScheduleAsync(ConsumeContext context, Exception failure)
    {
        var receive = context.ReceiveContext;
        var delivery = receive.GetPayload<RabbitMqBasicConsumeContext>();
        var redelivery = RedeliveryCount(context) + 1;
        var interval = options.RedeliveryIntervals[redelivery - 1];
        var queue = QueueOf(receive.InputAddress);
        var delayQueue = DelayQueue(queue, interval);

        var properties = new BasicProperties(delivery.Properties)
        {
            Headers = Copy(delivery.Properties.Headers, redelivery),
            Persistent = true,
        };
        // The delay is the queue's TTL; a shorter per-message expiration would bring the copy back early.
        properties.ClearExpiration();

        await using var channel = await broker.OpenChannelAsync(context.CancellationToken);
        await channel.QueueDeclareAsync(delayQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?>
            {
                ["x-message-ttl"] = (long)interval.TotalMilliseconds,
                ["x-dead-letter-exchange"] = "",
                ["x-dead-letter-routing-key"] = queue,
            },
            cancellationToken: context.CancellationToken);
        await channel.BasicPublishAsync("", delayQueue, mandatory: true, properties, receive.Body.GetBytes(), context.CancellationToken);

        logger.LogWarning(failure, "Delivery failed after its retries; redelivery {Redelivery} of {Redeliveries} in {Interval} through {DelayQueue}",
            redelivery, options.RedeliveryIntervals.Count, interval, delayQueue);
    }

    /// <summary>The queue of a RabbitMQ receive endpoint address: rabbitmq://host[/vhost]/queue[?options].</summary>
    public static string QueueOf(Uri inputAddress) => Uri.UnescapeDataString(inputAddress.AbsolutePath.Split('/')[^1]);

    static Dictionary<string, object?> Copy(IDictionary<string, object?>? headers, int redelivery)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
            if (!DeadLetterHeaders.Any(h => key.StartsWith(h, StringComparison.OrdinalIgnoreCase)))
                copy[key] = value;
        copy[MessageHeaders.RedeliveryCount] = redelivery;
        return copy;
    }
}

/// <summary>
/// Sits outside the in-process retry filter, so it sees only a delivery's final failure: it schedules a
/// redelivery (and the delivery counts as handled) or, when redeliveries are used up, lets the failure through
/// to the error queue. Fault events are held back until then, so a redelivered message publishes no Fault.
/// </summary>
public sealed class RedeliveryFilter<T>(Redelivery redelivery) : IFilter<ConsumeContext<T>> where T : class
{
    static readonly IRetryPolicy HoldFaults = Retry.Immediate(1);

    public async Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        var attempt = new RetryConsumeContext<T>(context, HoldFaults, null!);
        try
        {
            await next.Send(attempt);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The endpoint is stopping: the unacknowledged delivery goes back to its queue as it is.
            throw;
        }
        catch (Exception failure)
        {
            if (!redelivery.CanRedeliver(context))
            {
                await attempt.NotifyPendingFaults();
                throw;
            }
            try
            {
                await redelivery.ScheduleAsync(context, failure);
            }
            catch (Exception scheduling)
            {
                await attempt.NotifyPendingFaults();
                throw new AggregateException("The failed delivery could not be scheduled for redelivery.", failure, scheduling);
            }
            await context.NotifyConsumed(context, context.ReceiveContext.ElapsedTime, nameof(Redelivery));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("redelivery").Add("intervals", string.Join(",", redelivery.Intervals));
}

/// <summary>
/// Adds <see cref="RedeliveryFilter{T}"/> to every message type's consume pipe of every endpoint, at the same level as
/// UseMessageRetry; connected before it, the redelivery filter wraps the retry filter.
/// </summary>
public sealed class RedeliveryConfigurationObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    readonly Redelivery _redelivery;

    RedeliveryConfigurationObserver(IConsumePipeConfigurator configurator, Redelivery redelivery)
        : base(configurator)
    {
        _redelivery = redelivery;
        Connect(this);
    }

    public static void UseRedelivery(IConsumePipeConfigurator configurator, Redelivery redelivery) =>
        _ = new RedeliveryConfigurationObserver(configurator, redelivery);

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator) where TMessage : class =>
        configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new RedeliveryFilter<TMessage>(_redelivery)));
}
