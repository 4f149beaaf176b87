using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Admission;

/// <summary>
/// The ResourceQuota admission plugin and quota controller: what an object adds to a namespace's usage
/// (pods, compute requests/limits, services, node ports, PVC storage, object counts), refusing a create that
/// would exceed a quota's hard limits with 403, and keeping each quota's status.hard and status.used current.
/// </summary>
public sealed class QuotaAdmission(ObjectStore store)
{
    private static readonly string[] ComputeResources = ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"];
    private static readonly Dictionary<string, string> LegacyCounts = new()
    {
        ["Pod"] = "pods", ["Service"] = "services", ["PersistentVolumeClaim"] = "persistentvolumeclaims",
        ["ConfigMap"] = "configmaps", ["Secret"] = "secrets",
    };

    /// <summary>Serializes check-then-store, so that concurrent creates cannot both take the last unit of a quota.</summary>
    private readonly Lock admitting = new();

    /// <summary>Checks a create against every quota of the namespace and stores it with <paramref name="store"/> when it fits.</summary>
    public JsonObject Admit(ResourceType type, JsonObject obj, Func<JsonObject> storeIt)
    {
        var ns = Meta.Namespace(obj);
        if (ns is null || type == ResourceCatalog.ResourceQuotas)
        {
            return storeIt();
        }
        lock (admitting)
        {
            var quotas = store.List(ResourceCatalog.ResourceQuotas, ns);
            if (quotas.Count > 0)
            {
                Check(type, obj, quotas);
            }
            var stored = storeIt();
            if (quotas.Count > 0)
            {
                Refresh(ns);
            }
            return stored;
        }
    }

    /// <summary>Recomputes status.hard and status.used of the quotas in a namespace (all namespaces when null).</summary>
    public void Refresh(string? ns)
    {
        foreach (var quota in store.List(ResourceCatalog.ResourceQuotas, ns))
        {
            try
            {
                store.Update(ResourceCatalog.ResourceQuotas, Meta.Namespace(quota), Meta.Name(quota)!, current =>
                {
                    current["status"] = Status(current);
                    return current;
                });
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted meanwhile.
            }
        }
    }

    /// <summary>A quota's status: hard as in its spec, used summed over the namespace's objects (those its scopes match).</summary>
    public JsonObject Status(JsonObject quota)
    {
        var hard = Hard(quota);
        var used = new ResourceList();
        foreach (var name in hard.Keys)
        {
            used[name] = Quantity.Zero;
        }
        var ns = Meta.Namespace(quota);
        foreach (var type in ResourceCatalog.All.Where(t => t.Namespaced && t != ResourceCatalog.ResourceQuotas))
        {
            if (!hard.Keys.Any(h => Counts(type, h)))
            {
                continue;
            }
            foreach (var obj in store.List(type, ns).Where(o => QuotaScopes.Applies(quota, type, o)))
            {
                foreach (var (name, value) in Usage(type, obj).Mask(hard.Keys))
                {
                    used[name] = used[name].IsZero ? value : used[name] + value;
                }
            }
        }
        return new JsonObject { ["hard"] = hard.ToJson(), ["used"] = used.ToJson() };
    }

    private void Check(ResourceType type, JsonObject obj, IReadOnlyList<JsonObject> quotas)
    {
        var name = Meta.Name(obj) ?? "";
        var delta = Usage(type, obj);
        // A scoped quota limits only the pods matching all of its scopes.
        quotas = quotas.Where(q => QuotaScopes.Applies(q, type, obj)).ToList();
        foreach (var quota in quotas)
        {
            var hard = Hard(quota);
            if (type.Kind == "Pod")
            {
                var missing = MissingComputeResources(obj, hard.Keys.Where(ComputeResources.Contains).ToHashSet());
                if (missing.Length > 0)
                {
                    throw LimitRanger.Forbidden(type, name, $"failed quota: {Meta.Name(quota)}: {missing}");
                }
            }
        }
        foreach (var quota in quotas)
        {
            var hard = Hard(quota);
            var requested = delta.Mask(hard.Keys);
            if (requested.Count == 0)
            {
                continue;
            }
            var used = ResourceList.From(Status(quota)["used"], ResourceCatalog.ResourceQuotas, Meta.Name(quota)!, "status.used");
            var exceeded = requested.Keys.Where(r => used.GetValueOrDefault(r, Quantity.Zero).Value + requested[r].Value > hard[r].Value).ToList();
            if (exceeded.Count > 0)
            {
                throw LimitRanger.Forbidden(type, name,
                    $"exceeded quota: {Meta.Name(quota)}, requested: {requested.Mask(exceeded).Pretty()}, used: {used.Mask(exceeded).Pretty()}, limited: {hard.Mask(exceeded).Pretty()}");
            }
        }
    }

    /// <summary>What one object counts against quotas (the evaluators of the quota package).</summary>
    public static ResourceList Usage(ResourceType type, JsonObject obj)
    {
        var usage = new ResourceList { [$"count/{type.QualifiedName}"] = Quantity.FromInteger(1) };
        var name = Meta.Name(obj) ?? "";
        switch (type.Kind)
        {
            case "Pod":
                if (Meta.Text(obj["status"]?["phase"]) is "Succeeded" or "Failed")
                {
                    // Terminated pods keep only their object count.
                    return usage;
                }
                usage["pods"] = Quantity.FromInteger(1);
                var (requests, limits) = LimitRanger.PodTotals(type, name, obj);
                foreach (var resource in new[] { "cpu", "memory", "ephemeral-storage" })
                {
                    if (requests.TryGetValue(resource, out var request))
                    {
                        usage[resource] = request;
                        usage[$"requests.{resource}"] = request;
                    }
                    if (limits.TryGetValue(resource, out var limit))
                    {
                        usage[$"limits.{resource}"] = limit;
                    }
                }
                break;
            case "Service":
                usage["services"] = Quantity.FromInteger(1);
                var ports = (obj["spec"]?["ports"] as JsonArray ?? []).Count;
                switch (Meta.Text(obj["spec"]?["type"]))
                {
                    case "NodePort":
                        usage["services.nodeports"] = Quantity.FromInteger(ports);
                        break;
                    case "LoadBalancer":
                        usage["services.nodeports"] = Quantity.FromInteger(obj["spec"]?["allocateLoadBalancerNodePorts"] is JsonValue allocate
                            && allocate.TryGetValue<bool>(out var yes) && !yes
                            ? (obj["spec"]?["ports"] as JsonArray ?? []).Count(p => Meta.Integer(p?["nodePort"]) is > 0)
                            : ports);
                        usage["services.loadbalancers"] = Quantity.FromInteger(1);
                        break;
                }
                break;
            case "PersistentVolumeClaim":
                usage["persistentvolumeclaims"] = Quantity.FromInteger(1);
                var storageClass = Meta.Text(obj["spec"]?["storageClassName"]);
                if (!string.IsNullOrEmpty(storageClass))
                {
                    usage[$"{storageClass}.storageclass.storage.k8s.io/persistentvolumeclaims"] = Quantity.FromInteger(1);
                }
                if (ResourceList.From(obj["spec"]?["resources"]?["requests"], type, name, "spec.resources.requests")
                        .TryGetValue("storage", out var storage))
                {
                    usage["requests.storage"] = storage;
                    if (!string.IsNullOrEmpty(storageClass))
                    {
                        usage[$"{storageClass}.storageclass.storage.k8s.io/requests.storage"] = storage;
                    }
                }
                break;
            default:
                if (LegacyCounts.TryGetValue(type.Kind, out var legacy))
                {
                    usage[legacy] = Quantity.FromInteger(1);
                }
                break;
        }
        return usage;
    }

    /// <summary>A quota on cpu or memory makes every container state it ("must specify limits.cpu for: app").</summary>
    private static string MissingComputeResources(JsonObject pod, HashSet<string> required)
    {
        if (required.Count == 0)
        {
            return "";
        }
        var missing = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var container in new[] { "containers", "initContainers" }
                     .SelectMany(list => (pod["spec"]?[list] as JsonArray ?? []).OfType<JsonObject>()))
        {
            var has = new HashSet<string>();
            foreach (var resource in new[] { "cpu", "memory" })
            {
                if (container["resources"]?["requests"]?[resource] is not null)
                {
                    has.UnionWith([resource, $"requests.{resource}"]);
                }
                if (container["resources"]?["limits"]?[resource] is not null)
                {
                    has.Add($"limits.{resource}");
                }
            }
            foreach (var resource in required.Where(r => !has.Contains(r)))
            {
                if (!missing.TryGetValue(resource, out var names))
                {
                    missing[resource] = names = new SortedSet<string>(StringComparer.Ordinal);
                }
                names.Add(Meta.Text(container["name"]) ?? "");
            }
        }
        return string.Join("; ", missing.Select(m => $"must specify {m.Key} for: {string.Join(",", m.Value)}"));
    }

    private static ResourceList Hard(JsonObject quota) =>
        ResourceList.From(quota["spec"]?["hard"], ResourceCatalog.ResourceQuotas, Meta.Name(quota) ?? "", "spec.hard");

    /// <summary>Whether objects of this type can count towards the named quota resource.</summary>
    private static bool Counts(ResourceType type, string resource) =>
        resource == $"count/{type.QualifiedName}"
        || (LegacyCounts.TryGetValue(type.Kind, out var legacy) && resource == legacy)
        || type.Kind switch
        {
            "Pod" => ComputeResources.Contains(resource) || resource.EndsWith("ephemeral-storage", StringComparison.Ordinal),
            "Service" => resource.StartsWith("services.", StringComparison.Ordinal),
            "PersistentVolumeClaim" => resource.Contains("storage", StringComparison.Ordinal) || resource.EndsWith("persistentvolumeclaims", StringComparison.Ordinal),
            _ => false,
        };
}
