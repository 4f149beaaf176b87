using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.KubeSim.Faults;

/// <summary>The test-control endpoints under /_kubesim: faults and the request log.</summary>
public static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapKubeSimAdmin(this IEndpointRouteBuilder app, FaultInjector faults, RequestLog requests)
    {
        app.MapPost("/_kubesim/faults", async (HttpContext context) =>
        {
            Fault? fault;
            try
            {
                fault = await JsonSerializer.DeserializeAsync<Fault>(context.Request.Body, Json, context.RequestAborted);
            }
            catch (JsonException e)
            {
                return Results.BadRequest(new { message = $"invalid fault: {e.Message}" });
            }
            if (fault is null || (fault.Status == 0 && fault.DelayMs <= 0))
            {
                return Results.BadRequest(new { message = "a fault needs a status (HTTP code) or a delayMs" });
            }
            faults.Inject(fault);
            return Results.Json(faults.Active, Json, statusCode: 201);
        });
        app.MapGet("/_kubesim/faults", () => Results.Json(faults.Active, Json));
        app.MapDelete("/_kubesim/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_kubesim/requests", () => Results.Json(requests.Snapshot(), Json));
        app.MapDelete("/_kubesim/requests", () =>
        {
            requests.Clear();
            return Results.NoContent();
        });
    }
}
