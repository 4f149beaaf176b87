using System.Text.Json.Nodes;
using Platform.KubeSim.Patching;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>The autoscaling/v1 Scale view of deployments and statefulsets.</summary>
public sealed class ScaleSubresource(ObjectStore store)
{
    public JsonObject Get(ResourceType type, string ns, string name) =>
        ToScale(store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name));

    public JsonObject Update(ResourceType type, string ns, string name, JsonObject scale) =>
        SetReplicas(type, ns, name, _ => scale);

    public JsonObject Patch(ResourceType type, string ns, string name, string contentType, string body) =>
        SetReplicas(type, ns, name, current =>
        {
            var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
            var patched = mediaType switch
            {
                "application/merge-patch+json" => JsonMergePatch.Apply(current, ManifestBody.ParseJson(body)),
                "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(current, ManifestBody.ParseObject(body), "Scale"),
                "application/json-patch+json" => JsonPatch.Apply(current, ManifestBody.ParseJson(body)),
                "application/apply-patch+yaml" => StrategicMergePatch.Apply(current, ManifestBody.ParseYamlObject(body), "Scale"),
                _ => throw ApiException.UnsupportedMediaType(contentType),
            };
            return patched as JsonObject ?? throw ApiException.BadRequest("the patch did not produce a Scale object");
        });

    private JsonObject SetReplicas(ResourceType type, string ns, string name, Func<JsonObject, JsonObject> newScale)
    {
        var updated = store.Update(type, ns, name, existing =>
        {
            var scale = newScale(ToScale(existing));
            var requested = Meta.ResourceVersion(scale);
            if (!string.IsNullOrEmpty(requested) && requested != Meta.ResourceVersion(existing))
            {
                throw ApiException.Conflict(type, name);
            }
            if (Meta.Integer(scale["spec"]?["replicas"]) is not { } replicas || replicas < 0)
            {
                throw ApiException.Invalid(type, name, "spec.replicas", "Invalid value: must be a non-negative integer");
            }
            if (existing["spec"] is JsonObject spec && Meta.Text(spec["replicas"]) != replicas.ToString())
            {
                spec["replicas"] = replicas;
                Meta.Metadata(existing)["generation"] = Meta.Generation(existing) + 1;
            }
            return existing;
        });
        return ToScale(updated);
    }

    private static JsonObject ToScale(JsonObject obj)
    {
        var selector = Meta.StringMap(obj["spec"]?["selector"]?["matchLabels"]);
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = Meta.Name(obj),
                ["namespace"] = Meta.Namespace(obj),
                ["uid"] = Meta.Uid(obj),
                ["resourceVersion"] = Meta.ResourceVersion(obj),
                ["creationTimestamp"] = obj["metadata"]?["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(',', selector.Select(p => $"{p.Key}={p.Value}")),
            },
        };
    }
}
