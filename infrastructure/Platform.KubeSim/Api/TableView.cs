using System.Text.Json.Nodes;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>The meta.k8s.io/v1 Table that kubectl get asks for, with the usual columns of each kind.</summary>
public static class TableView
{
    public static bool IsRequested(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> objects, string resourceVersion, DateTimeOffset now)
    {
        var columns = Columns(type);
        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = "string",
                ["format"] = c.Name == "Name" ? "name" : "",
                ["description"] = c.Name,
                ["priority"] = 0,
            }).ToArray()),
        };
        table["rows"] = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
        {
            ["cells"] = new JsonArray(columns.Select(c => (JsonNode?)JsonValue.Create(c.Value(o, now))).ToArray()),
            ["object"] = new JsonObject
            {
                ["kind"] = "PartialObjectMetadata",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = o["metadata"]?.DeepClone(),
            },
        }).ToArray());
        return table;
    }

    private static List<(string Name, Func<JsonObject, DateTimeOffset, string> Value)> Columns(ResourceType type)
    {
        var columns = new List<(string, Func<JsonObject, DateTimeOffset, string>)> { ("Name", (o, _) => Meta.Name(o) ?? "") };
        switch (type.Kind)
        {
            case "Namespace":
                columns.Add(("Status", (o, _) => Meta.Text(o["status"]?["phase"]) ?? ""));
                break;
            case "Deployment":
                columns.Add(("Ready", (o, _) => $"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"])}"));
                columns.Add(("Up-to-date", (o, _) => Int(o["status"]?["updatedReplicas"]).ToString()));
                columns.Add(("Available", (o, _) => Int(o["status"]?["availableReplicas"]).ToString()));
                break;
            case "StatefulSet":
                columns.Add(("Ready", (o, _) => $"{Int(o["status"]?["readyReplicas"])}/{Int(o["spec"]?["replicas"])}"));
                break;
            case "Pod":
                columns.Add(("Ready", (o, _) => Meta.Text(o["status"]?["phase"]) == "Running" ? "1/1" : "0/1"));
                columns.Add(("Status", (o, _) => Meta.Text(o["status"]?["phase"]) ?? ""));
                columns.Add(("Restarts", (_, _) => "0"));
                break;
            case "Service":
                columns.Add(("Type", (o, _) => Meta.Text(o["spec"]?["type"]) ?? ""));
                columns.Add(("Cluster-IP", (o, _) => Meta.Text(o["spec"]?["clusterIP"]) ?? ""));
                columns.Add(("Ports", (o, _) => string.Join(',', (o["spec"]?["ports"] as JsonArray ?? [])
                    .Select(p => $"{Meta.Text(p?["port"])}/{Meta.Text(p?["protocol"]) ?? "TCP"}"))));
                break;
            case "Job":
                columns.Add(("Completions", (o, _) => $"{Int(o["status"]?["succeeded"])}/{Int(o["spec"]?["completions"])}"));
                break;
        }
        columns.Add(("Age", (o, now) => Age(o, now)));
        return columns;
    }

    private static long Int(JsonNode? node) => Meta.Integer(node) ?? 0;

    private static string Age(JsonObject obj, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(Meta.Text(obj["metadata"]?["creationTimestamp"]), out var created))
        {
            return "<unknown>";
        }
        var age = now - created;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m"
            : $"{Math.Max(0, (int)age.TotalSeconds)}s";
    }
}
