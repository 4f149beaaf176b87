using System.Collections.Concurrent;
using System.Diagnostics;
using JasperFx.Events;
using Marten;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Platform.Infrastructure.Hosting;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Outbox;

namespace Platform.Benchmarks;

public sealed record BenchMessage
{
    public int Index { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>Counts what arrived and when, for the publisher to wait on.</summary>
public sealed class Arrivals
{
    public ConcurrentDictionary<int, double> LatencyMs { get; } = new();
    public TaskCompletionSource All { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Expected { get; set; }

    public void Arrived(int index, DateTimeOffset sentAt)
    {
        LatencyMs.TryAdd(index, (DateTimeOffset.UtcNow - sentAt).TotalMilliseconds);
        if (LatencyMs.Count >= Expected)
            All.TrySetResult();
    }
}

public sealed class PlainConsumer(Arrivals arrivals) : IConsumer<BenchMessage>
{
    public Task Consume(ConsumeContext<BenchMessage> context)
    {
        arrivals.Arrived(context.Message.Index, context.Message.At);
        return Task.CompletedTask;
    }
}

public sealed class InboxConsumer(IDocumentStore store, Arrivals arrivals) : IdempotentConsumer<BenchMessage>(store)
{
    protected override Task Handle(ConsumeContext<BenchMessage> context, IDocumentSession session)
    {
        arrivals.Arrived(context.Message.Index, context.Message.At);
        return Task.CompletedTask;
    }
}

public sealed class BenchEvents : IIntegrationEventMap
{
    public object? ToIntegrationMessage(IEvent committed) =>
        committed.Data is BenchEvent e ? new BenchMessage { Index = e.Index, At = e.At } : null;
}

/// <summary>MassTransit and the outbox, hosted the way every service hosts them (AddPlatformDefaults).</summary>
public static class Messaging
{
    public static async Task<Measurement> PublishConsume(string rabbitMq, string prefix, int count, int parallel)
    {
        var arrivals = new Arrivals { Expected = count };
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:RabbitMq"] = rabbitMq;
        builder.Configuration["urls"] = "http://127.0.0.1:0";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(arrivals);
        builder.Services.AddPlatformBus("bench-plain", new PlatformOptions { RabbitMq = rabbitMq, MessagingPrefix = prefix },
            x => x.AddConsumer<PlainConsumer>());
        await using var app = builder.Build();
        await app.StartAsync();
        var bus = app.Services.GetRequiredService<IBusControl>();
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        await Measurement.Run(count, parallel, i => bus.Publish(new BenchMessage { Index = i, At = DateTimeOffset.UtcNow }));
        await arrivals.All.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var result = Measurement.Of(count, clock.Elapsed, arrivals.LatencyMs.Values.ToList());
        await app.StopAsync();
        return result;
    }

    public static async Task<Measurement> Outbox(string database, string rabbitMq, string prefix, int count, int parallel)
    {
        var arrivals = new Arrivals { Expected = count };
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["ConnectionStrings:Postgres"] = database;
        builder.Configuration["ConnectionStrings:RabbitMq"] = rabbitMq;
        builder.Configuration["Platform:Messaging:Prefix"] = prefix;
        builder.Configuration["Platform:Persistence:DaemonMode"] = "Solo";
        builder.Configuration["urls"] = "http://127.0.0.1:0";
        builder.Services.AddSingleton(arrivals);
        builder.AddPlatformDefaults("bench-outbox", platform => platform
            .Store(store => store.Events.AddEventType<BenchEvent>())
            .Messaging(x => x.AddConsumer<InboxConsumer>())
            .PublishEvents<BenchEvents>());
        await using var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var clock = Stopwatch.StartNew();
        await Measurement.Run(count, parallel, async i =>
        {
            await using var session = store.LightweightSession(Guid.NewGuid().ToString());
            session.Events.StartStream<BenchStream>(Guid.NewGuid(), new BenchEvent(i, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        });
        await arrivals.All.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var result = Measurement.Of(count, clock.Elapsed, arrivals.LatencyMs.Values.ToList());
        await app.StopAsync();
        return result;
    }
}
