using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Platform.KubeSim.Faults;
using Platform.KubeSim.Patching;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>Serves the resource paths under /api and /apis: maps HTTP to verbs, applies faults, answers errors as Status.</summary>
public sealed class ResourceEndpoint(ObjectStore store, ObjectOperations operations, ScaleSubresource scale,
    FaultInjector faults, RequestLog requestLog, TimeProvider clock)
{
    public async Task HandleAsync(HttpContext context, ApiPath path)
    {
        var verb = VerbOf(context.Request, path);
        try
        {
            var fault = faults.Take(verb, path.Type.Plural);
            if (fault is not null)
            {
                if (fault.DelayMs > 0)
                {
                    await Task.Delay(fault.DelayMs, context.RequestAborted);
                }
                if (fault.Status > 0)
                {
                    throw new ApiException(fault.Status, ApiException.ReasonFor(fault.Status), fault.Message ?? "fault injected by KubeSim");
                }
            }
            if (verb == "watch")
            {
                var labels = LabelSelector.Parse(context.Request.Query["labelSelector"]);
                var fields = FieldSelector.Parse(context.Request.Query["fieldSelector"]);
                await WatchStream.RunAsync(context, store, path.Type, path.Namespace, o => labels.Matches(Meta.Labels(o)) && fields.Matches(o));
                Record(context, path, verb);
                return;
            }
            var (status, result) = await ServeAsync(context, path, verb);
            await WriteAsync(context, status, result);
        }
        catch (ApiException error)
        {
            await WriteAsync(context, error.Code, StatusObjects.From(error));
        }
        Record(context, path, verb);
    }

    private async Task<(int Status, JsonObject Body)> ServeAsync(HttpContext context, ApiPath path, string verb)
    {
        var request = context.Request;
        var dryRun = request.Query["dryRun"].Any(v => v == "All");
        var (type, ns, name, subresource) = (path.Type, path.Namespace, path.Name, path.Subresource);
        switch (verb)
        {
            case "list":
                return (200, List(type, ns, request));
            case "get" when subresource == "scale":
                return (200, scale.Get(type, ns!, name!));
            case "get":
                var found = store.Get(type, ns, name!) ?? throw ApiException.NotFound(type, name!);
                return (200, TableView.IsRequested(request.Headers.Accept) ? TableView.Build(type, [found], Meta.ResourceVersion(found)!, clock.GetUtcNow()) : found);
            case "create":
                return (dryRun ? 200 : 201, operations.Create(type, ns, await ObjectBodyAsync(request), dryRun));
            case "update" when subresource == "scale":
                return (200, scale.Update(type, ns!, name!, ManifestBody.ParseObject(await BodyAsync(request))));
            case "update":
                return (200, operations.Update(type, ns, name!, subresource, ManifestBody.ParseObject(await BodyAsync(request)), dryRun));
            case "patch" when subresource == "scale":
                return (200, scale.Patch(type, ns!, name!, request.ContentType ?? "", await BodyAsync(request)));
            case "patch":
                var existed = store.Exists(type, ns, name!);
                var patched = operations.Patch(type, ns, name!, subresource, request.ContentType ?? "", await BodyAsync(request), dryRun);
                return (existed || dryRun ? 200 : 201, patched);
            case "delete":
                var deleted = operations.Delete(type, ns, name!, dryRun);
                return (200, deleted);
            case "deletecollection":
                var items = Select(type, ns, request).Select(o => operations.Delete(type, Meta.Namespace(o), Meta.Name(o)!, dryRun)).ToList();
                return (200, ListObject(type, items));
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource ({request.Method} {request.Path})");
        }
    }

    private JsonObject List(ResourceType type, string? ns, HttpRequest request)
    {
        var items = Select(type, ns, request);
        return TableView.IsRequested(request.Headers.Accept)
            ? TableView.Build(type, items, store.CurrentResourceVersion, clock.GetUtcNow())
            : ListObject(type, items);
    }

    private List<JsonObject> Select(ResourceType type, string? ns, HttpRequest request)
    {
        var labels = LabelSelector.Parse(request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(request.Query["fieldSelector"]);
        return store.List(type, ns).Where(o => labels.Matches(Meta.Labels(o)) && fields.Matches(o)).ToList();
    }

    private JsonObject ListObject(ResourceType type, IEnumerable<JsonObject> items) => new()
    {
        ["kind"] = type.Kind + "List",
        ["apiVersion"] = type.GroupVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion },
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    private static string VerbOf(HttpRequest request, ApiPath path) => request.Method switch
    {
        "GET" when path.Name is null && IsWatch(request) => "watch",
        "GET" when path.Name is null => "list",
        "GET" => "get",
        "POST" when path.Name is null => "create",
        "PUT" when path.Name is not null => "update",
        "PATCH" when path.Name is not null => "patch",
        "DELETE" when path.Name is null && path.Type.Namespaced => "deletecollection",
        "DELETE" when path.Name is not null => "delete",
        _ => "unsupported",
    };

    private static bool IsWatch(HttpRequest request) =>
        request.Query["watch"].Any(v => v is "1" or "true" or "True");

    private static async Task<JsonObject> ObjectBodyAsync(HttpRequest request)
    {
        if ((request.ContentType ?? "").StartsWith(ProtobufBody.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return ProtobufBody.Decode(buffer.ToArray());
        }
        return ManifestBody.ParseObject(await BodyAsync(request));
    }

    private static async Task<string> BodyAsync(HttpRequest request)
    {
        var mediaType = (request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "application/yaml" or "" or "text/plain") && !mediaType.EndsWith("+json", StringComparison.Ordinal)
            && !mediaType.EndsWith("+yaml", StringComparison.Ordinal))
        {
            throw ApiException.UnsupportedMediaType(request.ContentType ?? "");
        }
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync();
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private void Record(HttpContext context, ApiPath path, string verb) =>
        requestLog.Add(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
            verb, path.Type.Plural, path.Namespace, path.Name, context.Response.StatusCode));
}
