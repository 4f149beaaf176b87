using System.Globalization;
using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Admission;

/// <summary>
/// The LimitRanger admission plugin: fills in the default requests and limits of a namespace's LimitRanges
/// (items of type Container) for pods' containers, then enforces min, max and maxLimitRequestRatio per
/// Container, per Pod and per PersistentVolumeClaim, answering 403 Forbidden like the API server.
/// </summary>
public static class LimitRanger
{
    private static readonly string[] ContainerLists = ["initContainers", "containers"];

    /// <summary>The API server's defaults for a LimitRange item of type Container (SetDefaults_LimitRangeItem).</summary>
    public static void ApplyItemDefaults(JsonObject limitRange)
    {
        foreach (var item in (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Meta.Text(item["type"]) != "Container")
            {
                continue;
            }
            // A missing default limit is the max; a missing default request is the default limit, else the min.
            FillMissing(item, "default", item["max"]);
            FillMissing(item, "defaultRequest", item["default"]);
            FillMissing(item, "defaultRequest", item["min"]);
        }
    }

    /// <summary>Defaults and checks a pod or PVC being created in <paramref name="ns"/>.</summary>
    public static void Admit(ObjectStore store, ResourceType type, string ns, JsonObject obj)
    {
        if (type.Kind is not ("Pod" or "PersistentVolumeClaim"))
        {
            return;
        }
        var limitRanges = store.List(ResourceCatalog.LimitRanges, ns);
        var name = Meta.Name(obj) ?? "";
        if (type.Kind == "Pod")
        {
            DefaultRequestsFromLimits(obj);
            foreach (var limitRange in limitRanges)
            {
                ApplyContainerDefaults(limitRange, obj);
            }
        }
        var errors = new List<string>();
        foreach (var limitRange in limitRanges)
        {
            foreach (var item in (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>())
            {
                Check(type, name, obj, item, errors);
            }
        }
        if (errors.Count > 0)
        {
            // utilerrors.NewAggregate: one error as is, several as "[a, b]".
            var message = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
            throw Forbidden(type, name, message);
        }
    }

    public static ApiException Forbidden(ResourceType type, string name, string message)
    {
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }
        details["kind"] = type.Plural;
        var subject = name.Length == 0 ? type.QualifiedName : $"{type.QualifiedName} \"{name}\"";
        return new ApiException(403, "Forbidden", $"{subject} is forbidden: {message}", details);
    }

    /// <summary>API defaulting of pods: a container with a limit but no request for a resource requests its limit.</summary>
    private static void DefaultRequestsFromLimits(JsonObject pod)
    {
        foreach (var container in Containers(pod))
        {
            if (container["resources"]?["limits"] is not JsonObject { Count: > 0 } limits)
            {
                continue;
            }
            var requests = Section(Section(container, "resources"), "requests");
            foreach (var (key, value) in limits)
            {
                if (!requests.ContainsKey(key))
                {
                    requests[key] = value?.DeepClone();
                }
            }
        }
    }

    private static void ApplyContainerDefaults(JsonObject limitRange, JsonObject pod)
    {
        var defaultLimits = new JsonObject();
        var defaultRequests = new JsonObject();
        foreach (var item in (limitRange["spec"]?["limits"] as JsonArray ?? []).OfType<JsonObject>()
                     .Where(i => Meta.Text(i["type"]) == "Container"))
        {
            Copy(item["default"], defaultLimits);
            Copy(item["defaultRequest"], defaultRequests);
        }
        if (defaultLimits.Count == 0 && defaultRequests.Count == 0)
        {
            return;
        }
        foreach (var container in Containers(pod))
        {
            var resources = Section(container, "resources");
            if (defaultLimits.Count > 0)
            {
                FillMissing(resources, "limits", defaultLimits);
            }
            if (defaultRequests.Count > 0)
            {
                FillMissing(resources, "requests", defaultRequests);
            }
        }
    }

    private static void Check(ResourceType type, string name, JsonObject obj, JsonObject item, List<string> errors)
    {
        var limitType = Meta.Text(item["type"]);
        var min = ResourceList.From(item["min"], type, name, "min");
        var max = ResourceList.From(item["max"], type, name, "max");
        var ratio = ResourceList.From(item["maxLimitRequestRatio"], type, name, "maxLimitRequestRatio");
        if (type.Kind == "Pod" && limitType == "Container")
        {
            foreach (var container in Containers(obj))
            {
                var requests = ResourceList.From(container["resources"]?["requests"], type, name, "resources.requests");
                var limits = ResourceList.From(container["resources"]?["limits"], type, name, "resources.limits");
                Enforce("Container", min, max, ratio, requests, limits, errors);
            }
        }
        else if (type.Kind == "Pod" && limitType == "Pod")
        {
            var (requests, limits) = PodTotals(type, name, obj);
            Enforce("Pod", min, max, ratio, requests, limits, errors);
        }
        else if (type.Kind == "PersistentVolumeClaim" && limitType == "PersistentVolumeClaim")
        {
            var requests = ResourceList.From(obj["spec"]?["resources"]?["requests"], type, name, "spec.resources.requests");
            foreach (var (resource, enforced) in min)
            {
                MinConstraint(limitType, resource, enforced, requests, new ResourceList(), errors);
            }
            foreach (var (resource, enforced) in max)
            {
                if (!requests.TryGetValue(resource, out var request))
                {
                    errors.Add($"maximum {resource} usage per {limitType} is {enforced}.  No request is specified");
                }
                else if (request > enforced)
                {
                    errors.Add($"maximum {resource} usage per {limitType} is {enforced}, but request is {request}");
                }
            }
        }
    }

    /// <summary>The pod's requests and limits: the sum over containers, at least the largest init container.</summary>
    public static (ResourceList Requests, ResourceList Limits) PodTotals(ResourceType type, string name, JsonObject pod)
    {
        var requests = new ResourceList();
        var limits = new ResourceList();
        foreach (var container in (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            requests.Add(ResourceList.From(container["resources"]?["requests"], type, name, "resources.requests"));
            limits.Add(ResourceList.From(container["resources"]?["limits"], type, name, "resources.limits"));
        }
        foreach (var container in (pod["spec"]?["initContainers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            requests.Max(ResourceList.From(container["resources"]?["requests"], type, name, "resources.requests"));
            limits.Max(ResourceList.From(container["resources"]?["limits"], type, name, "resources.limits"));
        }
        return (requests, limits);
    }

    private static void Enforce(string limitType, ResourceList min, ResourceList max, ResourceList ratio,
        ResourceList requests, ResourceList limits, List<string> errors)
    {
        foreach (var (resource, enforced) in min)
        {
            MinConstraint(limitType, resource, enforced, requests, limits, errors);
        }
        foreach (var (resource, enforced) in max)
        {
            var hasRequest = requests.TryGetValue(resource, out var request);
            if (!limits.TryGetValue(resource, out var limit))
            {
                errors.Add($"maximum {resource} usage per {limitType} is {enforced}.  No limit is specified");
            }
            else if (limit > enforced)
            {
                errors.Add($"maximum {resource} usage per {limitType} is {enforced}, but limit is {limit}");
            }
            else if (hasRequest && request > enforced)
            {
                errors.Add($"maximum {resource} usage per {limitType} is {enforced}, but request is {request}");
            }
        }
        foreach (var (resource, enforced) in ratio)
        {
            var hasRequest = requests.TryGetValue(resource, out var request);
            var hasLimit = limits.TryGetValue(resource, out var limit);
            if (!hasRequest || request.IsZero)
            {
                errors.Add($"{resource} max limit to request ratio per {limitType} is {enforced}, but no request is specified or request is 0");
            }
            else if (!hasLimit || limit.IsZero)
            {
                errors.Add($"{resource} max limit to request ratio per {limitType} is {enforced}, but no limit is specified or limit is 0");
            }
            else if (limit.Value / request.Value > enforced.Value)
            {
                var observed = (double)(limit.Value / request.Value);
                errors.Add($"{resource} max limit to request ratio per {limitType} is {enforced}, but provided ratio is {observed.ToString("F6", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void MinConstraint(string limitType, string resource, Quantity enforced, ResourceList requests, ResourceList limits, List<string> errors)
    {
        if (!requests.TryGetValue(resource, out var request))
        {
            errors.Add($"minimum {resource} usage per {limitType} is {enforced}.  No request is specified");
        }
        else if (request < enforced)
        {
            errors.Add($"minimum {resource} usage per {limitType} is {enforced}, but request is {request}");
        }
        else if (limits.TryGetValue(resource, out var limit) && limit < enforced)
        {
            errors.Add($"minimum {resource} usage per {limitType} is {enforced}, but limit is {limit}");
        }
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        ContainerLists.SelectMany(list => (pod["spec"]?[list] as JsonArray ?? []).OfType<JsonObject>());

    private static void FillMissing(JsonObject owner, string field, JsonNode? source)
    {
        if (source is not JsonObject { Count: > 0 } values)
        {
            return;
        }
        var target = Section(owner, field);
        foreach (var (key, value) in values)
        {
            if (!target.ContainsKey(key))
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void Copy(JsonNode? source, JsonObject target)
    {
        foreach (var (key, value) in source as JsonObject ?? [])
        {
            target[key] = value?.DeepClone();
        }
    }

    private static JsonObject Section(JsonObject owner, string field)
    {
        if (owner[field] is not JsonObject section)
        {
            section = new JsonObject();
            owner[field] = section;
        }
        return section;
    }
}
