using Platform.Benchmarks;
using Platform.Testing;

// Throughput of Platform's messaging building blocks, printed beside the raw ceiling of the same machine
// measured in the same run: PostgreSQL inserts vs Marten appends, RabbitMQ publish/consume vs MassTransit,
// and the event-log outbox end to end (append → forwarder → idempotent consumer).
//   dotnet run -c Release --project tests/Platform.Benchmarks [-- --count 2000 --parallel 8]
var count = Argument("--count", 2000);
var parallel = Argument("--parallel", 8);
var (postgres, rabbitMq) = await Dependencies.EndpointsAsync();
var database = await Dependencies.CreateDatabaseAsync(postgres, Dependencies.UniqueName("bench"));
var prefix = Dependencies.UniqueName("bench") + "-";
Console.WriteLine($"Platform benchmarks: {count} operations, {parallel} in parallel, {Environment.ProcessorCount} cores");
Console.WriteLine();

var results = new List<(string Group, string What, Measurement Result)>
{
    ("PostgreSQL", "raw: one-row INSERT per transaction (ceiling)", await Ceilings.PostgresInserts(database, count, parallel)),
    ("PostgreSQL", "Marten: one event appended per transaction", await Platform.Benchmarks.Marten.Appends(database, count, parallel)),
    ("RabbitMQ", "raw: persistent publish with confirms + consume (ceiling)", await Ceilings.RabbitPublishConsume(rabbitMq, prefix, count, parallel)),
    ("RabbitMQ", "MassTransit: publish + consume", await Messaging.PublishConsume(rabbitMq, prefix, count, parallel)),
    ("Outbox", "append → forwarder → idempotent consumer", await Messaging.Outbox(database, rabbitMq, prefix, count, parallel)),
};

Console.WriteLine($"{"group",-11} {"measure",-58} {"ops/s",10} {"p50 ms",8} {"p95 ms",8}");
foreach (var (group, what, result) in results)
    Console.WriteLine($"{group,-11} {what,-58} {result.PerSecond,10:F0} {Format(result.P50),8} {Format(result.P95),8}");
Console.WriteLine();
Console.WriteLine("Platform's figures are to be read against the ceiling above them: same machine, same run.");

static string Format(double? ms) => ms is { } v ? v.ToString("F1") : "-";

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
}
