using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Platform.Benchmarks;

/// <summary>What the machine's PostgreSQL and RabbitMQ do without Platform's code in between.</summary>
public static class Ceilings
{
    public static async Task<Measurement> PostgresInserts(string database, int count, int parallel)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using (var create = dataSource.CreateCommand("create table if not exists bench_rows (id uuid primary key, body jsonb not null)"))
            await create.ExecuteNonQueryAsync();
        return await Measurement.Run(count, parallel, async _ =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand("insert into bench_rows (id, body) values ($1, $2::jsonb)", connection, transaction);
            insert.Parameters.AddWithValue(Guid.NewGuid());
            insert.Parameters.AddWithValue("{\"amount\": 42}");
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
    }

    public static async Task<Measurement> RabbitPublishConsume(string rabbitMq, string prefix, int count, int parallel)
    {
        var factory = new ConnectionFactory { Uri = new Uri(rabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        var queue = prefix + "raw-ceiling";
        await using var consumerChannel = await connection.CreateChannelAsync();
        await consumerChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: true);
        await consumerChannel.BasicQosAsync(0, 64, false);
        var received = Channel.CreateUnbounded<long>();
        var sentAt = new long[count];
        var consumer = new AsyncEventingBasicConsumer(consumerChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var index = BitConverter.ToInt32(delivery.Body.Span);
            await consumerChannel.BasicAckAsync(delivery.DeliveryTag, false);
            received.Writer.TryWrite(Stopwatch.GetTimestamp() - sentAt[index]);
        };
        await consumerChannel.BasicConsumeAsync(queue, autoAck: false, consumer);

        var publishers = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ =>
            connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true))));
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(publishers.Select(async channel =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                sentAt[i] = Stopwatch.GetTimestamp();
                await channel.BasicPublishAsync("", queue, true, new BasicProperties { Persistent = true }, BitConverter.GetBytes(i));
            }
        }));
        var latencies = new List<double>(count);
        while (latencies.Count < count)
            latencies.Add(Stopwatch.GetElapsedTime(0, await received.Reader.ReadAsync()).TotalMilliseconds);
        var elapsed = clock.Elapsed;
        foreach (var channel in publishers)
            await channel.DisposeAsync();
        return Measurement.Of(count, elapsed, latencies);
    }
}
