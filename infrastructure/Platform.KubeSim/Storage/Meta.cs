using System.Text.Json.Nodes;

namespace Platform.KubeSim.Storage;

/// <summary>Reads and writes the metadata of objects kept as JsonObject.</summary>
public static class Meta
{
    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }
        var created = new JsonObject();
        obj["metadata"] = created;
        return created;
    }

    public static string? Name(JsonObject obj) => Text(obj["metadata"]?["name"]);

    public static string? Namespace(JsonObject obj) => Text(obj["metadata"]?["namespace"]);

    public static string? ResourceVersion(JsonObject obj) => Text(obj["metadata"]?["resourceVersion"]);

    public static string? Uid(JsonObject obj) => Text(obj["metadata"]?["uid"]);

    public static long Generation(JsonObject obj) => Integer(obj["metadata"]?["generation"]) ?? 0;

    /// <summary>A JSON number as long, whether it was parsed or set from any .NET numeric type.</summary>
    public static long? Integer(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString(), out var number) ? number : null;

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => StringMap(obj["metadata"]?["labels"]);

    public static IReadOnlyDictionary<string, string> StringMap(JsonNode? node) =>
        node is JsonObject map
            ? map.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => Text(p.Value) ?? "")
            : new Dictionary<string, string>();

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node is JsonValue other ? other.ToJsonString() : null;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static bool IsOwnedBy(JsonObject obj, string ownerUid) =>
        obj["metadata"]?["ownerReferences"] is JsonArray owners
        && owners.Any(o => Text(o?["uid"]) == ownerUid);
}
