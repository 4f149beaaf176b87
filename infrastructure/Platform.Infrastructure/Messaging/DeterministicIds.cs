using System.Security.Cryptography;
using System.Text;

namespace Platform.Infrastructure.Messaging;

/// <summary>
/// Ids derived from what they stand for (a request's MessageId, a saga's deadline, a subscription and an event), so that
/// handling the same thing again yields the same id and finds what the first handling wrote.
/// </summary>
public static class DeterministicIds
{
    /// <summary>The first 16 bytes of SHA-256 of <paramref name="key"/> (UTF-8), as a Guid.</summary>
    public static Guid From(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
