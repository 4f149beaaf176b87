using System.Collections.Concurrent;

namespace Platform.Gateway.Limits;

/// <summary>The leaky bucket of cost points each caller has (section Platform:Gateway:Throttle).</summary>
public sealed class ThrottleOptions
{
    /// <summary>The most points a caller can have at once, i.e. the largest burst.</summary>
    public double MaximumAvailable { get; set; } = 1000;

    /// <summary>Points restored per second.</summary>
    public double RestoreRate { get; set; } = 50;
}

/// <summary>A caller's bucket as reported in extensions.cost.throttleStatus.</summary>
public sealed record ThrottleStatus(double MaximumAvailable, double CurrentlyAvailable, double RestoreRate);

/// <summary>
/// Per-caller leaky buckets of cost points: a query takes its requested cost up front, gets back what it did not
/// use, and the bucket refills at RestoreRate up to MaximumAvailable. In memory and per process: each gateway
/// replica has its own buckets, so N replicas behind a load balancer allow up to N times the rate.
/// </summary>
public sealed class CostThrottle(GatewayOptions options, TimeProvider time)
{
    const int SweepAbove = 10_000;

    readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    ThrottleOptions Settings => options.Throttle;

    /// <summary>Takes <paramref name="cost"/> points when the caller has them; otherwise how long until it will.</summary>
    public (bool Taken, TimeSpan RetryAfter) TryTake(string caller, long cost)
    {
        if (_buckets.Count > SweepAbove)
            Sweep();
        while (true)
        {
            var bucket = _buckets.GetOrAdd(caller, _ => new Bucket(Settings.MaximumAvailable, time.GetTimestamp()));
            lock (bucket)
            {
                if (bucket.Forgotten)
                    continue;
                var available = Refill(bucket);
                if (cost <= available)
                {
                    bucket.Available = available - cost;
                    return (true, TimeSpan.Zero);
                }
                var missing = cost - available;
                return (false, Settings.RestoreRate > 0 ? TimeSpan.FromSeconds(missing / Settings.RestoreRate) : TimeSpan.MaxValue);
            }
        }
    }

    /// <summary>Gives back points a query was charged but did not use.</summary>
    public void Refund(string caller, long points)
    {
        if (points <= 0 || !_buckets.TryGetValue(caller, out var bucket))
            return;
        lock (bucket)
            bucket.Available = Math.Min(Settings.MaximumAvailable, Refill(bucket) + points);
    }

    public ThrottleStatus Status(string caller)
    {
        var available = Settings.MaximumAvailable;
        if (_buckets.TryGetValue(caller, out var bucket))
            lock (bucket)
                available = Refill(bucket);
        return new ThrottleStatus(Settings.MaximumAvailable, Math.Floor(available), Settings.RestoreRate);
    }

    double Refill(Bucket bucket)
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(bucket.Timestamp, now);
        bucket.Timestamp = now;
        if (elapsed > TimeSpan.Zero)
            bucket.Available = Math.Min(Settings.MaximumAvailable, bucket.Available + elapsed.TotalSeconds * Settings.RestoreRate);
        return bucket.Available;
    }

    /// <summary>Forgets full buckets (a forgotten caller starts full anyway), so that many one-off callers do not pile up.</summary>
    void Sweep()
    {
        foreach (var (caller, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (Refill(bucket) >= Settings.MaximumAvailable)
                {
                    bucket.Forgotten = true;
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(caller, bucket));
                }
            }
        }
    }

    sealed class Bucket(double available, long timestamp)
    {
        public double Available { get; set; } = available;
        public long Timestamp { get; set; } = timestamp;

        /// <summary>Set when swept; a caller holding it takes a fresh bucket instead.</summary>
        public bool Forgotten { get; set; }
    }
}
