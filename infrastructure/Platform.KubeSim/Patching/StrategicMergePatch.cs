using System.Text.Json.Nodes;

namespace Platform.KubeSim.Patching;

/// <summary>
/// Kubernetes strategic merge patch for the kinds KubeSim serves: lists with a patch merge key are merged
/// element by element, other lists are replaced; $patch, $retainKeys, $setElementOrder and
/// $deleteFromPrimitiveList directives are understood.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch, string kind) =>
        MergeObject(target.DeepClone().AsObject(), patch, [kind]);

    private static JsonObject MergeObject(JsonObject target, JsonObject patch, List<string> path)
    {
        if (Directive(patch) == "replace")
        {
            return WithoutDirectives(patch);
        }
        foreach (var (key, value) in patch)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key is "$patch" or "$retainKeys")
            {
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (target[field] is JsonArray primitives && value is JsonArray doomed)
                {
                    foreach (var item in primitives.Where(p => doomed.Any(d => JsonNode.DeepEquals(d, p))).ToList())
                    {
                        primitives.Remove(item);
                    }
                }
                continue;
            }
            var childPath = new List<string>(path) { key };
            switch (value)
            {
                case null:
                    target.Remove(key);
                    break;
                case JsonObject child when Directive(child) == "delete":
                    target.Remove(key);
                    break;
                case JsonObject child:
                    target[key] = target[key] is JsonObject existing
                        ? MergeObject(existing.DeepClone().AsObject(), child, childPath)
                        : WithoutDirectives(child);
                    break;
                case JsonArray list:
                    target[key] = MergeList(target[key] as JsonArray, list, childPath);
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }
        }
        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }
        return target;
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, List<string> path)
    {
        var mergeKey = PatchMergeKeys.For(path);
        if (patch.OfType<JsonObject>().Any(item => Directive(item) == "replace"))
        {
            return new JsonArray(patch.Where(item => item is not JsonObject o || Directive(o) != "replace")
                .Select(item => item is JsonObject o ? WithoutDirectives(o) : item?.DeepClone()).ToArray());
        }
        if (mergeKey is null || target is null)
        {
            return new JsonArray(patch
                .Where(item => item is not JsonObject o || Directive(o) != "delete")
                .Select(item => item is JsonObject o ? WithoutDirectives(o) : item?.DeepClone()).ToArray());
        }
        var result = new JsonArray(target.Select(item => item?.DeepClone()).ToArray());
        var elementPath = new List<string>(path) { "[]" };
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                continue;
            }
            var keyValue = patchItem[mergeKey];
            var index = IndexOf(result, mergeKey, keyValue);
            if (Directive(patchItem) == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                result[index] = MergeObject(result[index]!.DeepClone().AsObject(), patchItem, elementPath);
            }
            else
            {
                result.Add(WithoutDirectives(patchItem));
            }
        }
        return result;
    }

    private static int IndexOf(JsonArray list, string mergeKey, JsonNode? keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject candidate && JsonNode.DeepEquals(candidate[mergeKey], keyValue))
            {
                return i;
            }
        }
        return -1;
    }

    private static string? Directive(JsonObject obj) =>
        obj["$patch"] is JsonValue value && value.TryGetValue<string>(out var directive) ? directive : null;

    private static JsonObject WithoutDirectives(JsonObject obj)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }
            clean[key] = value switch
            {
                JsonObject child => WithoutDirectives(child),
                JsonArray list => new JsonArray(list.Select(i => i is JsonObject o ? WithoutDirectives(o) : i?.DeepClone()).ToArray()),
                _ => value?.DeepClone(),
            };
        }
        return clean;
    }
}
