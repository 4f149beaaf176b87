using System.Globalization;

namespace Platform.Infrastructure.Messaging;

/// <summary>Retry, redelivery and error-queue settings of the platform bus (section "Platform:Messaging").</summary>
public sealed class MessagingOptions
{
    public static readonly TimeSpan[] DefaultRedeliveryIntervals = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>In-process retries of a failing delivery before it is redelivered later (Platform:Messaging:RetryLimit).</summary>
    public int RetryLimit { get; init; } = 8;

    /// <summary>
    /// Delays of the redeliveries that follow exhausted in-process retries, in whole seconds, comma separated
    /// (Platform:Messaging:RedeliveryIntervals, e.g. "00:00:10,00:01:00,00:05:00"); empty disables redelivery.
    /// </summary>
    public IReadOnlyList<TimeSpan> RedeliveryIntervals { get; init; } = DefaultRedeliveryIntervals;

    /// <summary>Serve /admin/error-queues on the service's HTTP port (Platform:Messaging:ErrorQueueAdmin).</summary>
    public bool ErrorQueueAdmin { get; init; } = true;

    public static MessagingOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Platform:Messaging");
        var intervals = section.GetSection("RedeliveryIntervals");
        var raw = intervals.GetChildren().Any()
            ? intervals.GetChildren().Select(c => c.Value ?? "").ToArray()
            : intervals.Value?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new MessagingOptions
        {
            RetryLimit = section.GetValue("RetryLimit", 8),
            RedeliveryIntervals = raw is null ? DefaultRedeliveryIntervals : raw.Select(ParseInterval).ToArray(),
            ErrorQueueAdmin = section.GetValue("ErrorQueueAdmin", true),
        };
    }

    static TimeSpan ParseInterval(string value)
    {
        // Each interval names a RabbitMQ delay queue (<queue>_redelivery_<seconds>), so it has to be whole seconds.
        if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var interval) || interval < TimeSpan.FromSeconds(1)
            || interval.Ticks % TimeSpan.TicksPerSecond != 0)
            throw new InvalidOperationException(
                $"Platform:Messaging:RedeliveryIntervals: '{value}' is not a whole number of seconds (at least 00:00:01).");
        return interval;
    }
}
