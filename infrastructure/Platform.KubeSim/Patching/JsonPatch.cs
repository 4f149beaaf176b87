using System.Text.Json.Nodes;
using Platform.KubeSim.Api;

namespace Platform.KubeSim.Patching;

/// <summary>RFC 6902 JSON Patch (add, remove, replace, move, copy, test).</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("a JSON patch must be an array of operations");
        }
        var root = document.DeepClone();
        foreach (var operation in operations)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw ApiException.BadRequest("JSON patch operation without \"op\"");
            var path = operation["path"]?.GetValue<string>() ?? throw ApiException.BadRequest($"JSON patch operation {op} without \"path\"");
            switch (op)
            {
                case "add":
                    root = Add(root, path, operation["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    root = Replace(root, path, operation["value"]?.DeepClone());
                    break;
                case "move":
                {
                    var from = From(operation);
                    var moved = Resolve(root, from)?.DeepClone();
                    Remove(root, from);
                    root = Add(root, path, moved);
                    break;
                }
                case "copy":
                    root = Add(root, path, Resolve(root, From(operation))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(root, path), operation["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"JSON patch test failed at {path}");
                    }
                    break;
                default:
                    throw ApiException.BadRequest($"unknown JSON patch operation \"{op}\"");
            }
        }
        return root;
    }

    private static string From(JsonNode operation) =>
        operation["from"]?.GetValue<string>() ?? throw ApiException.BadRequest("JSON patch move/copy without \"from\"");

    private static string[] Segments(string path) =>
        path.Length == 0 ? [] : path[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Resolve(JsonNode root, string path) => Resolve(root, Segments(path), path);

    private static JsonNode? Resolve(JsonNode root, string[] segments, string path)
    {
        JsonNode? current = root;
        foreach (var segment in segments)
        {
            current = current switch
            {
                JsonObject obj when obj.ContainsKey(segment) => obj[segment],
                JsonArray array when int.TryParse(segment, out var index) && index >= 0 && index < array.Count => array[index],
                _ => throw Missing(path),
            };
        }
        return current;
    }

    private static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("cannot replace the whole document with null");
        }
        var parent = Resolve(root, segments[..^1], path);
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index <= array.Count:
                array.Insert(index, value);
                break;
            default:
                throw Missing(path);
        }
        return root;
    }

    private static JsonNode Replace(JsonNode root, string path, JsonNode? value)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("cannot replace the whole document with null");
        }
        var last = segments[^1];
        switch (Resolve(root, segments[..^1], path))
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj[last] = value;
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index < array.Count:
                array[index] = value;
                break;
            default:
                throw Missing(path);
        }
        return root;
    }

    private static void Remove(JsonNode root, string path)
    {
        var segments = Segments(path);
        if (segments.Length == 0)
        {
            throw ApiException.BadRequest("cannot remove the whole document");
        }
        var parent = Resolve(root, segments[..^1], path);
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, out var index) && index >= 0 && index < array.Count:
                array.RemoveAt(index);
                break;
            default:
                throw Missing(path);
        }
    }

    private static ApiException Missing(string path) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: JSON patch path \"{path}\" does not exist");
}
