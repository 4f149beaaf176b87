using System.Text.Json.Nodes;

namespace Platform.KubeSim.Api;

/// <summary>Builds Kubernetes meta/v1 Status objects.</summary>
public static class StatusObjects
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static JsonObject From(ApiException error) =>
        Failure(error.Code, error.Reason, error.Message, error.Details?.DeepClone().AsObject());

    public static JsonObject Success(string name, string kind, string? group) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = group ?? "", ["kind"] = kind },
    };
}
