using System.Net;
using System.Text;
using Platform.Billing.Webhooks;
using Xunit;

namespace Platform.Billing.Tests;

/// <summary>
/// The delivery-time guard against server-side request forgery: which addresses are private, and the webhook HTTP
/// client's connect step, which resolves the host once, refuses it when any address is private and connects only to a
/// vetted address (so a name that resolves to an internal address at delivery, DNS rebinding, is never connected to).
/// </summary>
public sealed class WebhookTargetTests : IAsyncLifetime
{
    WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.168.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("fc00::1")]
    [InlineData("fdff:ffff::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    public void APrivateLoopbackLinkLocalOrReservedAddress_IsPrivate(string address) => Assert.True(WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("11.0.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.167.255.255")]
    [InlineData("223.255.255.254")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    [InlineData("fbff::1")]
    public void APublicAddress_IsNotPrivate(string address) => Assert.False(WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    static Func<string, CancellationToken, Task<IPAddress[]>> Dns(string host, params string[] addresses) => (asked, _) =>
        asked == host ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray()) : throw new InvalidOperationException($"Unexpected lookup of {asked}");

    static HttpClient Client(bool allowPrivateTargets, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) =>
        new(WebhookTargets.CreateHandler(new WebhookOptions { AllowPrivateTargets = allowPrivateTargets }, resolve)) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The receiver's URL under another host name (which the test's resolver maps to its address).</summary>
    string At(string host, string url) => url.Replace("127.0.0.1", host, StringComparison.Ordinal);

    static StringContent Body() => new("{}", Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task GivenPrivateTargetsNotAllowed_WhenTheHostIsOrResolvesToLoopback_ThenNothingIsConnected(string host)
    {
        var url = At(host, _receiver.NewEndpoint());
        using var client = Client(allowPrivateTargets: false);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(url, Body()));

        Assert.IsType<WebhookTargetNotAllowed>(refused.InnerException);
        Assert.Empty(_receiver.ReceivedAt(url));
    }

    [Fact]
    public async Task GivenPrivateTargetsNotAllowed_WhenAPublicLookingNameResolvesToAnInternalAddress_ThenNothingIsConnected()
    {
        // DNS rebinding: the name was public when the subscription was created; now it answers with a loopback address
        // next to a public one, or with the metadata address.
        var url = At("hooks.partner.example", _receiver.NewEndpoint());
        using var rebound = Client(false, Dns("hooks.partner.example", "203.0.113.10", "127.0.0.1"));
        using var metadata = Client(false, Dns("hooks.partner.example", "169.254.169.254"));

        var first = await Assert.ThrowsAsync<HttpRequestException>(() => rebound.PostAsync(url, Body()));
        var second = await Assert.ThrowsAsync<HttpRequestException>(() => metadata.PostAsync(url, Body()));

        Assert.IsType<WebhookTargetNotAllowed>(first.InnerException);
        Assert.IsType<WebhookTargetNotAllowed>(second.InnerException);
        Assert.Empty(_receiver.ReceivedAt(url));
    }

    [Fact]
    public async Task GivenPrivateTargetsAllowed_WhenTheNameResolves_ThenTheRequestGoesToTheResolvedAddress()
    {
        // The first address refuses (nothing listens on ::1 here), the next one is the receiver: tried in turn.
        var url = At("hooks.partner.example", _receiver.NewEndpoint());
        using var client = Client(true, Dns("hooks.partner.example", "::1", "127.0.0.1"));

        using var response = await client.PostAsync(url, Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_receiver.ReceivedAt(url));
    }

    [Fact]
    public async Task GivenPrivateTargetsAllowed_WhenLocalhostIsAsked_ThenItIsConnected()
    {
        var url = At("localhost", _receiver.NewEndpoint());
        using var client = Client(allowPrivateTargets: true);

        using var response = await client.PostAsync(url, Body());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_receiver.ReceivedAt(url));
    }
}
