using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.Billing.Tests;

/// <summary>One POST the receiver got: which endpoint, the raw body and a copy of the headers.</summary>
public sealed record ReceivedWebhook(string Endpoint, string Body, IHeaderDictionary Headers)
{
    public string WebhookId => Headers["webhook-id"].ToString();
}

/// <summary>
/// A partner's webhook endpoint in the test: Kestrel on 127.0.0.1 with a free port, one path per endpoint, each answering
/// a scripted list of statuses (then 200) and recording every request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts = new();

    WebhookReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost("/hooks/{endpoint}", async (string endpoint, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
            receiver._received.Enqueue(new ReceivedWebhook(endpoint, body, headers));
            var status = receiver._scripts.TryGetValue(endpoint, out var script) && script.TryDequeue(out var scripted) ? scripted : 200;
            return Results.StatusCode(status);
        });
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Urls.Single();
        return receiver;
    }

    /// <summary>A new endpoint URL answering <paramref name="statuses"/> in turn, then 200.</summary>
    public string NewEndpoint(params int[] statuses)
    {
        var endpoint = Guid.NewGuid().ToString("N");
        _scripts[endpoint] = new ConcurrentQueue<int>(statuses);
        return $"{BaseUrl}/hooks/{endpoint}";
    }

    public IReadOnlyList<ReceivedWebhook> ReceivedAt(string url) =>
        _received.Where(r => url.EndsWith("/hooks/" + r.Endpoint, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
