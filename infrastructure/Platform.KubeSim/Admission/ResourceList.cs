using System.Text.Json.Nodes;
using Platform.KubeSim.Api;
using Platform.KubeSim.Resources;
using Platform.KubeSim.Storage;

namespace Platform.KubeSim.Admission;

/// <summary>A resource name → quantity map (corev1.ResourceList) and the quota helpers over it.</summary>
public sealed class ResourceList : SortedDictionary<string, Quantity>
{
    public ResourceList() : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Reads a JSON resource list; a value that is not a quantity is answered 422 naming the field.</summary>
    public static ResourceList From(JsonNode? node, ResourceType type, string name, string field)
    {
        var list = new ResourceList();
        if (node is not JsonObject map)
        {
            return list;
        }
        foreach (var (key, value) in map)
        {
            var text = Meta.Text(value);
            if (!Quantity.TryParse(text, out var quantity))
            {
                throw ApiException.Invalid(type, name, $"{field}[{key}]",
                    $"Invalid value: \"{text}\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            list[key] = quantity;
        }
        return list;
    }

    /// <summary>Adds <paramref name="other"/> in; keys missing here start at the other's value (quota.Add).</summary>
    public ResourceList Add(ResourceList other)
    {
        foreach (var (key, value) in other)
        {
            this[key] = TryGetValue(key, out var mine) ? mine + value : value;
        }
        return this;
    }

    /// <summary>Keeps the larger value of each key (quota.Max).</summary>
    public ResourceList Max(ResourceList other)
    {
        foreach (var (key, value) in other)
        {
            if (!TryGetValue(key, out var mine) || value > mine)
            {
                this[key] = value;
            }
        }
        return this;
    }

    public ResourceList Mask(IEnumerable<string> names)
    {
        var masked = new ResourceList();
        foreach (var name in names)
        {
            if (TryGetValue(name, out var value))
            {
                masked[name] = value;
            }
        }
        return masked;
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (key, value) in this)
        {
            json[key] = value.ToString();
        }
        return json;
    }

    /// <summary>"pods=1,requests.cpu=500m", sorted by name, as in quota error messages.</summary>
    public string Pretty() => string.Join(",", this.Select(p => $"{p.Key}={p.Value}"));
}
