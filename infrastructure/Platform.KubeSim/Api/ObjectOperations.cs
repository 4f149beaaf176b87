using System.Text.Json.Nodes;
using Platform.KubeSim.Admission;
using Platform.KubeSim.Patching;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Api;

/// <summary>What create, update, patch and delete do to objects, independent of HTTP.</summary>
public sealed class ObjectOperations(ObjectStore store, TimeProvider clock)
{
    /// <summary>ResourceQuota admission and the quotas' status.</summary>
    public QuotaAdmission Quotas { get; } = new(store);

    public JsonObject Create(ResourceType type, string? ns, JsonObject body, bool dryRun)
    {
        CheckKind(type, body);
        var metadata = Meta.Metadata(body);
        if (string.IsNullOrEmpty(Meta.Name(body)))
        {
            var prefix = Meta.Text(metadata["generateName"]);
            if (string.IsNullOrEmpty(prefix))
            {
                throw ApiException.Invalid(type, "", "metadata.name", "Required value: name or generateName is required");
            }
            metadata["name"] = prefix + RandomSuffix.Next(5);
        }
        var name = Meta.Name(body)!;
        NameValidation.Validate(type, name);
        PlaceInNamespace(type, ns, body);
        metadata.Remove("resourceVersion");
        metadata.Remove("deletionTimestamp");
        metadata.Remove("managedFields");
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Meta.Timestamp(clock.GetUtcNow());
        metadata["generation"] = 1;
        if (type.HasStatus && type.Kind is not ("Pod" or "Service"))
        {
            body.Remove("status");
        }
        ObjectDefaults.ApplyOnCreate(type, body);
        ObjectDefaults.Validate(type, body);
        LimitRanger.Admit(store, type, Meta.Namespace(body) ?? "", body);
        if (type == ResourceCatalog.ResourceQuotas)
        {
            QuotaScopes.Validate(body);
            body["status"] = Quotas.Status(body);
        }
        return Quotas.Admit(type, body, () => dryRun
            ? store.Exists(type, Meta.Namespace(body), name) ? throw ApiException.AlreadyExists(type, name) : body
            : store.Create(type, body));
    }

    public JsonObject Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, bool dryRun)
    {
        CheckKind(type, body);
        var bodyName = Meta.Name(body);
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        return Change(type, ns, name, dryRun, existing => Merge(type, existing, body, subresource));
    }

    public JsonObject Patch(ResourceType type, string? ns, string name, string? subresource, string contentType, string body, bool dryRun)
    {
        var mediaType = contentType.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType == "application/apply-patch+yaml")
        {
            var applied = ManifestBody.ParseYamlObject(body);
            if (subresource is null && !store.Exists(type, ns, name))
            {
                Meta.Metadata(applied)["name"] ??= name;
                return Create(type, ns, applied, dryRun);
            }
            return Change(type, ns, name, dryRun, existing =>
            {
                CheckKind(type, applied);
                return Merge(type, existing, StrategicMergePatch.Apply(existing, applied, type.Kind), subresource);
            });
        }
        Func<JsonObject, JsonNode> patcher = mediaType switch
        {
            "application/merge-patch+json" => existing => JsonMergePatch.Apply(existing, ManifestBody.ParseJson(body))!,
            "application/strategic-merge-patch+json" => existing =>
                StrategicMergePatch.Apply(existing, ManifestBody.ParseObject(body), type.Kind),
            "application/json-patch+json" => existing => JsonPatch.Apply(existing, ManifestBody.ParseJson(body)),
            _ => throw ApiException.UnsupportedMediaType(contentType),
        };
        return Change(type, ns, name, dryRun, existing =>
        {
            var patched = patcher(existing.DeepClone().AsObject()) as JsonObject
                ?? throw ApiException.BadRequest("the patch did not produce an object");
            return Merge(type, existing, patched, subresource);
        });
    }

    public JsonObject Delete(ResourceType type, string? ns, string name, bool dryRun)
    {
        var existing = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
        if (dryRun)
        {
            return existing;
        }
        if (type == ResourceCatalog.Namespaces)
        {
            foreach (var namespaced in ResourceCatalog.All.Where(t => t.Namespaced))
            {
                foreach (var obj in store.List(namespaced, name))
                {
                    store.Delete(namespaced, name, Meta.Name(obj)!);
                }
            }
            existing["status"] = new JsonObject { ["phase"] = "Terminating" };
        }
        store.Delete(type, ns, name);
        foreach (var pod in store.List(ResourceCatalog.Pods, ns).Where(p => Meta.IsOwnedBy(p, Meta.Uid(existing)!)))
        {
            store.Delete(ResourceCatalog.Pods, ns, Meta.Name(pod)!);
        }
        if (type.Namespaced)
        {
            Quotas.Refresh(ns);
        }
        Meta.Metadata(existing)["deletionTimestamp"] = Meta.Timestamp(clock.GetUtcNow());
        return existing;
    }

    /// <summary>Runs a change under the store's lock (or on a copy for dry runs), honouring a resourceVersion precondition.</summary>
    private JsonObject Change(ResourceType type, string? ns, string name, bool dryRun, Func<JsonObject, JsonObject> change)
    {
        if (type == ResourceCatalog.ResourceQuotas)
        {
            var changeSpec = change;
            change = existing =>
            {
                var changed = changeSpec(existing);
                QuotaScopes.Validate(changed);
                changed["status"] = Quotas.Status(changed);
                return changed;
            };
        }
        if (dryRun)
        {
            var existing = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            return change(existing);
        }
        var updated = store.Update(type, ns, name, change);
        if (type.Kind is "Pod" or "Service" or "PersistentVolumeClaim")
        {
            Quotas.Refresh(ns);
        }
        return updated;
    }

    /// <summary>The stored object that results from a client's new version of it.</summary>
    private static JsonObject Merge(ResourceType type, JsonObject existing, JsonObject incoming, string? subresource)
    {
        var requested = Meta.ResourceVersion(incoming);
        if (!string.IsNullOrEmpty(requested) && requested != Meta.ResourceVersion(existing))
        {
            throw ApiException.Conflict(type, Meta.Name(existing)!);
        }
        JsonObject result;
        if (subresource == "status")
        {
            result = existing.DeepClone().AsObject();
            result["status"] = incoming["status"]?.DeepClone();
        }
        else
        {
            result = incoming.DeepClone().AsObject();
            result["apiVersion"] = type.GroupVersion;
            result["kind"] = type.Kind;
            if (type.HasStatus)
            {
                result["status"] = existing["status"]?.DeepClone();
            }
        }
        var metadata = Meta.Metadata(result);
        var before = Meta.Metadata(existing);
        foreach (var immutable in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp" })
        {
            metadata[immutable] = before[immutable]?.DeepClone();
        }
        metadata.Remove("managedFields");
        foreach (var (key, value) in metadata.ToList())
        {
            if (value is null)
            {
                metadata.Remove(key);
            }
        }
        ObjectDefaults.ApplyAlways(type, result);
        ObjectDefaults.Validate(type, result);
        var generation = Meta.Generation(existing);
        metadata["generation"] = JsonNode.DeepEquals(result["spec"], existing["spec"]) ? generation : generation + 1;
        return result;
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        var kind = Meta.Text(body["kind"]);
        var apiVersion = Meta.Text(body["apiVersion"]);
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind of the object ({kind}) does not match the resource {type.QualifiedName} (kind {type.Kind})");
        }
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.GroupVersion)
        {
            throw ApiException.BadRequest($"the apiVersion of the object ({apiVersion}) does not match the resource's ({type.GroupVersion})");
        }
        body["apiVersion"] = type.GroupVersion;
        body["kind"] = type.Kind;
    }

    private void PlaceInNamespace(ResourceType type, string? ns, JsonObject body)
    {
        var metadata = Meta.Metadata(body);
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }
        var declared = Meta.Namespace(body);
        if (!string.IsNullOrEmpty(declared) && declared != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        metadata["namespace"] = ns;
        if (ns is null || !store.Exists(ResourceCatalog.Namespaces, null, ns))
        {
            throw new ApiException(404, "NotFound", $"namespaces \"{ns}\" not found",
                new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });
        }
    }
}
