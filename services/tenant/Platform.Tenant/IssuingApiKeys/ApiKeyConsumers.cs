using Marten;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.Tenant.Members;
using Platform.Tenant.Partners;
using Platform.Tenant.Users;

namespace Platform.Tenant.IssuingApiKeys;

/// <summary>A partner ADMIN creates a key; the key string is in the answer and nowhere else.</summary>
public sealed class CreateApiKeyConsumer(IDocumentStore store, TimeProvider clock, ILogger<CreateApiKeyConsumer> logger) : IConsumer<CreateApiKey>
{
    public async Task Consume(ConsumeContext<CreateApiKey> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var partner = await session.LoadAsync<Partner>(m.PartnerId, ct);
        var actor = await session.LoadAsync<User>(m.ActorId, ct);
        var keyId = Guid.NewGuid();
        var (key, secretHash) = ApiKeySecrets.New(keyId);
        ApiKeyCreated created;
        try
        {
            created = partner is null
                ? throw new DomainRuleViolated(PartnerErrors.PartnerNotFound, "No partner has this id.", "partnerId")
                : ApiKeyDecisions.Create(partner, actor?.Email ?? "", m.ActorId, m.Name, m.Scopes, m.ExpiresAt, keyId, secretHash, now);
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new CreateApiKeyResult { Errors = [refused.ToUserError()] });
            return;
        }
        session.Events.StartStream<ApiKey>(keyId, created);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("API key {KeyId} of partner {PartnerId} created with scopes {Scopes}", keyId, m.PartnerId, created.Scopes);
        await context.RespondAsync(new CreateApiKeyResult { ApiKey = ApiKey.Create(created).ToDetails(null), Key = key });
    }
}

/// <summary>A partner ADMIN revokes one of the partner's keys.</summary>
public sealed class RevokeApiKeyConsumer(IDocumentStore store, TimeProvider clock, ILogger<RevokeApiKeyConsumer> logger) : IConsumer<RevokeApiKey>
{
    public async Task Consume(ConsumeContext<RevokeApiKey> context)
    {
        var m = context.Message;
        var ct = context.CancellationToken;
        await using var session = store.LightweightSession();
        var partner = await session.LoadAsync<Partner>(m.PartnerId, ct);
        var actor = await session.LoadAsync<User>(m.ActorId, ct);
        var stream = await session.Events.FetchForWriting<ApiKey>(m.KeyId, ct);
        ApiKeyRevoked revoked;
        try
        {
            revoked = partner is null
                ? throw new DomainRuleViolated(PartnerErrors.PartnerNotFound, "No partner has this id.", "partnerId")
                : ApiKeyDecisions.Revoke(partner, stream.Aggregate, actor?.Email ?? "", m.ActorId, clock.GetUtcNow());
        }
        catch (DomainRuleViolated refused)
        {
            await context.RespondAsync(new ApiKeyResult { Errors = [refused.ToUserError()] });
            return;
        }
        stream.AppendOne(revoked);
        await session.SaveChangesAsync(ct);
        logger.LogInformation("API key {KeyId} of partner {PartnerId} revoked", m.KeyId, m.PartnerId);
        var use = await session.LoadAsync<ApiKeyUse>(m.KeyId, ct);
        await context.RespondAsync(new ApiKeyResult { ApiKey = stream.Aggregate!.Apply(revoked).ToDetails(use?.LastUsedAt) });
    }
}

/// <summary>Who a presented key is; any failure is the same "not authenticated". Records the use at most once a minute.</summary>
public sealed class AuthenticateApiKeyConsumer(IDocumentStore store, TimeProvider clock) : IConsumer<AuthenticateApiKey>
{
    public async Task Consume(ConsumeContext<AuthenticateApiKey> context)
    {
        var ct = context.CancellationToken;
        var now = clock.GetUtcNow();
        var parsed = ApiKeySecrets.Parse(context.Message.Key);
        await using var session = store.LightweightSession();
        var key = parsed is { } p ? await session.LoadAsync<ApiKey>(p.KeyId, ct) : null;
        var partner = key is null ? null : await session.LoadAsync<Partner>(key.PartnerId, ct);
        var authenticated = ApiKeyDecisions.Authenticate(key, partner, parsed?.Secret ?? "", now);
        if (authenticated is null)
        {
            await context.RespondAsync(new ApiKeyAuthentication { Authenticated = false });
            return;
        }
        var use = await session.LoadAsync<ApiKeyUse>(authenticated.Id, ct);
        if (ApiKeyDecisions.ShouldRecordUse(use?.LastUsedAt, now))
        {
            session.Store(new ApiKeyUse(authenticated.Id, now));
            await session.SaveChangesAsync(ct);
        }
        await context.RespondAsync(new ApiKeyAuthentication
        {
            Authenticated = true, PartnerId = authenticated.PartnerId, KeyId = authenticated.Id, Scopes = authenticated.Scopes,
            ExpiresAt = authenticated.ExpiresAt,
        });
    }
}

/// <summary>The keys of a partner, newest last, with their last use; never a secret.</summary>
public sealed class ListApiKeysConsumer(IDocumentStore store) : IConsumer<ListApiKeys>
{
    public async Task Consume(ConsumeContext<ListApiKeys> context)
    {
        var ct = context.CancellationToken;
        await using var session = store.QuerySession();
        var keys = await session.Query<ApiKey>().Where(k => k.PartnerId == context.Message.PartnerId).OrderBy(k => k.CreatedAt).ToListAsync(ct);
        var uses = keys.Count == 0
            ? new Dictionary<Guid, DateTimeOffset>()
            : (await session.LoadManyAsync<ApiKeyUse>(ct, keys.Select(k => k.Id))).ToDictionary(u => u.Id, u => u.LastUsedAt);
        await context.RespondAsync(new ApiKeyList { ApiKeys = [.. keys.Select(k => k.ToDetails(uses.TryGetValue(k.Id, out var at) ? at : null))] });
    }
}
