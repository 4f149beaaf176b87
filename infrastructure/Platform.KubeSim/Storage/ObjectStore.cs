using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;

namespace Platform.KubeSim.Storage;

/// <summary>
/// All objects of the simulated cluster, with one global resourceVersion counter.
/// Callers get clones; every change goes through a function run under the store's lock.
/// </summary>
public sealed class ObjectStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> objectsByType = [];
    private long resourceVersion;

    /// <summary>Raised after any change, outside the lock.</summary>
    public event Action? Changed;

    public string CurrentResourceVersion
    {
        get { lock (gate) { return resourceVersion.ToString(); } }
    }

    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            return Objects(type).TryGetValue(Key(ns, name), out var found) ? Clone(found) : null;
        }
    }

    public bool Exists(ResourceType type, string? ns, string name)
    {
        lock (gate)
        {
            return Objects(type).ContainsKey(Key(ns, name));
        }
    }

    /// <summary>Objects of a type, in one namespace or (ns null) everywhere, ordered by namespace then name.</summary>
    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns)
    {
        lock (gate)
        {
            return Objects(type).Values
                .Where(o => ns is null || Meta.Namespace(o) == ns)
                .Select(Clone)
                .ToList();
        }
    }

    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        JsonObject stored;
        lock (gate)
        {
            var key = Key(Meta.Namespace(obj), Meta.Name(obj)!);
            var objects = Objects(type);
            if (objects.ContainsKey(key))
            {
                throw ApiException.AlreadyExists(type, Meta.Name(obj)!);
            }
            stored = Clone(obj);
            Meta.Metadata(stored)["resourceVersion"] = NextResourceVersion();
            objects[key] = stored;
            stored = Clone(stored);
        }
        Changed?.Invoke();
        return stored;
    }

    /// <summary>
    /// Replaces an object with what <paramref name="change"/> makes of (a clone of) it. A change that
    /// alters nothing keeps the resourceVersion, like the real API server.
    /// </summary>
    public JsonObject Update(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change)
    {
        JsonObject result;
        lock (gate)
        {
            var key = Key(ns, name);
            var objects = Objects(type);
            if (!objects.TryGetValue(key, out var existing))
            {
                throw ApiException.NotFound(type, name);
            }
            var updated = change(Clone(existing));
            Meta.Metadata(updated)["resourceVersion"] = Meta.ResourceVersion(existing);
            if (JsonNode.DeepEquals(updated, existing))
            {
                return Clone(existing);
            }
            Meta.Metadata(updated)["resourceVersion"] = NextResourceVersion();
            objects[key] = updated;
            result = Clone(updated);
        }
        Changed?.Invoke();
        return result;
    }

    public JsonObject? Delete(ResourceType type, string? ns, string name)
    {
        JsonObject? removed;
        lock (gate)
        {
            if (!Objects(type).Remove(Key(ns, name), out removed))
            {
                return null;
            }
            NextResourceVersion();
        }
        Changed?.Invoke();
        return removed;
    }

    /// <summary>Everything, for persistence: (resource storage key, object) pairs and the counter.</summary>
    public (long ResourceVersion, List<(string TypeKey, JsonObject Object)> Objects) Snapshot()
    {
        lock (gate)
        {
            var all = objectsByType
                .SelectMany(t => t.Value.Values.Select(o => (t.Key, Clone(o))))
                .ToList();
            return (resourceVersion, all);
        }
    }

    public void Restore(long savedResourceVersion, IEnumerable<(string TypeKey, JsonObject Object)> objects)
    {
        lock (gate)
        {
            objectsByType.Clear();
            resourceVersion = savedResourceVersion;
            foreach (var (typeKey, obj) in objects)
            {
                var type = ResourceCatalog.All.FirstOrDefault(t => t.StorageKey == typeKey);
                if (type is not null && Meta.Name(obj) is { } name)
                {
                    Objects(type)[Key(Meta.Namespace(obj), name)] = obj;
                }
            }
        }
    }

    private string NextResourceVersion() => (++resourceVersion).ToString();

    private SortedDictionary<string, JsonObject> Objects(ResourceType type)
    {
        if (!objectsByType.TryGetValue(type.StorageKey, out var objects))
        {
            objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            objectsByType[type.StorageKey] = objects;
        }
        return objects;
    }

    private static string Key(string? ns, string name) => $"{ns}/{name}";

    private static JsonObject Clone(JsonObject obj) => obj.DeepClone().AsObject();
}
