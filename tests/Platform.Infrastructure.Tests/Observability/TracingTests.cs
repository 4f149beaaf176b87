using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Trace;
using Platform.Infrastructure.Observability;
using Platform.Infrastructure.Tests.Hosting;
using Platform.Infrastructure.Tests.Outbox;

namespace Platform.Infrastructure.Tests.Observability;

public sealed class TracingService() : ServiceFixture("tracing-items");

/// <summary>Every span the test host ends, as OpenTelemetry exports it.</summary>
public sealed class SpanCollector : BaseProcessor<Activity>
{
    readonly ConcurrentQueue<Activity> _ended = new();
    public override void OnEnd(Activity data) => _ended.Enqueue(data);
    public IReadOnlyList<Activity> All => _ended.ToArray();
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => _ended.Where(a => a.TraceId == traceId).ToList();
}

public sealed class TracingTests(TracingService fixture) : IClassFixture<TracingService>, IAsyncLifetime
{
    static readonly ActivitySource Caller = new("Platform.Tests.Caller");
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    readonly TestService _service = fixture.Service;
    readonly SpanCollector _spans = new();
    WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        _app = await _service.StartAsync(ItemsService.Configure,
            s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddSource(Caller.Name).AddProcessor(_spans)));
        await _app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(20));
    }

    public Task DisposeAsync() => _app.StopAndDisposeAsync();

    [Fact]
    public async Task GivenEventsAppendedDuringARequest_WhenTheOutboxPublishesThemAndTheyAreConsumed_ThenEverySpanIsInTheRequestsTrace()
    {
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        var workspaceId = Guid.NewGuid();
        ActivityTraceId traceId;
        ActivitySpanId requestSpan;
        string traceParent;
        IReadOnlyList<Guid> eventIds;
        using (var request = Caller.StartActivity("POST /graphql", ActivityKind.Server))
        {
            Assert.NotNull(request);
            (traceId, requestSpan, traceParent) = (request.TraceId, request.SpanId, request.Id!);
            eventIds = await ItemsService.RecordItemsAsync(store, workspaceId, 1, 3);
        }

        await using (var query = store.QuerySession(Persistence.EventStore.TenantOf(workspaceId)))
        {
            var stored = await query.Events.QueryAllRawEvents().Where(e => e.Id == eventIds[0]).ToListAsync();
            // The trace context is stored with the event, so a forwarder on another replica or after a restart still has it.
            Assert.Equal(traceParent, stored.Single().Headers?.GetValueOrDefault(Tracing.TraceParentHeader)?.ToString());
        }

        // The request is over before the outbox publishes: the trace crosses the database, then the bus.
        await Eventually.Until(() => ItemsService.EffectsAsync(store, workspaceId), e => e.Count == 3, Deadline, "the three items to be consumed");
        var spans = await Eventually.Until(() => Task.FromResult(_spans.InTrace(traceId)),
            s => s.Count(IsConsume) == 3, Deadline, "three consume spans in the request's trace");

        var publishes = spans.Where(a => a.Source.Name == Tracing.SourceName).ToList();
        Assert.Equal(eventIds.Order(), publishes.Select(a => Guid.Parse((string)a.GetTagItem("messaging.message.id")!)).Order());
        Assert.All(publishes, p => Assert.Equal(requestSpan, p.ParentSpanId));
        Assert.All(spans.Where(IsConsume), consume =>
        {
            // consume (process) ← receive ← MassTransit's send ← the outbox's publish ← the request
            var chain = Ancestors(consume, spans).ToList();
            Assert.Contains(chain, a => a.Source.Name == Tracing.SourceName);
            Assert.Equal(requestSpan, chain[^1].SpanId);
        });
    }

    [Fact]
    public async Task GivenEventsAppendedOutsideAnyTrace_WhenPublished_ThenEachMessageStartsATraceOfItsOwn()
    {
        Assert.Null(Activity.Current);
        var store = _app.Services.GetRequiredService<IDocumentStore>();
        var workspaceId = Guid.NewGuid();
        var eventIds = await ItemsService.RecordItemsAsync(store, workspaceId, 1, 2);

        await Eventually.Until(() => ItemsService.EffectsAsync(store, workspaceId), e => e.Count == 2, Deadline, "the two items to be consumed");
        var publishes = await Eventually.Until(() => Task.FromResult(eventIds.Select(PublishSpanOf).ToList()),
            p => p.All(a => a is not null), Deadline, "a publish span per event");

        Assert.All(publishes, p => Assert.Equal(default, p!.ParentSpanId));
        Assert.Equal(2, publishes.Select(p => p!.TraceId).Distinct().Count());
    }

    [Theory]
    [InlineData("http://collector:4318", null, "http://collector:4318/v1/traces", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("http://collector:4318/", "http/protobuf", "http://collector:4318/v1/traces", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("https://otel.example.com/tenant-a/v1/traces", null, "https://otel.example.com/tenant-a/v1/traces", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("http://collector:4317", "grpc", "http://collector:4317/", OtlpExportProtocol.Grpc)]
    public void GivenAnOtlpEndpoint_WhenTheExporterIsConfigured_ThenHttpGetsTheTracesPathAndGrpcTheBareHost(
        string endpoint, string? protocol, string expected, OtlpExportProtocol expectedProtocol)
    {
        var options = new OtlpExporterOptions();

        Tracing.ConfigureExporter(options, endpoint, protocol);

        Assert.Equal((new Uri(expected), expectedProtocol), (options.Endpoint, options.Protocol));
    }

    Activity? PublishSpanOf(Guid eventId) => _spans.All.FirstOrDefault(a =>
        a.Source.Name == Tracing.SourceName && (string?)a.GetTagItem("messaging.message.id") == eventId.ToString());

    /// <summary>MassTransit's span of a consumer handling a message (its "receive" span is the parent).</summary>
    static bool IsConsume(Activity span) =>
        span.Kind == ActivityKind.Consumer && span.Source.Name == "MassTransit" && span.DisplayName.EndsWith(" process");

    static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(a => a.SpanId == span.ParentSpanId); parent is not null;
             parent = trace.FirstOrDefault(a => a.SpanId == parent.ParentSpanId))
            yield return parent;
    }
}
