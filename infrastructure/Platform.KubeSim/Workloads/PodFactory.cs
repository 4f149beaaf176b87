using System.Text.Json.Nodes;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Workloads;

/// <summary>Builds the pods a workload controller creates from its pod template.</summary>
public static class PodFactory
{
    public static JsonObject FromTemplate(JsonObject owner, ResourceType ownerType, string podName, IReadOnlyDictionary<string, string> extraLabels)
    {
        var template = owner["spec"]?["template"] as JsonObject ?? new JsonObject();
        var labels = template["metadata"]?["labels"]?.DeepClone() as JsonObject ?? new JsonObject();
        foreach (var (key, value) in extraLabels)
        {
            labels[key] = value;
        }
        var metadata = new JsonObject
        {
            ["name"] = podName,
            ["namespace"] = Meta.Namespace(owner),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = ownerType.GroupVersion,
                ["kind"] = ownerType.Kind,
                ["name"] = Meta.Name(owner),
                ["uid"] = Meta.Uid(owner),
                ["controller"] = true,
                ["blockOwnerDeletion"] = true,
            }),
        };
        if (template["metadata"]?["annotations"] is JsonObject annotations)
        {
            metadata["annotations"] = annotations.DeepClone();
        }
        var spec = template["spec"]?.DeepClone() as JsonObject ?? new JsonObject();
        spec["restartPolicy"] ??= ownerType == ResourceCatalog.Jobs ? "Never" : "Always";
        spec["nodeName"] = "kubesim-node";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = metadata,
            ["spec"] = spec,
            ["status"] = new JsonObject { ["phase"] = "Pending" },
        };
    }

    /// <summary>The status of a pod whose containers started (Running) or, for job pods, finished (Succeeded).</summary>
    public static JsonObject StartedStatus(JsonObject pod, bool runToCompletion, string now)
    {
        var containers = pod["spec"]?["containers"] as JsonArray ?? [];
        var ready = !runToCompletion;
        return new JsonObject
        {
            ["phase"] = runToCompletion ? "Succeeded" : "Running",
            ["conditions"] = new JsonArray(
                Condition("Initialized", "True", now),
                Condition("Ready", ready ? "True" : "False", now),
                Condition("ContainersReady", ready ? "True" : "False", now),
                Condition("PodScheduled", "True", now)),
            ["hostIP"] = "10.0.0.1",
            ["podIP"] = $"10.244.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}",
            ["startTime"] = now,
            ["containerStatuses"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c?["name"]?.DeepClone(),
                ["image"] = c?["image"]?.DeepClone(),
                ["imageID"] = "",
                ["ready"] = ready,
                ["started"] = ready,
                ["restartCount"] = 0,
                ["state"] = runToCompletion
                    ? new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["finishedAt"] = now } }
                    : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = now } },
            }).ToArray()),
        };
    }

    private static JsonObject Condition(string type, string status, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastTransitionTime"] = now,
    };
}
