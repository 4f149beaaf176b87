using System.Text.Json.Nodes;
using Platform.KubeSim.Resources;

namespace Platform.KubeSim.OpenApi;

/// <summary>
/// OpenAPI v3 documents for the served group-versions. Schemas are deliberately open
/// (x-kubernetes-preserve-unknown-fields) and every PATCH operation declares the fieldValidation
/// parameter, so kubectl leaves validation to the server instead of validating against a schema.
/// </summary>
public static class OpenApiDocuments
{
    private const string Hash = "kubesim1";

    public static JsonObject Index()
    {
        var paths = new JsonObject();
        foreach (var groupVersion in ResourceCatalog.GroupVersions)
        {
            var relative = PathOf(groupVersion);
            paths[relative] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{relative}?hash={Hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for a path like "api/v1" or "apis/apps/v1", or null when not served.</summary>
    public static JsonObject? ForPath(string relativePath)
    {
        var groupVersion = ResourceCatalog.GroupVersions.FirstOrDefault(gv => PathOf(gv) == relativePath.Trim('/'));
        if (groupVersion is null)
        {
            return null;
        }
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in ResourceCatalog.InGroupVersion(groupVersion))
        {
            var schemaName = SchemaName(type);
            schemas[schemaName] = KindSchema(type);
            var prefix = "/" + PathOf(groupVersion) + (type.Namespaced ? "/namespaces/{namespace}/" : "/") + type.Plural;
            paths[prefix] = new JsonObject
            {
                ["get"] = Operation(type, "list", schemaName),
                ["post"] = Operation(type, "post", schemaName),
            };
            paths[prefix + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(type, "get", schemaName),
                ["put"] = Operation(type, "put", schemaName),
                ["patch"] = Operation(type, "patch", schemaName),
                ["delete"] = Operation(type, "delete", schemaName),
            };
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0-kubesim" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static string PathOf(string groupVersion) => groupVersion.Contains('/') ? $"apis/{groupVersion}" : $"api/{groupVersion}";

    private static string SchemaName(ResourceType type)
    {
        var group = type.Group.Length == 0 ? "core" : type.Group.Split('.')[0];
        return $"io.k8s.api.{group}.{type.Version}.{type.Kind}";
    }

    private static JsonObject Gvk(ResourceType type) => new()
    {
        ["group"] = type.Group,
        ["version"] = type.Version,
        ["kind"] = type.Kind,
    };

    private static JsonObject Operation(ResourceType type, string action, string schemaName)
    {
        var parameters = new JsonArray(
            QueryParameter("dryRun"),
            QueryParameter("fieldManager"));
        if (action is "post" or "put" or "patch")
        {
            parameters.Add(QueryParameter("fieldValidation"));
        }
        if (action == "patch")
        {
            parameters.Add(QueryParameter("force", "boolean"));
        }
        return new JsonObject
        {
            ["operationId"] = $"{action}{type.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject
                        {
                            ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" },
                        },
                    },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(type),
        };
    }

    private static JsonObject QueryParameter(string name, string type = "string") => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject KindSchema(ResourceType type) => new()
    {
        ["description"] = $"{type.Kind} as served by KubeSim.",
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["metadata"] = OpenObject(),
            ["spec"] = OpenObject(),
            ["status"] = OpenObject(),
            ["data"] = OpenObject(),
            ["stringData"] = OpenObject(),
            ["type"] = new JsonObject { ["type"] = "string" },
            ["rules"] = new JsonObject { ["type"] = "array", ["items"] = OpenObject() },
            ["roleRef"] = OpenObject(),
            ["subjects"] = new JsonObject { ["type"] = "array", ["items"] = OpenObject() },
            ["secrets"] = new JsonObject { ["type"] = "array", ["items"] = OpenObject() },
            ["imagePullSecrets"] = new JsonObject { ["type"] = "array", ["items"] = OpenObject() },
            ["automountServiceAccountToken"] = new JsonObject { ["type"] = "boolean" },
            ["immutable"] = new JsonObject { ["type"] = "boolean" },
            ["binaryData"] = OpenObject(),
        },
        ["x-kubernetes-preserve-unknown-fields"] = true,
        ["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(type)),
    };

    private static JsonObject OpenObject() => new()
    {
        ["type"] = "object",
        ["x-kubernetes-preserve-unknown-fields"] = true,
    };
}
