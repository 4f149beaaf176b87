using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Testing;
using Xunit;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A partner's webhooks over HTTP: a key with webhooks:write subscribes a receiver of the test to workspace.activated, the
/// key creates a customer workspace, and the receiver gets one POST for it, signed as Standard Webhooks says.
/// </summary>
public sealed class PartnerWebhookTests(RunningPlatform platform) : IClassFixture<RunningPlatform>, IAsyncLifetime
{
    static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    sealed record Received(string Body, string Id, string Timestamp, string Signature);

    readonly ConcurrentQueue<Received> _received = new();
    WebApplication? _receiver;
    string _url = "";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _receiver = builder.Build();
        _receiver.MapPost("/hooks", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _received.Enqueue(new Received(body, request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString()));
            return Results.Ok();
        });
        await _receiver.StartAsync();
        var address = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _url = address.TrimEnd('/') + "/hooks";
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
            await _receiver.DisposeAsync();
    }

    static JsonNode Payload(JsonObject result, string field)
    {
        var payload = result["data"]?[field] ?? throw new InvalidOperationException($"{field} failed: {result.ToJsonString()}");
        Assert.True(payload["userErrors"]!.AsArray().Count == 0, $"{field}: {result.ToJsonString()}");
        return payload;
    }

    /// <summary>Standard Webhooks: "v1," + base64 HMAC-SHA256 of "{id}.{timestamp}.{body}", keyed with the base64 after "whsec_".</summary>
    static bool SignedWith(string secret, Received post)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{post.Id}.{post.Timestamp}.{post.Body}")));
        return post.Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    [Fact]
    public async Task AKeyWithWebhooksWrite_SubscribesToWorkspaceActivated_ThenCreatesACustomerWorkspace_AndOneSignedPostArrivesForIt()
    {
        // A platform of its own (the class fixture): the operator signs up first.
        var (operatorToken, _) = await platform.SignUp(RunningPlatform.AdminEmail, "Operations");
        var ownerEmail = $"reseller-{Guid.NewGuid():N}@example.com";
        var partnerId = Payload(await platform.GraphQL("""
            mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } userErrors { code message } } }
            """, new { i = new { name = "Hooks " + Guid.NewGuid().ToString("N")[..6], ownerEmail } }, operatorToken), "createPartner")["partner"]!["id"]!.GetValue<string>();
        var (ownerToken, _) = await platform.SignUp(ownerEmail, "Reseller's own");
        var key = Payload(await platform.GraphQL("""
            mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key userErrors { code message } } }
            """, new { i = new { partnerId, name = "hooks", scopes = new[] { "workspaces:write", "webhooks:write" } } }, ownerToken), "createApiKey")["key"]!.GetValue<string>();

        var created = Payload(await platform.GraphQL("""
            mutation($i: CreateWebhookSubscriptionInput!) {
              createWebhookSubscription(input: $i) { webhookSubscription { id url eventTypes status } signingSecret userErrors { code message } }
            }
            """, new { i = new { partnerId, url = _url, eventTypes = new[] { "workspace.activated" }, description = "portal" } }, key), "createWebhookSubscription");
        var secret = created["signingSecret"]!.GetValue<string>();
        var subscriptionId = created["webhookSubscription"]!["id"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);

        var workspaceId = Payload(await platform.GraphQL("""
            mutation($i: CreateCustomerWorkspaceInput!) { createCustomerWorkspace(input: $i) { workspace { id } userErrors { code message } } }
            """, new { i = new { partnerId, name = "Hooked Shop", customerEmail = $"customer-{Guid.NewGuid():N}@example.com" } }, key),
            "createCustomerWorkspace")["workspace"]!["id"]!.GetValue<string>();

        var posts = await Eventually.Until(() => Task.FromResult(_received.ToArray()), r => r.Length >= 1, Within, "the workspace.activated webhook",
            TimeSpan.FromMilliseconds(200));
        var post = Assert.Single(posts);
        Assert.True(SignedWith(secret, post), $"the signature {post.Signature} is not the HMAC of the body with the secret");
        Assert.False(SignedWith("whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), post));
        Assert.True(Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - long.Parse(post.Timestamp)) < 300);
        using var body = JsonDocument.Parse(post.Body);
        Assert.Equal("workspace.activated", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(workspaceId, body.RootElement.GetProperty("data").GetProperty("workspaceId").GetString());

        // The partner sees the delivery through the API, under the id the receiver got as webhook-id.
        var deliveries = await Eventually.Until(() => platform.GraphQL("""
            query($id: ID!) { partner(id: $id) { webhookSubscriptions(first: 5) { nodes { id deliveries(first: 5) { nodes { id status eventType workspaceId attempts lastResponseStatus } } } } } }
            """, new { id = partnerId }, key),
            r => r["data"]?["partner"]?["webhookSubscriptions"]?["nodes"]?[0]?["deliveries"]?["nodes"]?[0]?["status"]?.GetValue<string>() == "DELIVERED",
            Within, "the delivery to be listed as DELIVERED", TimeSpan.FromMilliseconds(200));
        var subscription = deliveries["data"]!["partner"]!["webhookSubscriptions"]!["nodes"]![0]!;
        Assert.Equal(subscriptionId, subscription["id"]!.GetValue<string>());
        var delivery = Assert.Single(subscription["deliveries"]!["nodes"]!.AsArray())!;
        Assert.Equal((post.Id, workspaceId, 200), (delivery["id"]!.GetValue<string>(), delivery["workspaceId"]!.GetValue<string>(),
            delivery["lastResponseStatus"]!.GetValue<int>()));
        Assert.Single(_received);
    }
}
