using Platform.Contracts.Tenants;

namespace Platform.Tenant.IssuingApiKeys;

/// <summary>A partner ADMIN created a key; only the SHA-256 of its secret is kept.</summary>
public sealed record ApiKeyCreated(Guid KeyId, Guid PartnerId, string Name, IReadOnlyList<string> Scopes, string SecretHash, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A partner ADMIN revoked the key; it authenticates nothing from now on.</summary>
public sealed record ApiKeyRevoked(Guid KeyId, Guid PartnerId, Guid RevokedBy, DateTimeOffset RevokedAt);

/// <summary>An API key (its own stream), kept as an inline snapshot, loaded by the id embedded in the key string.</summary>
public sealed record ApiKey(Guid Id, Guid PartnerId, string Name, IReadOnlyList<string> Scopes, string SecretHash, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiKey Create(ApiKeyCreated e) => new(e.KeyId, e.PartnerId, e.Name, e.Scopes, e.SecretHash, e.CreatedAt, e.ExpiresAt, null);

    public ApiKey Apply(ApiKeyRevoked e) => this with { RevokedAt = e.RevokedAt };

    /// <summary>Neither revoked nor past its expiry at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expiry || now < expiry);

    public ApiKeyDetails ToDetails(DateTimeOffset? lastUsedAt) => new()
    {
        Id = Id, PartnerId = PartnerId, Name = Name, Prefix = ApiKeySecrets.PrefixOf(Id), Scopes = Scopes, CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt, RevokedAt = RevokedAt, LastUsedAt = lastUsedAt,
    };
}

/// <summary>When a key was last used; a plain document rewritten at most once a minute per key, not an event per request.</summary>
public sealed record ApiKeyUse(Guid Id, DateTimeOffset LastUsedAt);
