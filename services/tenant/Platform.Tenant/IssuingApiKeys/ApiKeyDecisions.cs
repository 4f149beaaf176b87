using System.Security.Cryptography;
using System.Text;
using Platform.Contracts.Tenants;
using Platform.Tenant.ManagingPartners;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;

namespace Platform.Tenant.IssuingApiKeys;

/// <summary>
/// Key strings: "pk_" + the key id (32 hex digits) + "_" + 256 random bits in base64url (43 characters). The id finds the key;
/// the secret is compared by its SHA-256 in constant time. A fast hash is enough: the secret is random and long.
/// </summary>
public static class ApiKeySecrets
{
    public const string Scheme = "pk_";

    public static string PrefixOf(Guid keyId) => $"{Scheme}{keyId:N}";

    /// <summary>A new secret and the full key string shown once.</summary>
    public static (string Key, string SecretHash) New(Guid keyId)
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return ($"{PrefixOf(keyId)}_{secret}", Hash(secret));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The key id and secret of a well-formed key string; null for anything else.</summary>
    public static (Guid KeyId, string Secret)? Parse(string? key)
    {
        if (key is null || key.Length != Scheme.Length + 32 + 1 + 43 || !key.StartsWith(Scheme, StringComparison.Ordinal) || key[Scheme.Length + 32] != '_')
            return null;
        return Guid.TryParseExact(key.AsSpan(Scheme.Length, 32), "N", out var keyId) ? (keyId, key[(Scheme.Length + 33)..]) : null;
    }

    /// <summary>Whether the secret matches the stored hash; takes the same time whatever the first difference.</summary>
    public static bool Matches(string secret, string secretHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(secretHash));
}

/// <summary>Pure decisions of an API key's life: create, revoke, authenticate, record use.</summary>
public static class ApiKeyDecisions
{
    public const int MaxNameLength = 100;

    /// <summary>How often a key's last use is written at most.</summary>
    public static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);

    public static ApiKeyCreated Create(Partner partner, string actorEmail, Guid actorId, string name, IReadOnlyList<string> scopes,
        DateTimeOffset? expiresAt, Guid keyId, string secretHash, DateTimeOffset now)
    {
        PartnerDecisions.RequireAdmin(partner, actorEmail);
        PartnerDecisions.RequireActive(partner);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl))
            throw new DomainRuleViolated(PartnerErrors.InvalidName, $"Enter a key name of 1 to {MaxNameLength} characters.", "name");
        var normalized = scopes.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        if (normalized.Count == 0)
            throw new DomainRuleViolated(PartnerErrors.InvalidScope, "Give the key at least one scope.", "scopes");
        if (normalized.FirstOrDefault(s => !ApiKeyScopes.IsKnown(s)) is { } unknown)
            throw new DomainRuleViolated(PartnerErrors.InvalidScope, $"Unknown scope '{unknown}'; choose from {string.Join(", ", ApiKeyScopes.All)}.", "scopes");
        if (expiresAt is { } expiry && expiry <= now)
            throw new DomainRuleViolated(PartnerErrors.InvalidExpiry, "The expiry must be in the future.", "expiresAt");
        var ordered = ApiKeyScopes.All.Where(normalized.Contains).ToList();
        return new ApiKeyCreated(keyId, partner.Id, name.Trim(), ordered, secretHash, actorId, now, expiresAt);
    }

    public static ApiKeyRevoked Revoke(Partner partner, ApiKey? key, string actorEmail, Guid actorId, DateTimeOffset now)
    {
        PartnerDecisions.RequireAdmin(partner, actorEmail);
        if (key is null || key.PartnerId != partner.Id)
            throw new DomainRuleViolated(PartnerErrors.ApiKeyNotFound, "The partner has no key with this id.", "apiKeyId");
        if (key.RevokedAt is not null)
            throw new DomainRuleViolated(PartnerErrors.ApiKeyRevoked, "This key is already revoked.", "apiKeyId");
        return new ApiKeyRevoked(key.Id, partner.Id, actorId, now);
    }

    /// <summary>The key a presented secret opens, when it is usable and its partner ACTIVE; null (whatever the reason) otherwise.</summary>
    public static ApiKey? Authenticate(ApiKey? key, Partner? partner, string secret, DateTimeOffset now)
    {
        // Compare even when there is no key, so that an unknown id takes as long as a wrong secret.
        var matches = ApiKeySecrets.Matches(secret, key?.SecretHash ?? new string('0', 64));
        return key is not null && matches && key.IsUsableAt(now) && partner?.Status == PartnerStatuses.Active && partner.Id == key.PartnerId
            ? key
            : null;
    }

    /// <summary>Whether this use should be written: never before, or not within the last minute.</summary>
    public static bool ShouldRecordUse(DateTimeOffset? lastUsedAt, DateTimeOffset now) =>
        lastUsedAt is not { } last || now - last >= UseRecordingInterval;
}
