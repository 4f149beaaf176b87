using Platform.KubeSim.Resources;

namespace Platform.KubeSim.Api;

/// <summary>A request path under /api or /apis resolved to a resource, namespace, name and subresource.</summary>
public sealed record ApiPath(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Resolves /api/v1/... or /apis/group/version/...; null when the path is discovery of a group-version.</summary>
    public static ApiPath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        string group, version;
        string[] rest;
        if (segments.Length >= 2 && segments[0] == "api")
        {
            (group, version, rest) = ("", segments[1], segments[2..]);
        }
        else if (segments.Length >= 3 && segments[0] == "apis")
        {
            (group, version, rest) = (segments[1], segments[2], segments[3..]);
        }
        else
        {
            throw NotFound();
        }
        if (rest.Length == 0)
        {
            return null;
        }
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && ResourceCatalog.Find(group, version, rest[2]) is { Namespaced: true })
        {
            ns = rest[1];
            rest = rest[2..];
        }
        var type = ResourceCatalog.Find(group, version, rest[0]) ?? throw NotFound();
        if (rest.Length > 3 || (type.Namespaced && ns is null && rest.Length > 1))
        {
            throw NotFound();
        }
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (subresource is not null && subresource != "status" && !(subresource == "scale" && type.HasScale)
            && !(subresource == "finalize" && type == ResourceCatalog.Namespaces))
        {
            throw NotFound();
        }
        return new ApiPath(type, ns, name, subresource);
    }

    private static ApiException NotFound() => new(404, "NotFound", "the server could not find the requested resource");
}
