using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using Platform.Gateway.Auth;
using Platform.Gateway.Explorer;
using Platform.Gateway.Limits;
using Platform.Infrastructure.Security;

namespace Platform.Gateway.Http;

/// <summary>GraphQL over HTTP: POST application/json, GET with query parameters (queries only); browsers get the explorer.</summary>
public static class GraphQLEndpoint
{
    public static WebApplication MapGraphQLEndpoint(this WebApplication app, string path)
    {
        app.MapMethods(path, [HttpMethods.Get, HttpMethods.Post], HandleAsync);
        app.MapExplorerAssets(path);
        app.MapSchemaDocument(path + "/schema.graphql");
        app.MapMethods(path, [HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext http) =>
            RespondWithErrorAsync(http, StatusCodes.Status405MethodNotAllowed, GatewayErrors.MethodNotAllowedCode,
                "Use POST (or GET for queries)."));
        return app;
    }

    static async Task HandleAsync(HttpContext http, IDocumentExecuter<ISchema> executer, IGraphQLTextSerializer serializer,
        AccessTokens tokens, GatewayOptions options, CostThrottle throttle, ApiKeyAuthenticator apiKeys, ILoggerFactory loggers)
    {
        if (ExplorerPage.IsWanted(http.Request))
        {
            await ExplorerPage.WritePageAsync(http);
            return;
        }
        try
        {
            var presentedKey = BearerToken.ApiKey(http.Request.Headers.Authorization, http.Request.Headers["X-Api-Key"]);
            PartnerKey? key;
            try
            {
                key = presentedKey is null ? null : await apiKeys.AuthenticateAsync(presentedKey, http.RequestAborted);
            }
            catch (ApiKeyAuthenticationUnavailable)
            {
                http.Response.Headers.RetryAfter = "5";
                await RespondWithErrorAsync(http, StatusCodes.Status503ServiceUnavailable, GatewayErrors.ServiceUnavailableCode,
                    "The API key could not be checked right now. Please try again.");
                return;
            }
            var caller = new Caller(presentedKey is null ? await BearerToken.UserIdAsync(http.Request.Headers.Authorization, tokens) : null,
                HttpMethods.IsGet(http.Request.Method))
            {
                ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
                Key = key,
            };
            var read = HttpMethods.IsGet(http.Request.Method)
                ? ReadGet(http.Request, serializer)
                : await ReadPostAsync(http.Request, serializer, options);
            if (read.Error is { } error)
            {
                await RespondWithErrorAsync(http, error.Status, error.Code, error.Message, CostExtension(caller, throttle, actual: 0));
                return;
            }
            var request = read.Request!;
            if (string.IsNullOrWhiteSpace(request.Query))
            {
                await RespondWithErrorAsync(http, StatusCodes.Status400BadRequest, GatewayErrors.MissingQueryCode,
                    "The request has no 'query'.", CostExtension(caller, throttle, actual: 0));
                return;
            }

            ExecutionResult result;
            try
            {
                result = await executer.ExecuteAsync(new ExecutionOptions
                {
                    Query = request.Query,
                    OperationName = request.OperationName,
                    Variables = request.Variables,
                    Extensions = request.Extensions,
                    UserContext = caller,
                    RequestServices = http.RequestServices,
                    CancellationToken = http.RequestAborted,
                });
            }
            catch
            {
                // Charged but never finished: the points go back.
                if (caller.Cost is { Charged: > 0 } charged)
                    throttle.Refund(caller.Id, charged.Charged);
                throw;
            }

            var actual = caller.Cost is null ? 0 : CostModel.Actual(result) ?? caller.Cost.Charged;
            if (caller.Cost is { Charged: > 0 } cost)
                throttle.Refund(caller.Id, cost.Charged - Math.Min(actual, cost.Charged));
            result.Extensions ??= [];
            result.Extensions["cost"] = CostExtension(caller, throttle, actual);

            var mediaType = MediaTypes.ForResponse(http.Request.Headers.Accept);
            var status = StatusCodes.Status200OK;
            if (result.Errors?.Any(e => e.Code == GatewayErrors.MethodNotAllowedCode) == true)
            {
                status = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = "POST";
            }
            else if (result.Errors?.OfType<ThrottledError>().FirstOrDefault() is { } throttled)
            {
                status = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = throttled.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (!result.Executed && mediaType == MediaTypes.GraphQLResponse)
            {
                // Parsing or validation failed: no data; the newer media type says so with 400.
                status = StatusCodes.Status400BadRequest;
            }
            await WriteAsync(http, status, mediaType, result, serializer);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
        }
        catch (Exception ex)
        {
            loggers.CreateLogger(typeof(GraphQLEndpoint)).LogError(ex, "GraphQL request failed");
            if (!http.Response.HasStarted)
                await RespondWithErrorAsync(http, StatusCodes.Status500InternalServerError, GatewayErrors.InternalCode,
                    GatewayErrors.Internal().Message);
        }
    }

    /// <summary>extensions.cost: what the query was priced at, what it really cost and the caller's bucket after it.</summary>
    static Dictionary<string, object> CostExtension(Caller caller, CostThrottle throttle, long actual)
    {
        var bucket = throttle.Status(caller.Id);
        return new Dictionary<string, object>
        {
            ["requestedQueryCost"] = caller.Cost?.Requested ?? 0,
            ["actualQueryCost"] = actual,
            ["throttleStatus"] = new Dictionary<string, object>
            {
                ["maximumAvailable"] = bucket.MaximumAvailable,
                ["currentlyAvailable"] = bucket.CurrentlyAvailable,
                ["restoreRate"] = bucket.RestoreRate,
            },
        };
    }

    sealed record ReadResult(GraphQLRequest? Request, (int Status, string Code, string Message)? Error);

    static ReadResult Fail(int status, string code, string message) => new(null, (status, code, message));

    static ReadResult ReadGet(HttpRequest http, IGraphQLTextSerializer serializer)
    {
        var request = new GraphQLRequest
        {
            Query = http.Query["query"].ToString(),
            OperationName = NullIfEmpty(http.Query["operationName"].ToString()),
        };
        try
        {
            if (NullIfEmpty(http.Query["variables"].ToString()) is { } variables)
                request.Variables = serializer.Deserialize<Inputs>(variables);
            if (NullIfEmpty(http.Query["extensions"].ToString()) is { } extensions)
                request.Extensions = serializer.Deserialize<Inputs>(extensions);
        }
        catch (Exception)
        {
            return Fail(StatusCodes.Status400BadRequest, GatewayErrors.MalformedRequestCode,
                "The 'variables' or 'extensions' parameter is not a JSON object.");
        }
        return new(request, null);
    }

    static async Task<ReadResult> ReadPostAsync(HttpRequest http, IGraphQLTextSerializer serializer, GatewayOptions options)
    {
        if (!MediaTypes.IsJson(http.ContentType))
            return Fail(StatusCodes.Status415UnsupportedMediaType, GatewayErrors.UnsupportedMediaTypeCode,
                "Send the request as 'Content-Type: application/json'.");
        if (http.ContentLength > options.MaxRequestBytes)
            return TooLarge(options);
        var body = await RequestBody.ReadAsync(http, options.MaxRequestBytes);
        if (body is null)
            return TooLarge(options);
        try
        {
            var request = serializer.Deserialize<GraphQLRequest>(body);
            return request is null
                ? Fail(StatusCodes.Status400BadRequest, GatewayErrors.MalformedRequestCode, "The request body must be a JSON object.")
                : new(request, null);
        }
        catch (Exception)
        {
            return Fail(StatusCodes.Status400BadRequest, GatewayErrors.MalformedRequestCode,
                "The request body is not valid JSON of the form {\"query\": \"...\", \"variables\": {...}, \"operationName\": \"...\"}.");
        }
    }

    static ReadResult TooLarge(GatewayOptions options) =>
        Fail(StatusCodes.Status413PayloadTooLarge, GatewayErrors.RequestTooLargeCode,
            $"The request body is larger than {options.MaxRequestBytes} bytes.");

    static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    static Task RespondWithErrorAsync(HttpContext http, int status, string code, string message, Dictionary<string, object>? cost = null)
    {
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var result = new ExecutionResult(new ExecutionError(message) { Code = code });
        if (cost is not null)
            result.Extensions = new() { ["cost"] = cost };
        return WriteAsync(http, status, MediaTypes.ForResponse(http.Request.Headers.Accept), result, serializer);
    }

    static async Task WriteAsync(HttpContext http, int status, string mediaType, ExecutionResult result, IGraphQLTextSerializer serializer)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
