using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>
/// A simple watch: streams ADDED/MODIFIED/DELETED events found by polling the store, and ends after the
/// requested timeoutSeconds (at most a minute) so that clients re-list instead of hanging forever.
/// </summary>
public static class WatchStream
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(HttpContext context, ObjectStore store, ResourceType type, string? ns, Func<JsonObject, bool> matches)
    {
        var query = context.Request.Query;
        var seconds = int.TryParse(query["timeoutSeconds"], out var requested) ? Math.Clamp(requested, 1, 60) : 60;
        var sinceVersion = long.TryParse(query["resourceVersion"], out var rv) ? rv : 0;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));

        var known = new Dictionary<string, JsonObject>();
        try
        {
            foreach (var obj in store.List(type, ns).Where(matches))
            {
                known[Key(obj)] = obj;
                if (sinceVersion == 0 || long.Parse(Meta.ResourceVersion(obj) ?? "0") > sinceVersion)
                {
                    await SendAsync(context, "ADDED", obj, deadline.Token);
                }
            }
            await context.Response.Body.FlushAsync(deadline.Token);
            while (!deadline.IsCancellationRequested)
            {
                await Task.Delay(PollInterval, deadline.Token);
                var current = store.List(type, ns).Where(matches).ToDictionary(Key);
                foreach (var (key, obj) in current)
                {
                    if (!known.TryGetValue(key, out var before))
                    {
                        await SendAsync(context, "ADDED", obj, deadline.Token);
                    }
                    else if (Meta.ResourceVersion(before) != Meta.ResourceVersion(obj))
                    {
                        await SendAsync(context, "MODIFIED", obj, deadline.Token);
                    }
                }
                foreach (var (key, obj) in known.Where(k => !current.ContainsKey(k.Key)))
                {
                    await SendAsync(context, "DELETED", obj, deadline.Token);
                }
                known = current;
            }
        }
        catch (OperationCanceledException)
        {
            // The watch timed out or the client went away: ending the stream is the answer.
        }
    }

    private static string Key(JsonObject obj) => $"{Meta.Namespace(obj)}/{Meta.Name(obj)}";

    private static async Task SendAsync(HttpContext context, string type, JsonObject obj, CancellationToken token)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString() + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), token);
        await context.Response.Body.FlushAsync(token);
    }
}
