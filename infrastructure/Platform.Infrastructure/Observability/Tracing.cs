using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Builder;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Platform.Infrastructure.Observability;

/// <summary>
/// OpenTelemetry traces across the bus. ASP.NET Core, HttpClient, Npgsql and MassTransit activities join one W3C trace:
/// MassTransit carries the trace context in the message headers, and the event-log outbox carries it through the
/// database — the session that appends events records the current trace context as an event header, and the forwarder
/// publishes the integration message as a child of it. Spans are exported over OTLP when an endpoint is configured
/// (Platform:Tracing:OtlpEndpoint or the standard OTEL_EXPORTER_OTLP_ENDPOINT); either way every log line carries the
/// trace id.
/// </summary>
public static class Tracing
{
    /// <summary>The activity source of Platform's own spans (the outbox's publishes).</summary>
    public const string SourceName = "Platform";

    /// <summary>The event header that carries the W3C trace context of the session that appended the event.</summary>
    public const string TraceParentHeader = "traceparent";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// Sends a request to a third party outside the traces: no span records its URL (which may carry the receiver's secret)
    /// and OpenTelemetry injects no trace headers. Pair it with a handler whose ActivityHeadersPropagator is the no-output
    /// one, so the runtime sends none either.
    /// </summary>
    public static async Task<HttpResponseMessage> SendUntracedAsync(this HttpClient client, HttpRequestMessage request,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var suppressed = SuppressInstrumentationScope.Begin();
        Activity.Current = null; // only for this call: an async method's changes to Activity.Current do not flow back
        return await client.SendAsync(request, completion, cancellationToken);
    }

    /// <summary>The OTLP exporter for an explicit endpoint: http/protobuf (default) gets /v1/traces when only a host is given.</summary>
    public static void ConfigureExporter(OtlpExporterOptions options, string endpoint, string? protocol)
    {
        var grpc = string.Equals(protocol, "grpc", StringComparison.OrdinalIgnoreCase);
        var uri = new Uri(endpoint);
        options.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = grpc || uri.AbsolutePath.Trim('/').Length > 0 ? uri : new Uri(uri, "v1/traces");
    }

    public static WebApplicationBuilder AddPlatformTracing(this WebApplicationBuilder builder, string serviceName)
    {
        // Platform:Tracing:OtlpEndpoint is the full URL spans are sent to (http/protobuf: …/v1/traces is added to a bare
        // host); without it the exporter follows the standard OTEL_EXPORTER_OTLP_* variables itself, when they are set.
        var endpoint = builder.Configuration["Platform:Tracing:OtlpEndpoint"];
        var fromEnvironment = !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"))
                              || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(SourceName, "MassTransit", "Npgsql")
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation();
                if (!string.IsNullOrWhiteSpace(endpoint))
                    tracing.AddOtlpExporter(o => ConfigureExporter(o, endpoint, builder.Configuration["Platform:Tracing:OtlpProtocol"]));
                else if (fromEnvironment)
                    tracing.AddOtlpExporter();
            });
        return builder;
    }

    /// <summary>Records the current trace context on the events a session appends (Marten event headers).</summary>
    public static void RecordTraceContext(this StoreOptions options)
    {
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Listeners.Add(new TraceContextListener());
    }

    /// <summary>Starts the span under which the outbox publishes a committed event's message, parented by its trace context.</summary>
    public static Activity? StartPublishActivity(IEvent committed, Type messageType)
    {
        var traceParent = committed.Headers is { } headers && headers.TryGetValue(TraceParentHeader, out var value)
            ? value?.ToString()
            : null;
        ActivityContext.TryParse(traceParent, null, out var parent);
        var activity = Source.StartActivity($"outbox publish {messageType.Name}", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", committed.Id.ToString());
        activity?.SetTag("platform.event.sequence", committed.Sequence);
        return activity;
    }

    sealed class TraceContextListener : DocumentSessionListenerBase
    {
        public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
        {
            if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
                foreach (var appended in session.PendingChanges.Streams().SelectMany(stream => stream.Events))
                    appended.SetHeader(TraceParentHeader, current.Id!);
            return Task.CompletedTask;
        }
    }
}
