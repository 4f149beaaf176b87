using Platform.Gateway.Auth;
using Platform.Gateway.Limits;
using Xunit;

namespace Platform.Gateway.Tests;

public sealed class CostThrottleTests
{
    readonly ManualClock _clock = new();

    CostThrottle Throttle(double maximum = 100, double restoreRate = 10) =>
        new(new GatewayOptions { Throttle = new ThrottleOptions { MaximumAvailable = maximum, RestoreRate = restoreRate } }, _clock);

    [Fact]
    public void GivenEmptyBucket_WhenTakingMore_ThenRefusedUntilEnoughHasLeakedBack()
    {
        var throttle = Throttle();

        Assert.True(throttle.TryTake("user:a", 80).Taken);
        var refused = throttle.TryTake("user:a", 50);
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        var stillRefused = throttle.TryTake("user:a", 50).Taken;
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        var taken = throttle.TryTake("user:a", 50).Taken;

        Assert.False(refused.Taken);
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter);
        Assert.False(stillRefused);
        Assert.True(taken);
        Assert.Equal(0, throttle.Status("user:a").CurrentlyAvailable);
    }

    [Fact]
    public void GivenIdleCaller_ThenBucketRefillsOnlyUpToTheMaximum()
    {
        var throttle = Throttle();
        throttle.TryTake("user:a", 100);

        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(new ThrottleStatus(100, 100, 10), throttle.Status("user:a"));
    }

    [Fact]
    public void RefundsGiveUnusedPointsBackButNeverAboveTheMaximum()
    {
        var throttle = Throttle();

        throttle.TryTake("user:a", 60);
        throttle.Refund("user:a", 40);
        var afterRefund = throttle.Status("user:a").CurrentlyAvailable;
        throttle.Refund("user:a", 500);

        Assert.Equal(80, afterRefund);
        Assert.Equal(100, throttle.Status("user:a").CurrentlyAvailable);
    }

    [Fact]
    public void EachCallerHasItsOwnBucket()
    {
        var throttle = Throttle();

        throttle.TryTake("user:a", 100);

        Assert.False(throttle.TryTake("user:a", 1).Taken);
        Assert.True(throttle.TryTake("user:b", 100).Taken);
        Assert.True(throttle.TryTake("ip:10.0.0.1", 100).Taken);
    }

    [Fact]
    public async Task GivenManyConcurrentQueries_ThenExactlyAsManyAsTheBucketHoldsAreTaken()
    {
        var throttle = Throttle(maximum: 1000);

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(() => throttle.TryTake("user:a", 10).Taken)));

        Assert.Equal(100, results.Count(taken => taken));
        Assert.Equal(0, throttle.Status("user:a").CurrentlyAvailable);
    }

    [Fact]
    public void CallersAreKeyedByUserWhenSignedInAndByAddressOtherwise()
    {
        var user = Guid.NewGuid();

        Assert.Equal($"user:{user:N}", new Caller(user, false) { ClientAddress = "10.0.0.1" }.Id);
        Assert.Equal("ip:10.0.0.1", new Caller(null, false) { ClientAddress = "10.0.0.1" }.Id);
        Assert.NotEqual(new Caller(null, false) { ClientAddress = "10.0.0.2" }.Id, new Caller(null, false) { ClientAddress = "10.0.0.1" }.Id);
    }
}

/// <summary>A gateway with a 30-point bucket restoring 10 per second, on a clock that stands still.</summary>
public sealed class ThrottledGatewayFixture() : GatewayFixture(
    ["--Platform:Gateway:Throttle:MaximumAvailable", "30", "--Platform:Gateway:Throttle:RestoreRate", "10"], Clock)
{
    // One clock per fixture instance would be nicer, but the base constructor needs it before this one runs.
    public static readonly ManualClock Clock = new();
}

public sealed class ThrottledGatewayTests(ThrottledGatewayFixture gateway) : IClassFixture<ThrottledGatewayFixture>
{
    // Requested 1 + 1 + 10 x 2 = 22; with one workspace it actually costs 1 + 1 + 2 = 4.
    const string Query = "{ me { workspaces(first: 10) { nodes { cluster { name } } } } }";

    [Fact]
    public async Task GivenBucketTooLowForTheRequestedCost_ThenThrottledWithRetryAfterUntilItRefills()
    {
        var token = await WorkspaceConnectionTests.SignUpWithWorkspacesAsync(gateway, "only");

        var available = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var ok = (await gateway.PostAsync(Query, token: token)).Clean();
            Assert.Empty(ok.Errors);
            available.Add(ok.Json!["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
        }
        var throttled = (await gateway.PostAsync(Query, token: token)).Clean();
        ThrottledGatewayFixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterWaiting = (await gateway.PostAsync(Query, token: token)).Clean();

        // Each query takes 22 up front and gets the unused 18 back.
        Assert.Equal([26, 22, 18], available);
        Assert.Equal(429, throttled.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.RetryAfter);
        throttled.HasErrorCode("THROTTLED");
        Assert.Null(throttled.Data);
        Assert.Equal(1, throttled.Errors.Single()!["extensions"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(0, throttled.Json!["extensions"]!["cost"]!["actualQueryCost"]!.GetValue<long>());
        Assert.Equal(18, throttled.Json!["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
        Assert.Empty(afterWaiting.Errors);
        Assert.Equal(24, afterWaiting.Json!["extensions"]!["cost"]!["throttleStatus"]!["currentlyAvailable"]!.GetValue<double>());
    }

    [Fact]
    public async Task GivenQueryCostlierThanTheWholeBucket_ThenMaxCostExceededInsteadOfThrottled()
    {
        var token = await WorkspaceConnectionTests.SignUpWithWorkspacesAsync(gateway, "only");

        var response = (await gateway.PostAsync("{ me { workspaces(first: 20) { nodes { cluster { name } } } } }", token: token)).Clean();

        response.HasErrorCode("MAX_COST_EXCEEDED");
        Assert.Equal(200, response.Status);
    }
}
