using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Tenants;
using Platform.Gateway.Services;

namespace Platform.Gateway.Auth;

/// <summary>
/// Authenticates partner API keys through the tenant service. A key that authenticated is remembered for a few seconds
/// (Platform:Gateway:ApiKeyCacheDuration, default 5 s, and never past its expiry), so a revocation takes effect within
/// that time; a refusal is never remembered. The cache is keyed by the SHA-256 of the key, never the key itself.
/// </summary>
public sealed class ApiKeyAuthenticator(ServiceRequests requests, GatewayOptions options, TimeProvider clock, ILogger<ApiKeyAuthenticator> logger)
{
    const int MaxEntries = 10_000;
    readonly ConcurrentDictionary<string, (PartnerKey Key, DateTimeOffset Until)> _recent = new();

    /// <summary>The partner key, or null when the tenant service refuses it; throws <see cref="ApiKeyAuthenticationUnavailable"/> when it does not answer.</summary>
    public async Task<PartnerKey?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cacheKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        if (_recent.TryGetValue(cacheKey, out var cached) && cached.Until > now)
            return cached.Key;
        _recent.TryRemove(cacheKey, out _);
        ApiKeyAuthentication answer;
        try
        {
            answer = await requests.AskAsync<AuthenticateApiKey, ApiKeyAuthentication>(new AuthenticateApiKey { Key = presented }, cancellationToken);
        }
        catch (GraphQL.ExecutionError unavailable)
        {
            // Not knowing is not the same as a refusal: the caller hears that the platform is unavailable, not that
            // their key is wrong.
            logger.LogWarning("The tenant service did not answer an API key authentication");
            throw new ApiKeyAuthenticationUnavailable(unavailable);
        }
        if (!answer.Authenticated)
            return null;
        var key = new PartnerKey(answer.PartnerId, answer.KeyId, answer.Scopes.ToHashSet(StringComparer.Ordinal));
        var until = now + options.ApiKeyCacheDuration;
        if (answer.ExpiresAt is { } expiresAt && expiresAt < until)
            until = expiresAt;
        if (_recent.Count >= MaxEntries)
            _recent.Clear();
        _recent[cacheKey] = (key, until);
        return key;
    }
}

/// <summary>The tenant service could not be asked whether a key is valid.</summary>
public sealed class ApiKeyAuthenticationUnavailable(Exception inner) : Exception("API key authentication is unavailable.", inner);
