using System.Collections.Concurrent;

namespace Platform.Infrastructure.Tests.Hosting;

/// <summary>What the host's consumers and sagas finished consuming, so a test can wait until the bus is quiet.</summary>
public sealed class DeliveryLog : IConsumeObserver
{
    readonly ConcurrentQueue<Delivery> _finished = new();
    int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    public IReadOnlyList<Delivery> Finished => _finished.ToArray();

    public int Consumed<T>(Guid? messageId = null) =>
        _finished.Count(d => d.MessageType == typeof(T) && d.Fault is null && (messageId is null || d.MessageId == messageId));

    public IReadOnlyList<Exception> Faults<T>() =>
        _finished.Where(d => d.MessageType == typeof(T) && d.Fault is not null).Select(d => d.Fault!).ToList();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class
    {
        Interlocked.Increment(ref _inFlight);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        _finished.Enqueue(new Delivery(typeof(T), context.MessageId, null));
        Interlocked.Decrement(ref _inFlight);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        _finished.Enqueue(new Delivery(typeof(T), context.MessageId, exception));
        Interlocked.Decrement(ref _inFlight);
        return Task.CompletedTask;
    }
}

public sealed record Delivery(Type MessageType, Guid? MessageId, Exception? Fault);
