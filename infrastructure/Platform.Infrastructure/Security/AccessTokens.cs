using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Infrastructure.Security;

/// <summary>Short-lived HMAC-signed JWTs: issued by the tenant service, validated by the gateway.</summary>
public sealed class AccessTokens
{
    public const string Issuer = "platform-tenant";
    public const string Audience = "platform";

    readonly SymmetricSecurityKey _key;
    readonly TimeSpan _lifetime;
    readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public AccessTokens(byte[] key, TimeSpan lifetime)
    {
        _key = new SymmetricSecurityKey(key);
        _lifetime = lifetime;
    }

    public static AccessTokens FromConfiguration(IConfiguration configuration) => new(
        Secrets.Key(configuration, "Platform:Auth:SigningKey", "dev-signing-key"),
        TimeSpan.FromMinutes(configuration.GetValue("Platform:Auth:TokenLifetimeMinutes", 60)));

    public string Issue(Guid userId, string email, DateTimeOffset now) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = now.Add(_lifetime).UtcDateTime,
        Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["email"] = email },
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
    });

    /// <summary>The user id of a valid token, or null for a missing, malformed, expired or forged one.</summary>
    public async Task<Guid?> ValidateAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = _key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
        });
        return result.IsValid && Guid.TryParse(result.ClaimsIdentity.FindFirst("sub")?.Value, out var id) ? id : null;
    }
}
