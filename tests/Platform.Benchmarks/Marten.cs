using global::Marten;
using JasperFx;
using JasperFx.Events;
using JasperFx.MultiTenancy;

namespace Platform.Benchmarks;

/// <summary>Appending events the way Platform's handlers do: one stream, one event, one transaction.</summary>
public static class Marten
{
    public static async Task<Measurement> Appends(string database, int count, int parallel)
    {
        await using var store = DocumentStore.For(options =>
        {
            options.Connection(database);
            options.DatabaseSchemaName = "bench_append";
            options.Events.TenancyStyle = TenancyStyle.Conjoined;
            options.Events.StreamIdentity = StreamIdentity.AsGuid;
            options.AutoCreateSchemaObjects = AutoCreate.All;
            options.Events.AddEventType<BenchEvent>();
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return await Measurement.Run(count, parallel, async i =>
        {
            await using var session = store.LightweightSession(Guid.NewGuid().ToString());
            session.Events.StartStream<BenchStream>(Guid.NewGuid(), new BenchEvent(i, DateTimeOffset.UtcNow));
            await session.SaveChangesAsync();
        });
    }
}

public sealed record BenchEvent(int Index, DateTimeOffset At);

/// <summary>The stream type of the benchmark's one-event streams.</summary>
public sealed record BenchStream(Guid Id);
