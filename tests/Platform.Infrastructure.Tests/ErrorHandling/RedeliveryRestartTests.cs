using Platform.Infrastructure.Messaging;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.ErrorHandling;

public sealed class RedeliveryRestartService() : ServiceFixture("redelivery-restart");

public sealed class RedeliveryRestartTests(RedeliveryRestartService fixture) : IClassFixture<RedeliveryRestartService>
{
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(4);
    readonly TestService _service = fixture.Service;

    [Fact]
    public async Task GivenARedeliveryWaitingInItsDelayQueue_WhenTheHostStopsAndANewOneStarts_ThenTheMessageIsStillHandledOnce()
    {
        var parcelId = Guid.NewGuid();
        var carrier = new Carrier();
        var settings = new Dictionary<string, string?>(ShippingService.FastRedelivery)
        {
            ["Platform:Messaging:RedeliveryIntervals"] = Interval.ToString(),
        };
        var delayQueue = Redelivery.DelayQueue(ShippingService.Queue(_service), Interval);
        carrier.FailNext(2);
        var first = await _service.StartAsync(ShippingService.Configure, s => s.AddSingleton(carrier), settings);
        Guid messageId;
        try
        {
            messageId = await ShippingService.ShipAsync(first, parcelId);
            await Eventually.Until(async () => await ReadyOrZeroAsync(delayQueue) == 1, Deadline, "the redelivery copy to wait in its delay queue");
        }
        finally
        {
            await first.StopAndDisposeAsync();
        }
        Assert.Equal(1u, await _service.ReadyMessagesAsync(delayQueue));

        var second = await _service.StartAsync(ShippingService.Configure, s => s.AddSingleton(carrier), settings);
        try
        {
            var shipments = await Eventually.Until(() => ShippingService.ShipmentsAsync(second, parcelId), s => s.Count > 0, Deadline,
                "the new host to handle the redelivered message");

            Assert.Equal([messageId], shipments.Select(s => s.MessageId));
            Assert.Equal([(0, true), (0, true), (1, false)], carrier.Attempts.Select(a => (a.Redelivery, a.Failed)));
            Assert.All(carrier.Attempts, a => Assert.Equal(messageId, a.MessageId));
        }
        finally
        {
            await second.StopAndDisposeAsync();
        }
    }

    async Task<uint> ReadyOrZeroAsync(string queue)
    {
        try
        {
            return await _service.ReadyMessagesAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }
}
