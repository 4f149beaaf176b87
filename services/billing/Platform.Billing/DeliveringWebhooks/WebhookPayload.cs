using System.Globalization;
using System.Text.Json;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>The body of a delivery: { "type", "timestamp" (ISO 8601 UTC), "data" } in camelCase JSON, fixed when the delivery is created.</summary>
public static class WebhookPayload
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(string eventType, DateTimeOffset occurredAt, object data) =>
        JsonSerializer.Serialize(new Envelope(eventType, Timestamp(occurredAt), data), Json);

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Money as the API shows it: a decimal string and a currency.</summary>
    public static object Money(long micros, string currency) =>
        new { amount = Amount(micros), currency };

    /// <summary>Integer micro-units as a decimal string ("5", "0.25").</summary>
    public static string Amount(long micros) => (micros / 1_000_000m).ToString(CultureInfo.InvariantCulture);

    sealed record Envelope(string Type, string Timestamp, object Data);
}
