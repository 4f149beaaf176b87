using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Infrastructure.Tests.Hosting;

namespace Platform.Infrastructure.Tests.Health;

public sealed class HealthService() : ServiceFixture("health-probe");

public sealed class HealthEndpointTests(HealthService fixture) : IClassFixture<HealthService>, IAsyncLifetime
{
    readonly TestService _service = fixture.Service;
    WebApplication _app = null!;

    public async Task InitializeAsync() => _app = await _service.StartAsync(_ => { });

    public Task DisposeAsync() => _app.StopAndDisposeAsync();

    [Fact]
    public async Task GivenRunningService_WhenLivenessIsProbed_ThenItAnswers200()
    {
        using var http = _app.HttpClient();

        var response = await http.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenPostgresAndRabbitMqUp_WhenReadinessIsProbed_ThenItAnswers200AfterCheckingBoth()
    {
        using var http = _app.HttpClient();

        var status = await Eventually.Until(async () => (await http.GetAsync("/health/ready")).StatusCode,
            code => code == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "/health/ready to answer 200");

        Assert.Equal(HttpStatusCode.OK, status);
        var report = await _app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(c => c.Tags.Contains("ready"));
        Assert.Contains(report.Entries, e => e.Key == "postgres" && e.Value.Status == HealthStatus.Healthy);
        Assert.Contains(report.Entries, e => e.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
                                             && e.Value.Status == HealthStatus.Healthy);
    }

    [Fact]
    public async Task GivenRabbitMqUnreachable_WhenReadinessIsProbed_ThenItIsNotReadyButStillLive()
    {
        var closedPort = ClosedPort();
        var app = await _service.StartAsync(_ => { }, settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:RabbitMq"] = $"amqp://guest:guest@127.0.0.1:{closedPort}/",
        });
        try
        {
            using var http = app.HttpClient();

            var ready = await Eventually.Until(async () => (await http.GetAsync("/health/ready")).StatusCode,
                code => code == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20), "/health/ready to answer 503");
            var live = await http.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            await app.StopAndDisposeAsync();
        }
    }

    [Fact]
    public async Task GivenRunningService_WhenMetricsAreScraped_ThenPrometheusTextIsReturned()
    {
        using var http = _app.HttpClient();
        await http.GetAsync("/health/live");

        var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE", body);
        Assert.Contains("http_requests_received_total", body);
    }

    static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
