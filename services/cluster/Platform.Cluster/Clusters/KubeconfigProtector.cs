using System.Security.Cryptography;
using System.Text;
using Platform.Infrastructure.Security;

namespace Platform.Cluster.Clusters;

/// <summary>AES-256-GCM for kubeconfigs at rest (key: Platform:Cluster:EncryptionKey, base64; a dev key file otherwise).</summary>
public sealed class KubeconfigProtector(byte[] key)
{
    public static KubeconfigProtector FromConfiguration(IConfiguration configuration) =>
        new(Secrets.Key(configuration, "Platform:Cluster:EncryptionKey", "dev-encryption-key"));

    public string Protect(string kubeconfig)
    {
        var plain = Encoding.UTF8.GetBytes(kubeconfig);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using var aes = new AesGcm(key.AsSpan(0, 32), 16);
        aes.Encrypt(nonce, plain, cipher, tag);
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    public string Unprotect(string protectedKubeconfig)
    {
        var data = Convert.FromBase64String(protectedKubeconfig);
        var plain = new byte[data.Length - 28];
        using var aes = new AesGcm(key.AsSpan(0, 32), 16);
        aes.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
