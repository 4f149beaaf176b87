using System.Net;
using System.Net.Http.Json;
using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.ErrorHandling;

public sealed class RedeliveryService() : ServiceFixture("redelivery-shipping");

public sealed class RedeliveryTests(RedeliveryService fixture) : IClassFixture<RedeliveryService>, IAsyncLifetime
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    readonly TestService _service = fixture.Service;
    readonly Carrier _carrier = new();
    WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await _service.StartAsync(ShippingService.Configure, s => s.AddSingleton(_carrier), ShippingService.FastRedelivery);
        // A host stopped while its bus is still starting may go on consuming the class's queue after the test.
        await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));
    }

    public Task DisposeAsync() => _app.StopAndDisposeAsync();

    [Fact]
    public async Task GivenAConsumerFailingMoreAttemptsThanItsRetries_WhenRedeliveredLater_ThenTheMessageIsHandledOnceWithItsId()
    {
        var parcelId = Guid.NewGuid();
        // Two attempts per delivery (one retry): the first delivery and the first redelivery fail, the second redelivery succeeds.
        _carrier.FailNext(5);

        var messageId = await ShippingService.ShipAsync(_app, parcelId);

        var shipments = await Eventually.Until(() => ShippingService.ShipmentsAsync(_app, parcelId), s => s.Count > 0, Deadline,
            "the parcel to be shipped after its redeliveries");
        var attempts = _carrier.Attempts;
        Assert.Equal([messageId], shipments.Select(s => s.MessageId));
        Assert.All(attempts, a => Assert.Equal(messageId, a.MessageId));
        Assert.Equal([(0, true), (0, true), (1, true), (1, true), (2, true), (2, false)], attempts.Select(a => (a.Redelivery, a.Failed)));
        var queue = ShippingService.Queue(_service);
        Assert.Equal(0u, await _service.ReadyMessagesAsync(Redelivery.DelayQueue(queue, TimeSpan.FromSeconds(1))));
        Assert.Equal(0u, await _service.ReadyMessagesAsync(Redelivery.DelayQueue(queue, TimeSpan.FromSeconds(2))));
        Assert.Equal(0u, await ErrorCountAsync(queue + "_error"));
    }

    [Fact]
    public async Task GivenAConsumerThatAlwaysFails_WhenRedeliveriesAreUsedUp_ThenItWaitsInTheErrorQueueAndAReplayHandlesItOnce()
    {
        var parcelId = Guid.NewGuid();
        var errorQueue = ShippingService.Queue(_service) + "_error";
        _carrier.FailAlways();

        var messageId = await ShippingService.ShipAsync(_app, parcelId);

        await Eventually.Until(() => ErrorCountAsync(errorQueue), n => n == 1, Deadline, "the message to reach the error queue");
        Assert.Equal([0, 0, 1, 1, 2, 2], _carrier.Attempts.Select(a => a.Redelivery));
        Assert.Empty(await ShippingService.ShipmentsAsync(_app, parcelId));

        _carrier.Recover();
        using var http = _app.AdminHttpClient();
        var response = await http.PostAsync($"/admin/error-queues/{errorQueue}/replay", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var replay = await response.Content.ReadFromJsonAsync<ErrorQueueReplay>();
        Assert.Equal(new ErrorQueueReplay(errorQueue, ShippingService.Queue(_service), 1), replay);
        var shipments = await Eventually.Until(() => ShippingService.ShipmentsAsync(_app, parcelId), s => s.Count > 0, Deadline,
            "the replayed message to be handled");
        Assert.Equal([messageId], shipments.Select(s => s.MessageId));
        // The replayed message starts again with a full redelivery budget and the same id.
        Assert.Equal(new ShippingAttempt(messageId, 0, false), _carrier.Attempts[^1]);
        Assert.Equal(7, _carrier.Attempts.Count);
        Assert.Equal(0u, await ErrorCountAsync(errorQueue));
    }

    [Theory]
    [InlineData("no-such-queue_error")]
    [InlineData("{service}parcel-shipped")]
    [InlineData("{other}parcel-shipped_error")]
    public async Task GivenAQueueThatIsNotOneOfThisServicesErrorQueues_WhenReplayed_ThenItAnswers404(string queue)
    {
        queue = queue.Replace("{service}", _service.Prefix + _service.Name + "-").Replace("{other}", _service.Prefix + "billing-");
        using var http = _app.AdminHttpClient();

        var response = await http.PostAsync($"/admin/error-queues/{Uri.EscapeDataString(queue)}/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ERROR_QUEUE_NOT_FOUND", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-base64!")]
    [InlineData("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("Basic AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=")]
    public async Task GivenACallerWithoutTheAdminToken_WhenTheErrorQueuesAreListedOrReplayed_ThenItIs401AndNothingMoves(string? authorization)
    {
        var errorQueue = ShippingService.Queue(_service) + "_error";
        _carrier.FailAlways();
        await ShippingService.ShipAsync(_app, Guid.NewGuid());
        await Eventually.Until(() => ErrorCountAsync(errorQueue), n => n == 1, Deadline, "the message to reach the error queue");
        using var http = _app.HttpClient();
        if (authorization is not null)
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var list = await http.GetAsync("/admin/error-queues");
        var replay = await http.PostAsync($"/admin/error-queues/{errorQueue}/replay", null);

        foreach (var response in new[] { list, replay })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("UNAUTHENTICATED", body);
            Assert.DoesNotContain(errorQueue, body);
        }
        Assert.Equal(1u, await ErrorCountAsync(errorQueue));
        Assert.Equal(6, _carrier.Attempts.Count);

        // With the token the same replay goes through (and leaves the shared error queue empty for the other tests).
        _carrier.Recover();
        using var admin = _app.AdminHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/admin/error-queues/{errorQueue}/replay", null)).StatusCode);
        await Eventually.Until(() => ErrorCountAsync(errorQueue), n => n == 0, Deadline, "the replayed message to leave the error queue");
        await Eventually.Until(() => Task.FromResult(_carrier.Attempts.Count), n => n == 7, Deadline, "the replayed message to be handled");
    }

    async Task<uint> ErrorCountAsync(string errorQueue)
    {
        using var http = _app.AdminHttpClient();
        var queues = await http.GetFromJsonAsync<List<ErrorQueue>>("/admin/error-queues");
        return Assert.Single(queues!, q => q.Queue == errorQueue).Messages;
    }
}
