using System.Diagnostics;

namespace Platform.Benchmarks;

/// <summary>Operations per second over the whole run and, where each operation was timed, its latency percentiles.</summary>
public sealed record Measurement(double PerSecond, double? P50, double? P95)
{
    public static Measurement Of(int count, TimeSpan elapsed, IReadOnlyList<double>? latenciesMs = null)
    {
        if (latenciesMs is null || latenciesMs.Count == 0)
            return new(count / elapsed.TotalSeconds, null, null);
        var sorted = latenciesMs.Order().ToArray();
        return new(count / elapsed.TotalSeconds, sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1]);
    }

    /// <summary>Runs <paramref name="operation"/> <paramref name="count"/> times on <paramref name="parallel"/> workers, timing each.</summary>
    public static async Task<Measurement> Run(int count, int parallel, Func<int, Task> operation)
    {
        var latencies = new double[count];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await operation(i);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return Of(count, clock.Elapsed, latencies);
    }
}
