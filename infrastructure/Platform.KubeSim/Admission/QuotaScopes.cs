using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Admission;

/// <summary>
/// ResourceQuota scopes (spec.scopes and spec.scopeSelector): which pods a scoped quota applies to, and which quotas
/// are valid. A scoped quota tracks only pods that match all of its scopes, and only the resources the scopes allow
/// (BestEffort: the pod count; the other scopes: the pod count and cpu/memory requests and limits). Scopes KubeSim does
/// not implement (CrossNamespacePodAffinity, VolumeAttributesClass, ...) are refused when the quota is written.
/// </summary>
public static class QuotaScopes
{
    private const string BestEffort = "BestEffort";
    private const string NotBestEffort = "NotBestEffort";
    private const string Terminating = "Terminating";
    private const string NotTerminating = "NotTerminating";
    private const string PriorityClass = "PriorityClass";

    private static readonly string[] Supported = [BestEffort, NotBestEffort, Terminating, NotTerminating, PriorityClass];
    private static readonly HashSet<string> PodCount = ["pods", "count/pods"];
    private static readonly HashSet<string> PodCompute = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];

    /// <summary>One scope requirement: the scope, its operator and (for PriorityClass In/NotIn) its values.</summary>
    private sealed record Requirement(string Scope, string Operator, IReadOnlyList<string> Values);

    /// <summary>Whether the quota has any scope at all (then it counts matching pods only, and no other objects).</summary>
    public static bool IsScoped(JsonObject quota) => Requirements(quota).Count > 0;

    /// <summary>Whether an object counts towards (and is limited by) the quota.</summary>
    public static bool Applies(JsonObject quota, ResourceType type, JsonObject obj)
    {
        var requirements = Requirements(quota);
        if (requirements.Count == 0)
        {
            return true;
        }
        return type.Kind == "Pod" && requirements.All(r => Matches(r, obj));
    }

    /// <summary>Refuses, with 422 Invalid, scopes that are unknown, unimplemented, conflicting or applied to resources they cannot track.</summary>
    public static void Validate(JsonObject quota)
    {
        var name = Meta.Name(quota) ?? "";
        var type = ResourceCatalog.ResourceQuotas;
        var spec = quota["spec"] as JsonObject;
        var scopes = spec?["scopes"] as JsonArray ?? [];
        var all = new List<Requirement>();
        for (var i = 0; i < scopes.Count; i++)
        {
            var scope = Meta.Text(scopes[i]) ?? "";
            if (!Supported.Contains(scope))
            {
                throw ApiException.Invalid(type, name, $"spec.scopes[{i}]",
                    $"Invalid value: \"{scope}\": unsupported scope (KubeSim implements {string.Join(", ", Supported)})");
            }
            all.Add(new Requirement(scope, "Exists", []));
        }
        var expressions = spec?["scopeSelector"]?["matchExpressions"] as JsonArray ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var field = $"spec.scopeSelector.matchExpressions[{i}]";
            var expression = expressions[i] as JsonObject ?? [];
            var scope = Meta.Text(expression["scopeName"]) ?? "";
            var op = Meta.Text(expression["operator"]) ?? "";
            var values = (expression["values"] as JsonArray ?? []).Select(v => Meta.Text(v) ?? "").ToList();
            if (!Supported.Contains(scope))
            {
                throw ApiException.Invalid(type, name, $"{field}.scopeName",
                    $"Invalid value: \"{scope}\": unsupported scope (KubeSim implements {string.Join(", ", Supported)})");
            }
            if (op is not ("In" or "NotIn" or "Exists" or "DoesNotExist"))
            {
                throw ApiException.Invalid(type, name, $"{field}.operator",
                    $"Unsupported value: \"{op}\": supported values: \"DoesNotExist\", \"Exists\", \"In\", \"NotIn\"");
            }
            if (scope != PriorityClass && op != "Exists")
            {
                // As in Kubernetes: the pod-state scopes are named, not compared; use the opposite scope instead of DoesNotExist.
                throw ApiException.Invalid(type, name, $"{field}.operator",
                    $"Invalid value: \"{op}\": must be 'Exists' when scope is any of Terminating, NotTerminating, BestEffort or NotBestEffort");
            }
            if (op is "In" or "NotIn" && values.Count == 0)
            {
                throw ApiException.Invalid(type, name, $"{field}.values",
                    "Required value: must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
            }
            if (op is "Exists" or "DoesNotExist" && values.Count > 0)
            {
                throw ApiException.Invalid(type, name, $"{field}.values",
                    "Invalid value: must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
            }
            all.Add(new Requirement(scope, op, values));
        }
        var named = all.Where(r => r.Operator == "Exists").Select(r => r.Scope).ToHashSet();
        foreach (var (a, b) in new[] { (BestEffort, NotBestEffort), (Terminating, NotTerminating) })
        {
            if (named.Contains(a) && named.Contains(b))
            {
                throw ApiException.Invalid(type, name, "spec.scopes", $"Invalid value: [\"{a}\",\"{b}\"]: conflicting scopes");
            }
        }
        var hard = (spec?["hard"] as JsonObject ?? []).Select(p => p.Key).ToList();
        foreach (var scope in all.Select(r => r.Scope).Distinct())
        {
            var allowed = scope == BestEffort ? PodCount : PodCount.Union(PodCompute).ToHashSet();
            var unsupported = hard.Where(r => !allowed.Contains(r)).Order(StringComparer.Ordinal).ToList();
            if (unsupported.Count > 0)
            {
                throw ApiException.Invalid(type, name, "spec.scopes",
                    $"Invalid value: \"{scope}\": unsupported scope applied to resource: {string.Join(", ", unsupported)} "
                    + $"(a {scope} quota can only track {string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
            }
        }
    }

    private static List<Requirement> Requirements(JsonObject quota)
    {
        var requirements = (quota["spec"]?["scopes"] as JsonArray ?? [])
            .Select(s => new Requirement(Meta.Text(s) ?? "", "Exists", []))
            .ToList();
        foreach (var expression in (quota["spec"]?["scopeSelector"]?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            requirements.Add(new Requirement(Meta.Text(expression["scopeName"]) ?? "", Meta.Text(expression["operator"]) ?? "",
                (expression["values"] as JsonArray ?? []).Select(v => Meta.Text(v) ?? "").ToList()));
        }
        return requirements;
    }

    private static bool Matches(Requirement requirement, JsonObject pod)
    {
        var priorityClass = Meta.Text(pod["spec"]?["priorityClassName"]) ?? "";
        return requirement.Scope switch
        {
            BestEffort => IsBestEffort(pod),
            NotBestEffort => !IsBestEffort(pod),
            Terminating => pod["spec"]?["activeDeadlineSeconds"] is not null,
            NotTerminating => pod["spec"]?["activeDeadlineSeconds"] is null,
            PriorityClass => requirement.Operator switch
            {
                "Exists" => priorityClass.Length > 0,
                "DoesNotExist" => priorityClass.Length == 0,
                "In" => requirement.Values.Contains(priorityClass),
                "NotIn" => !requirement.Values.Contains(priorityClass),
                _ => false,
            },
            _ => false,
        };
    }

    /// <summary>The BestEffort QoS class: no container, init container (or the pod itself) requests or limits cpu or memory.</summary>
    public static bool IsBestEffort(JsonObject pod)
    {
        var resources = new[] { "containers", "initContainers" }
            .SelectMany(list => (pod["spec"]?[list] as JsonArray ?? []).OfType<JsonObject>())
            .Select(c => c["resources"])
            .Append(pod["spec"]?["resources"]);
        return !resources.Any(r => new[] { "requests", "limits" }.Any(kind =>
            r?[kind] is JsonObject list && (list["cpu"] is not null || list["memory"] is not null)));
    }
}
