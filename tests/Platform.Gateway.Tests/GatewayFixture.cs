using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.Infrastructure.Security;
using Platform.Testing;
using Xunit;

namespace Platform.Gateway.Tests;

/// <summary>The gateway on a free 127.0.0.1 port with its own RabbitMQ prefix, and fake services behind it.</summary>
public class GatewayFixture : IAsyncLifetime
{
    readonly string[] _settings;
    readonly TimeProvider? _time;

    public GatewayFixture() : this([], null)
    {
    }

    /// <summary>A gateway with extra settings ("--Key", "value", ...) and, when given, a clock the test controls.</summary>
    protected GatewayFixture(string[] settings, TimeProvider? time)
    {
        _settings = settings;
        _time = time;
    }

    WebApplication? _app;
    IBusControl? _services;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };
    public AccessTokens Tokens { get; private set; } = null!;

    /// <summary>The fake services behind the gateway (to set up members and see what reached them).</summary>
    public FakeServices Fakes { get; private set; } = null!;
    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (_, rabbitMq) = await Dependencies.EndpointsAsync();
        // Dependencies.UniqueName overruns its substring for short purposes; the same shape, built here.
        var prefix = $"t_gw_{Guid.NewGuid():N}-";
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Tokens = new AccessTokens(Convert.FromBase64String(key), TimeSpan.FromMinutes(10));

        Fakes = new FakeServices(Tokens);
        _services = await Fakes.StartAsync(rabbitMq, prefix);
        _app = GatewayApp.Build([
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:RabbitMq", rabbitMq,
            "--Platform:Messaging:Prefix", prefix,
            "--Platform:Auth:SigningKey", key,
            "--Platform:Gateway:RequestTimeout", "00:00:02",
            .. _settings,
        ], services =>
        {
            if (_time is not null)
                services.AddSingleton(_time);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Endpoint = new Uri(new Uri(address), "/graphql");
        await Eventually.Until(async () => (await Http.GetAsync(new Uri(Endpoint, "/health/ready"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "the gateway's bus to be ready");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_services is not null)
            await _services.StopAsync();
        Http.Dispose();
    }

    /// <summary>POST {query, variables} as JSON, optionally with a bearer token and an Accept header.</summary>
    public Task<Response> PostAsync(string query, object? variables = null, string? token = null, string? accept = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables });
        return SendAsync(HttpMethod.Post, Endpoint, new StringContent(body, Encoding.UTF8, "application/json"), token, accept);
    }

    public async Task<Response> SendAsync(HttpMethod method, Uri uri, HttpContent? content, string? token = null, string? accept = null)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Response((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text)
        {
            RetryAfter = response.Headers.RetryAfter?.Delta,
        };
    }
}

/// <summary>An HTTP response of the gateway, with its body parsed as JSON when it is JSON.</summary>
public sealed record Response(int Status, string? MediaType, string Body)
{
    public JsonNode? Json { get; } = TryParse(Body);

    /// <summary>The Retry-After header, when there is one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public JsonNode? Data => Json?["data"];

    public JsonArray Errors => Json?["errors"] as JsonArray ?? [];

    public IEnumerable<string?> ErrorCodes => Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>());

    static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => $"{Status} {MediaType}: {Body}";
}
