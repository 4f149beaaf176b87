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

    /// <summary>True when the request came as an HTTP GET, where only queries may run.</summary>
    public bool OverHttpGet { get; }

    /// <summary>The client's IP address as the gateway sees it; keys the throttle of anonymous callers.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>Who pays for the query in the throttle: "user:{id}" for a signed-in user, else "ip:{address}".</summary>
    public string Id => UserId is { } user ? $"user:{user:N}" : $"ip:{ClientAddress ?? "unknown"}";

    /// <summary>The signed-in user, or an UNAUTHENTICATED error for the field being resolved.</summary>
    public Guid RequireUser() => UserId ?? throw GatewayErrors.Unauthenticated();

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

public static class CallerExtensions
{
    public static Caller Caller(this IResolveFieldContext context) =>
        context.UserContext as Caller ?? throw new InvalidOperationException("The request has no caller context.");
}
