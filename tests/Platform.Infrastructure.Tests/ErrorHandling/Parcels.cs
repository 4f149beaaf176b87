using System.Collections.Concurrent;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.ErrorHandling;

public sealed record ParcelShipped
{
    public Guid ParcelId { get; init; }
}

/// <summary>One row per effective handling of a ParcelShipped.</summary>
public sealed record Shipment(Guid Id, Guid ParcelId, Guid MessageId);

/// <summary>One delivery of a ParcelShipped to the consumer: its message id, the redelivery it came with, whether it failed.</summary>
public sealed record ShippingAttempt(Guid MessageId, int Redelivery, bool Failed);

/// <summary>Decides which deliveries the consumer fails, shared by the test and every host it starts.</summary>
public sealed class Carrier
{
    readonly ConcurrentQueue<ShippingAttempt> _attempts = new();
    int _failuresLeft;

    public IReadOnlyList<ShippingAttempt> Attempts => _attempts.ToArray();

    public void FailNext(int attempts) => Volatile.Write(ref _failuresLeft, attempts);

    public void FailAlways() => Volatile.Write(ref _failuresLeft, int.MaxValue);

    public void Recover() => Volatile.Write(ref _failuresLeft, 0);

    public bool Attempt(ConsumeContext context)
    {
        var fail = Interlocked.Decrement(ref _failuresLeft) >= 0;
        if (!fail)
            Interlocked.Exchange(ref _failuresLeft, 0);
        _attempts.Enqueue(new ShippingAttempt(context.MessageId!.Value, Redelivery.RedeliveryCount(context), fail));
        return !fail;
    }
}

public sealed class ParcelShippedConsumer(IDocumentStore store, Carrier carrier) : IdempotentConsumer<ParcelShipped>(store)
{
    protected override Task Handle(ConsumeContext<ParcelShipped> context, IDocumentSession session)
    {
        if (!carrier.Attempt(context))
            throw new InvalidOperationException("The carrier is unreachable.");
        session.Insert(new Shipment(Guid.NewGuid(), context.Message.ParcelId, context.MessageId!.Value));
        return Task.CompletedTask;
    }
}

/// <summary>A service with one flaky consumer, one in-process retry and redeliveries after 1 s and 2 s.</summary>
public static class ShippingService
{
    public static readonly IDictionary<string, string?> FastRedelivery = new Dictionary<string, string?>
    {
        ["Platform:Messaging:RetryLimit"] = "1",
        ["Platform:Messaging:RedeliveryIntervals"] = "00:00:01,00:00:02",
    };

    public static void Configure(PlatformServiceBuilder service) => service
        .Store(o => o.Schema.For<Shipment>())
        .Messaging(x => x.AddConsumer<ParcelShippedConsumer>());

    public static string Queue(TestService service) => service.EndpointNames.Consumer<ParcelShippedConsumer>();

    public static async Task<IReadOnlyList<Shipment>> ShipmentsAsync(WebApplication app, Guid parcelId)
    {
        await using var query = app.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await query.Query<Shipment>().Where(s => s.ParcelId == parcelId).ToListAsync();
    }

    public static async Task<Guid> ShipAsync(WebApplication app, Guid parcelId)
    {
        var messageId = Guid.NewGuid();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));
        await app.Services.GetRequiredService<IBus>().Publish(new ParcelShipped { ParcelId = parcelId }, c => c.MessageId = messageId);
        return messageId;
    }
}
