using GraphQL;

namespace Platform.Gateway.Auth;

/// <summary>Who is calling and how: the user context of one GraphQL request.</summary>
public sealed class Caller : Dictionary<string, object?>
{
    public Caller(Guid? userId, bool overHttpGet)
    {
        UserId = userId;
        OverHttpGet = overHttpGet;
    }

    /// <summary>The user of a valid bearer token, or null when there is no token or it is invalid.</summary>
    public Guid? UserId { get; }

    /// <summary>The partner API key the request authenticated with (Authorization: Bearer pk_... or X-Api-Key), or null.</summary>
    public PartnerKey? Key { get; init; }

    /// <summary>True for a signed-in user or a partner key.</summary>
    public bool IsAuthenticated => UserId is not null || Key is not null;

    /// <summary>True when the request came as an HTTP GET, where only queries may run.</summary>
    public bool OverHttpGet { get; }

    /// <summary>The client's IP address as the gateway sees it; keys the throttle of anonymous callers.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Who pays for the query in the throttle: "key:{id}" for a partner key, "user:{id}" for a signed-in user, else "ip:{address}".</summary>
    public string Id => Key is { } key ? $"key:{key.KeyId:N}" : UserId is { } user ? $"user:{user:N}" : $"ip:{ClientAddress ?? "unknown"}";

    /// <summary>
    /// The signed-in user, or an error for the field being resolved: UNAUTHENTICATED without credentials, FORBIDDEN for a
    /// partner key (keys act on their partner's workspaces, not as a person).
    /// </summary>
    public Guid RequireUser() => UserId ?? throw (Key is not null
        ? Authorization.WorkspaceAccess.Forbidden("This needs a signed-in user; an API key cannot do it.")
        : GatewayErrors.Unauthenticated());

    /// <summary>Throws UNAUTHENTICATED unless the caller is a signed-in user or a partner key.</summary>
    public void RequireAuthenticated()
    {
        if (!IsAuthenticated)
            throw GatewayErrors.Unauthenticated();
    }

    /// <summary>The cost of the operation as priced before execution, and what was charged; null when it was not priced.</summary>
    public Limits.QueryCost? Cost { get; set; }

    /// <summary>Answers shared by all fields of one request (a workspace's placement asked once, not per field).</summary>
    public Task<T> Once<T>(string key, Func<Task<T>> load)
    {
        lock (this)
        {
            if (TryGetValue(key, out var existing) && existing is Task<T> task)
                return task;
            var loading = load();
            this[key] = loading;
            return loading;
        }
    }
}

/// <summary>A partner API key as the tenant service authenticated it: whose it is and what it may do.</summary>
public sealed record PartnerKey(Guid PartnerId, Guid KeyId, IReadOnlySet<string> Scopes)
{
    public bool Has(string scope) => Scopes.Contains(scope);
}

public static class CallerExtensions
{
    public static Caller Caller(this IResolveFieldContext context) =>
        context.UserContext as Caller ?? throw new InvalidOperationException("The request has no caller context.");
}
