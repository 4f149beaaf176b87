using System.Text.Json.Nodes;
using Platform.KubeSim.Admission;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>The defaults and validation the API server applies to the kinds KubeSim serves.</summary>
public static class ObjectDefaults
{
    public static void ApplyOnCreate(ResourceType type, JsonObject obj)
    {
        switch (type.Kind)
        {
            case "Namespace":
                obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                Labels(obj)["kubernetes.io/metadata.name"] = Meta.Name(obj);
                break;
            case "Pod":
                obj["status"] ??= new JsonObject { ["phase"] = "Pending" };
                break;
            case "Service":
                var spec = Spec(obj);
                spec["type"] ??= "ClusterIP";
                if (spec["clusterIP"] is null && Meta.Text(spec["type"]) != "ExternalName")
                {
                    spec["clusterIP"] = $"10.96.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";
                    spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.GetValue<string>());
                }
                obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case "PersistentVolumeClaim":
                obj["status"] = new JsonObject { ["phase"] = "Bound" };
                break;
            case "Secret":
                if (string.IsNullOrEmpty(Meta.Text(obj["type"])))
                {
                    obj["type"] = "Opaque";
                }
                break;
        }
        ApplyAlways(type, obj);
    }

    public static void ApplyAlways(ResourceType type, JsonObject obj)
    {
        switch (type.Kind)
        {
            case "Deployment":
            case "StatefulSet":
                Spec(obj)["replicas"] ??= 1;
                break;
            case "Job":
                Spec(obj)["completions"] ??= 1;
                Spec(obj)["parallelism"] ??= 1;
                Spec(obj)["backoffLimit"] ??= 6;
                break;
            case "LimitRange":
                LimitRanger.ApplyItemDefaults(obj);
                break;
        }
    }

    public static void Validate(ResourceType type, JsonObject obj)
    {
        var name = Meta.Name(obj) ?? "";
        if (type.Kind is "Deployment" or "StatefulSet")
        {
            var selector = obj["spec"]?["selector"]?["matchLabels"] as JsonObject;
            if (obj["spec"]?["selector"] is null)
            {
                throw ApiException.Invalid(type, name, "spec.selector", "Required value");
            }
            var templateLabels = Meta.StringMap(obj["spec"]?["template"]?["metadata"]?["labels"]);
            if (selector is not null && !LabelSelector.FromMatchLabels(Meta.StringMap(selector)).Matches(templateLabels))
            {
                throw ApiException.Invalid(type, name, "spec.template.metadata.labels",
                    "Invalid value: `selector` does not match template `labels`");
            }
            if (Meta.Integer(obj["spec"]?["replicas"]) is { } count && count < 0)
            {
                throw ApiException.Invalid(type, name, "spec.replicas", $"Invalid value: {count}: must be greater than or equal to 0");
            }
        }
        if (type.Kind is "Deployment" or "StatefulSet" or "Job" or "Pod")
        {
            var podSpec = type.Kind == "Pod" ? obj["spec"] : obj["spec"]?["template"]?["spec"];
            if (podSpec?["containers"] is not JsonArray { Count: > 0 })
            {
                var field = type.Kind == "Pod" ? "spec.containers" : "spec.template.spec.containers";
                throw ApiException.Invalid(type, name, field, "Required value");
            }
        }
    }

    private static JsonObject Spec(JsonObject obj)
    {
        if (obj["spec"] is not JsonObject spec)
        {
            spec = new JsonObject();
            obj["spec"] = spec;
        }
        return spec;
    }

    private static JsonObject Labels(JsonObject obj)
    {
        var metadata = Meta.Metadata(obj);
        if (metadata["labels"] is not JsonObject labels)
        {
            labels = new JsonObject();
            metadata["labels"] = labels;
        }
        return labels;
    }
}
