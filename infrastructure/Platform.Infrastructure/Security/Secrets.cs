using System.Security.Cryptography;

namespace Platform.Infrastructure.Security;

/// <summary>
/// A 256-bit key from configuration (base64), or, in development, one generated once into a file under
/// .platform/ that every process started from the same directory shares.
/// </summary>
public static class Secrets
{
    public static byte[] Key(IConfiguration configuration, string configKey, string developmentFileName)
    {
        var configured = configuration[configKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{configKey} must be at least 32 bytes (base64).");
        }
        var directory = configuration["Platform:DevelopmentKeysDirectory"] ?? ".platform";
        return LoadOrCreate(Path.Combine(directory, developmentFileName));
    }

    static byte[] LoadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            using var created = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var key = RandomNumberGenerator.GetBytes(32);
            created.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: read theirs (retry briefly while it is being written).
            for (var attempt = 0; ; attempt++)
            {
                var text = File.ReadAllText(path).Trim();
                if (text.Length >= 44 || attempt > 50)
                    return Convert.FromBase64String(text);
                Thread.Sleep(20);
            }
        }
    }
}
