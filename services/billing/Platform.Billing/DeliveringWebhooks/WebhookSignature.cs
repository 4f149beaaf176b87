using System.Security.Cryptography;
using System.Text;
using Platform.Billing.Webhooks;
using Platform.Infrastructure.Messaging;

namespace Platform.Billing.DeliveringWebhooks;

/// <summary>Standard Webhooks signing: "v1," + base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" keyed with the secret's bytes.</summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    public static string Sign(string secret, string webhookId, long unixTimestamp, string body)
    {
        var signed = Encoding.UTF8.GetBytes($"{webhookId}.{unixTimestamp}.{body}");
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.SigningKey(secret), signed));
    }
}

/// <summary>Delivery ids are derived from (subscription, event): a redelivered event maps to the delivery it already has.</summary>
public static class DeliveryId
{
    public static Guid For(Guid subscriptionId, Guid eventId) =>
        DeterministicIds.From($"webhook-delivery/{subscriptionId:N}/{eventId:N}");
}
