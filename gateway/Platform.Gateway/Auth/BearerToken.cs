using Microsoft.Extensions.Primitives;
using Platform.Infrastructure.Security;

namespace Platform.Gateway.Auth;

/// <summary>Reads and validates the Authorization: Bearer header of a request.</summary>
public static class BearerToken
{
    /// <summary>The partner API key presented as "Authorization: Bearer pk_..." or "X-Api-Key: pk_..."; null when there is none.</summary>
    public static string? ApiKey(StringValues authorization, StringValues apiKeyHeader)
    {
        const string scheme = "Bearer ";
        var header = authorization.ToString();
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : apiKeyHeader.ToString().Trim();
        return presented.StartsWith("pk_", StringComparison.Ordinal) && presented.Length <= 200 ? presented : null;
    }

    /// <summary>The user id of a valid bearer token; null when there is none or it is malformed, expired or forged.</summary>
    public static async Task<Guid?> UserIdAsync(StringValues authorization, AccessTokens tokens)
    {
        var header = authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return null;
        var token = header[scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > 8192)
            return null;
        try
        {
            return await tokens.ValidateAsync(token);
        }
        catch (Exception)
        {
            // A token the handler cannot even read is just an invalid token.
            return null;
        }
    }
}
