using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Messaging;

namespace Platform.Testing;

/// <summary>
/// A MassTransit bus with the platform's naming and a given prefix, standing in for the other services in a test:
/// publishes messages (with a chosen MessageId when needed), sends requests, and records every message of the
/// chosen types it receives on its own temporary queue.
/// </summary>
public sealed class BusProbe : IAsyncDisposable
{
    readonly ServiceProvider _provider;
    readonly ReceivedMessages _received;

    BusProbe(ServiceProvider provider, IBusControl bus, ReceivedMessages received)
    {
        _provider = provider;
        Bus = bus;
        _received = received;
    }

    public IBusControl Bus { get; }

    /// <summary>Starts a probe on <paramref name="rabbitMq"/> that records messages of <paramref name="recorded"/> published with <paramref name="prefix"/>.</summary>
    public static async Task<BusProbe> StartAsync(string rabbitMq, string prefix, params Type[] recorded)
    {
        var received = new ReceivedMessages();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(received);
        var queue = $"{prefix}probe-{Guid.NewGuid():N}"[..Math.Min(200, prefix.Length + 38)];
        services.AddPlatformBus("probe", new PlatformOptions { RabbitMq = rabbitMq, MessagingPrefix = prefix }, x =>
        {
            foreach (var type in recorded)
                x.AddConsumer(typeof(Recorder<>).MakeGenericType(type)).Endpoint(e =>
                {
                    e.Name = queue;
                    e.Temporary = true;
                });
        });
        var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<IBusControl>();
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return new BusProbe(provider, bus, received);
    }

    /// <summary>Publishes like a service's outbox does; <paramref name="messageId"/> fixes the MessageId (to send a duplicate).</summary>
    public Task Publish<T>(T message, Guid? messageId = null) where T : class =>
        Bus.Publish(message, context =>
        {
            if (messageId is { } id)
                context.MessageId = id;
        });

    public async Task<TResponse> Request<TRequest, TResponse>(TRequest request, TimeSpan? timeout = null)
        where TRequest : class where TResponse : class
    {
        var client = Bus.CreateRequestClient<TRequest>(RequestTimeout.After(s: (int)(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds));
        var response = await client.GetResponse<TResponse>(request);
        return response.Message;
    }

    /// <summary>Every recorded message of type <typeparamref name="T"/> so far, in arrival order.</summary>
    public IReadOnlyList<T> All<T>() where T : class => _received.Snapshot().Select(r => r.Message).OfType<T>().ToList();

    /// <summary>Every recorded message of type <typeparamref name="T"/> with its MessageId.</summary>
    public IReadOnlyList<(T Message, Guid? MessageId)> AllWithIds<T>() where T : class =>
        _received.Snapshot().Where(r => r.Message is T).Select(r => ((T)r.Message, r.MessageId)).ToList();

    /// <summary>Awaits the first recorded <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public async Task<T> WaitFor<T>(Func<T, bool> match, TimeSpan timeout, string? what = null) where T : class
    {
        var found = await Eventually.Until(() => Task.FromResult(All<T>().FirstOrDefault(match)), m => m is not null, timeout,
            what ?? $"a {typeof(T).Name}");
        return found!;
    }

    /// <summary>Awaits at least <paramref name="count"/> recorded <typeparamref name="T"/> matching <paramref name="match"/>.</summary>
    public Task<IReadOnlyList<T>> WaitForCount<T>(Func<T, bool> match, int count, TimeSpan timeout, string? what = null) where T : class =>
        Eventually.Until(() => Task.FromResult<IReadOnlyList<T>>(All<T>().Where(match).ToList()), l => l.Count >= count, timeout,
            what ?? $"{count} {typeof(T).Name}");

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await _provider.DisposeAsync();
    }

    sealed class ReceivedMessages
    {
        readonly ConcurrentQueue<(object Message, Guid? MessageId)> _all = new();
        public void Add(object message, Guid? messageId) => _all.Enqueue((message, messageId));
        public IReadOnlyList<(object Message, Guid? MessageId)> Snapshot() => _all.ToArray();
    }

    sealed class Recorder<T>(ReceivedMessages received) : IConsumer<T> where T : class
    {
        public Task Consume(ConsumeContext<T> context)
        {
            received.Add(context.Message, context.MessageId);
            return Task.CompletedTask;
        }
    }
}
