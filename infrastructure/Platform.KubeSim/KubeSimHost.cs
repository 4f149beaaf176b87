using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.KubeSim.Api;
using Platform.KubeSim.Discovery;
using Platform.KubeSim.Faults;
using Platform.KubeSim.OpenApi;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;
using Platform.KubeSim.Workloads;

namespace Platform.KubeSim;

/// <summary>A running KubeSim: the Kubernetes API emulator on 127.0.0.1, hosted in-process.</summary>
public sealed class KubeSimHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly FaultInjector faults;
    private readonly RequestLog requestLog;
    private readonly WorkloadController workloads;
    private readonly StatePersister? persister;

    private KubeSimHost(WebApplication app, Uri baseUri, FaultInjector faults, RequestLog requestLog,
        WorkloadController workloads, StatePersister? persister)
    {
        this.app = app;
        BaseUri = baseUri;
        this.faults = faults;
        this.requestLog = requestLog;
        this.workloads = workloads;
        this.persister = persister;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseUri { get; }

    /// <summary>The API requests served so far (most recent last).</summary>
    public IReadOnlyList<RecordedRequest> Requests => requestLog.Snapshot();

    public static async Task<KubeSimHost> StartAsync(KubeSimOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(options.ListenOnAnyAddress ? IPAddress.Any : IPAddress.Loopback, options.Port));
        builder.Logging.SetMinimumLevel(options.VerboseLogging ? LogLevel.Information : LogLevel.Warning);
        var app = builder.Build();

        var clock = TimeProvider.System;
        var store = new ObjectStore();
        StatePersister? persister = null;
        if (options.DataDirectory is not null)
        {
            var stateFile = new StateFile(options.DataDirectory);
            stateFile.LoadInto(store);
            persister = new StatePersister(store, stateFile);
        }
        var operations = new ObjectOperations(store, clock);
        EnsureDefaultNamespaces(store, operations);
        var faults = new FaultInjector();
        var requestLog = new RequestLog();
        var endpoint = new ResourceEndpoint(store, operations, new ScaleSubresource(store), faults, requestLog, clock);
        var workloads = new WorkloadController(store, operations, options.WorkloadReadyDelay, clock,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<WorkloadController>());

        app.MapKubeSimAdmin(faults, requestLog);
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_kubesim"))
            {
                await next(context);
                return;
            }
            await ServeKubernetesAsync(context, endpoint);
        });

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new KubeSimHost(app, new Uri(address.Replace("0.0.0.0", "127.0.0.1").TrimEnd('/') + "/"), faults, requestLog, workloads, persister);
        if (options.KubeconfigPath is not null)
        {
            Kubeconfig.Write(options.KubeconfigPath, options.AdvertisedUri ?? host.BaseUri);
        }
        return host;
    }

    /// <summary>Writes a kubeconfig (context "kubesim") for this instance; returns its full path.</summary>
    public string WriteKubeconfig(string path) => Kubeconfig.Write(path, BaseUri);

    /// <summary>Makes matching API requests fail (or wait) as described.</summary>
    public void InjectFault(Fault fault) => faults.Inject(fault);

    /// <summary>Makes the next <paramref name="count"/> requests with this verb on this resource fail with <paramref name="status"/>.</summary>
    public void InjectFault(string verb, string resource, int status, int count = 1, string? message = null, int delayMs = 0) =>
        faults.Inject(new Fault { Verb = verb, Resource = resource, Status = status, Count = count, Message = message, DelayMs = delayMs });

    public void ClearFaults() => faults.Clear();

    public void ClearRequests() => requestLog.Clear();

    /// <summary>Completes when the process is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await workloads.DisposeAsync();
        if (persister is not null)
        {
            await persister.DisposeAsync();
        }
        await app.DisposeAsync();
    }

    private static void EnsureDefaultNamespaces(ObjectStore store, ObjectOperations operations)
    {
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            if (!store.Exists(ResourceCatalog.Namespaces, null, name))
            {
                operations.Create(ResourceCatalog.Namespaces, null,
                    new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, dryRun: false);
            }
        }
    }

    private static async Task ServeKubernetesAsync(HttpContext context, ResourceEndpoint endpoint)
    {
        var path = (context.Request.Path.Value ?? "/").TrimEnd('/');
        try
        {
            switch (path)
            {
                case "/version":
                    await WriteJsonAsync(context, DiscoveryDocuments.Version());
                    return;
                case "/api":
                    await WriteJsonAsync(context, DiscoveryDocuments.CoreVersions($"{context.Request.Host}"));
                    return;
                case "/apis":
                    await WriteJsonAsync(context, DiscoveryDocuments.GroupList());
                    return;
                case "/openapi/v3":
                    await WriteJsonAsync(context, OpenApiDocuments.Index());
                    return;
                case "/healthz" or "/livez" or "/readyz":
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("ok");
                    return;
            }
            if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
            {
                var document = OpenApiDocuments.ForPath(path["/openapi/v3/".Length..]) ?? throw NotFound();
                await WriteJsonAsync(context, document);
                return;
            }
            if (!path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/apis/", StringComparison.Ordinal))
            {
                throw NotFound();
            }
            var segments = path.Trim('/').Split('/');
            if (segments is ["apis", var group])
            {
                var versions = ResourceCatalog.All.Where(r => r.Group == group).Select(r => r.Version).Distinct().ToList();
                await WriteJsonAsync(context, versions.Count > 0 ? DiscoveryDocuments.Group(group, versions) : throw NotFound());
                return;
            }
            var apiPath = ApiPath.Parse(path);
            if (apiPath is null)
            {
                var groupVersion = segments[0] == "api" ? segments[1] : $"{segments[1]}/{segments[2]}";
                await WriteJsonAsync(context, DiscoveryDocuments.ResourceList(groupVersion) ?? throw NotFound());
                return;
            }
            await endpoint.HandleAsync(context, apiPath);
        }
        catch (ApiException error)
        {
            await WriteJsonAsync(context, StatusObjects.From(error), error.Code);
        }
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");

    private static async Task WriteJsonAsync(HttpContext context, JsonObject body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
