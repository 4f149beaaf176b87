using System.Security.Cryptography;
using System.Text;
using Platform.Infrastructure.Security;

namespace Platform.Billing.Webhooks;

/// <summary>
/// Signing secrets: generated in the Standard Webhooks format and kept at rest with AES-256-GCM (key:
/// Platform:Webhooks:EncryptionKey, base64; a development key file otherwise), bound to the subscription id so a
/// ciphertext copied to another subscription does not decrypt.
/// </summary>
public sealed class WebhookSecrets(byte[] key)
{
    public const string Prefix = "whsec_";

    public static WebhookSecrets FromConfiguration(IConfiguration configuration) =>
        new(Secrets.Key(configuration, "Platform:Webhooks:EncryptionKey", "dev-webhook-key"));

    /// <summary>"whsec_" + base64 of 32 random bytes.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The HMAC key of a secret: the base64-decoded part after "whsec_".</summary>
    public static byte[] SigningKey(string secret) =>
        Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    public string Protect(Guid subscriptionId, string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(key.AsSpan(0, 32), 16);
        aes.Encrypt(nonce, plain, cipher, tag, subscriptionId.ToByteArray());
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Unprotect(Guid subscriptionId, string protectedSecret)
    {
        var data = Convert.FromBase64String(protectedSecret);
        var plain = new byte[data.Length - 28];
        using var aes = new AesGcm(key.AsSpan(0, 32), 16);
        aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain, subscriptionId.ToByteArray());
        return Encoding.UTF8.GetString(plain);
    }
}
