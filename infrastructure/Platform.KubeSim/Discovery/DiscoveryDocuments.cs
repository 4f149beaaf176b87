using System.Text.Json.Nodes;
using Platform.KubeSim.Resources;

namespace Platform.KubeSim.Discovery;

/// <summary>The legacy (non-aggregated) discovery documents: /version, /api, /apis, /api/v1, /apis/group/version.</summary>
public static class DiscoveryDocuments
{
    private static readonly HashSet<string> InCategoryAll = ["pods", "services", "deployments", "statefulsets", "jobs", "cronjobs"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-kubesim",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = serverAddress,
        }),
    };

    public static JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ResourceCatalog.All
            .Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => (JsonNode)Group(g.Key, g.Select(r => r.Version).Distinct()))
            .ToArray()),
    };

    public static JsonObject Group(string name, IEnumerable<string> versions)
    {
        var list = versions.ToList();
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = name,
            ["versions"] = new JsonArray(list.Select(v => (JsonNode)GroupVersion(name, v)).ToArray()),
            ["preferredVersion"] = GroupVersion(name, list[0]),
        };
    }

    public static JsonObject? ResourceList(string groupVersion)
    {
        var resources = ResourceCatalog.InGroupVersion(groupVersion).ToList();
        if (resources.Count == 0)
        {
            return null;
        }
        var entries = new JsonArray();
        foreach (var resource in resources)
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray(resource.Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (resource.ShortNames.Length > 0)
            {
                entry["shortNames"] = new JsonArray(resource.ShortNames.Select(s => (JsonNode)s).ToArray());
            }
            if (InCategoryAll.Contains(resource.Plural))
            {
                entry["categories"] = new JsonArray("all");
            }
            entries.Add(entry);
            if (resource.HasStatus)
            {
                entries.Add(Subresource(resource, "status", resource.Group, resource.Version, resource.Kind));
            }
            if (resource.HasScale)
            {
                entries.Add(Subresource(resource, "scale", "autoscaling", "v1", "Scale"));
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = groupVersion,
            ["resources"] = entries,
        };
    }

    private static JsonObject Subresource(ResourceType resource, string subresource, string group, string version, string kind) => new()
    {
        ["name"] = $"{resource.Plural}/{subresource}",
        ["singularName"] = "",
        ["namespaced"] = resource.Namespaced,
        ["group"] = group,
        ["version"] = version,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("get", "patch", "update"),
    };

    private static JsonObject GroupVersion(string group, string version) => new()
    {
        ["groupVersion"] = $"{group}/{version}",
        ["version"] = version,
    };
}
