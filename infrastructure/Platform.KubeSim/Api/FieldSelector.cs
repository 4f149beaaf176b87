using System.Text.Json.Nodes;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>A parsed field selector (metadata.name=x, metadata.namespace!=y, status.phase=Running, ...).</summary>
public sealed class FieldSelector
{
    private readonly List<(string[] Path, string Value, bool Equal)> requirements = [];

    public static FieldSelector Parse(string? selector)
    {
        var parsed = new FieldSelector();
        foreach (var term in (selector ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var notEqual = term.IndexOf("!=", StringComparison.Ordinal);
            var equal = term.IndexOf('=');
            if (notEqual > 0)
            {
                parsed.requirements.Add((term[..notEqual].Split('.'), term[(notEqual + 2)..], false));
            }
            else if (equal > 0)
            {
                parsed.requirements.Add((term[..equal].Split('.'), term[(equal + 1)..].TrimStart('='), true));
            }
            else
            {
                throw ApiException.BadRequest($"invalid field selector \"{term}\"");
            }
        }
        return parsed;
    }

    public bool Matches(JsonObject obj) => requirements.All(r => (Value(obj, r.Path) == r.Value) == r.Equal);

    private static string Value(JsonObject obj, string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = node?[segment];
        }
        return Meta.Text(node) ?? "";
    }
}
