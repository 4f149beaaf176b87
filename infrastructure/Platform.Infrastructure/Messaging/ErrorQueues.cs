using System.Security.Cryptography;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.Infrastructure.Messaging;

/// <summary>The <c>_error</c> queue of one of the service's receive endpoints and how many messages wait in it.</summary>
public sealed record ErrorQueue(string Queue, string Endpoint, uint Messages);

/// <summary>What a replay moved from an error queue back to its endpoint's queue.</summary>
public sealed record ErrorQueueReplay(string Queue, string Endpoint, int Moved);

/// <summary>
/// The error queues of this service's receive endpoints (those named with the service's prefix), for an
/// operator to inspect and replay: a replay moves every message waiting in an error queue back to the
/// endpoint's queue without MassTransit's fault headers and with a fresh redelivery budget.
/// </summary>
public sealed class ErrorQueues(string endpointPrefix, BrokerConnection broker)
{
    /// <summary>Transport headers of a failure (MassTransit's fault and host details, the broker's dead-letter history).</summary>
    static readonly string[] FailureHeaders =
        ["MT-Fault-", "MT-Reason", "MT-Host-", MessageHeaders.RedeliveryCount, "x-death", "x-first-death-", "x-last-death-"];

    readonly HashSet<string> _endpoints = [];

    public const string Suffix = "_error";

    /// <summary>Called for every receive endpoint the bus configures; endpoints of other services are ignored.</summary>
    internal void Add(string endpoint)
    {
        if (!endpoint.StartsWith(endpointPrefix, StringComparison.Ordinal))
            return;
        lock (_endpoints)
            _endpoints.Add(endpoint);
    }

    IReadOnlyList<string> Endpoints()
    {
        lock (_endpoints)
            return _endpoints.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The endpoint whose error queue this is, or null when it is not one of this service's error queues.</summary>
    public string? EndpointOf(string errorQueue) =>
        errorQueue.EndsWith(Suffix, StringComparison.Ordinal) && Endpoints().Contains(errorQueue[..^Suffix.Length])
            ? errorQueue[..^Suffix.Length]
            : null;

    public async Task<IReadOnlyList<ErrorQueue>> ListAsync(CancellationToken cancellationToken)
    {
        var queues = new List<ErrorQueue>();
        foreach (var endpoint in Endpoints())
            queues.Add(new ErrorQueue(endpoint + Suffix, endpoint, await CountAsync(endpoint + Suffix, cancellationToken) ?? 0));
        return queues;
    }

    /// <summary>Moves the messages waiting in <paramref name="errorQueue"/> (as many as there were when it started) back to the endpoint.</summary>
    public async Task<ErrorQueueReplay?> ReplayAsync(string errorQueue, CancellationToken cancellationToken)
    {
        if (EndpointOf(errorQueue) is not { } endpoint)
            return null;
        var waiting = await CountAsync(errorQueue, cancellationToken) ?? 0;
        await using var channel = await broker.OpenChannelAsync(cancellationToken);
        var moved = 0;
        // Bounded by the count at the start: a message that fails again and comes back is left for the next replay.
        while (moved < waiting && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            var properties = new BasicProperties(message.BasicProperties) { Headers = WithoutFailureHeaders(message.BasicProperties.Headers) };
            try
            {
                await channel.BasicPublishAsync("", endpoint, mandatory: true, properties, message.Body, cancellationToken);
            }
            catch
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }
        return new ErrorQueueReplay(errorQueue, endpoint, moved);
    }

    /// <summary>Messages ready in a queue, or null when the queue does not exist (nothing has failed there yet).</summary>
    async Task<uint?> CountAsync(string queue, CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel, hence a channel of its own.
        await using var channel = await broker.OpenChannelAsync(cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == Constants.NotFound)
        {
            return null;
        }
    }

    static Dictionary<string, object?> WithoutFailureHeaders(IDictionary<string, object?>? headers) =>
        (headers ?? new Dictionary<string, object?>())
        .Where(h => !FailureHeaders.Any(f => h.Key.StartsWith(f, StringComparison.OrdinalIgnoreCase)))
        .ToDictionary(h => h.Key, h => h.Value);
}

/// <summary>
/// <c>GET /admin/error-queues</c> and <c>POST /admin/error-queues/{queue}/replay</c>, for operators: every request carries
/// <c>Authorization: Bearer &lt;admin token&gt;</c> (Platform:Messaging:AdminToken, or in development the key generated into
/// .platform/admin-token); anything else is 401 before a queue is read. They still belong on the service's own port
/// (127.0.0.1 under the launcher, cluster-internal on Kubernetes), not on a public one.
/// </summary>
public static class ErrorQueueEndpoints
{
    public static IEndpointRouteBuilder MapErrorQueueEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/error-queues").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<ErrorQueueAdmin>().Allows(http.Request))
                return await next(context);
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "UNAUTHENTICATED",
                detail: "The error-queue endpoints need 'Authorization: Bearer <admin token>' (Platform:Messaging:AdminToken).");
        });
        admin.MapGet("/", async (ErrorQueues queues, CancellationToken cancellationToken) =>
            Results.Ok(await queues.ListAsync(cancellationToken)));
        admin.MapPost("/{queue}/replay", async (string queue, ErrorQueues queues, CancellationToken cancellationToken) =>
            await queues.ReplayAsync(queue, cancellationToken) is { } replay
                ? Results.Ok(replay)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "ERROR_QUEUE_NOT_FOUND",
                    detail: $"'{queue}' is not the error queue of one of this service's receive endpoints; GET /admin/error-queues lists them."));
        return app;
    }
}

/// <summary>Registered by AddPlatformDefaults when the service serves the error-queue admin endpoints; holds the admin token.</summary>
public sealed class ErrorQueueAdmin(byte[] token)
{
    readonly byte[] _tokenHash = SHA256.HashData(token);

    /// <summary>True when the request carries the admin token as a bearer token (compared in constant time).</summary>
    public bool Allows(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return false;
        var presented = new byte[header.Length];
        if (!Convert.TryFromBase64String(header[scheme.Length..].Trim(), presented, out var length))
            return false;
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented.AsSpan(0, length)), _tokenHash);
    }
}
