using GraphQL;

namespace Platform.Gateway;

/// <summary>The error codes of the gateway, as GraphQL errors with extensions.code.</summary>
public static class GatewayErrors
{
    public const string UnauthenticatedCode = "UNAUTHENTICATED";
    public const string NotFoundCode = "NOT_FOUND";
    public const string InternalCode = "INTERNAL";
    public const string ServiceUnavailableCode = "SERVICE_UNAVAILABLE";
    public const string MaxDepthExceededCode = "MAX_DEPTH_EXCEEDED";
    public const string TooManyFieldsCode = "TOO_MANY_FIELDS";
    public const string MethodNotAllowedCode = "METHOD_NOT_ALLOWED";
    public const string MalformedRequestCode = "MALFORMED_REQUEST";
    public const string MissingQueryCode = "MISSING_QUERY";
    public const string RequestTooLargeCode = "REQUEST_TOO_LARGE";
    public const string UnsupportedMediaTypeCode = "UNSUPPORTED_MEDIA_TYPE";
    public const string InvalidPaginationCode = "INVALID_PAGINATION";
    public const string PaginationLimitCode = "PAGINATION_LIMIT";
    public const string InvalidCursorCode = "INVALID_CURSOR";
    public const string MaxCostExceededCode = "MAX_COST_EXCEEDED";
    public const string ThrottledCode = "THROTTLED";

    public static ExecutionError Unauthenticated() =>
        new("Sign in first: send a valid access token as 'Authorization: Bearer <token>'.") { Code = UnauthenticatedCode };

    public static ExecutionError WorkspaceNotFound() =>
        new("No workspace with this id exists, or you may not see it.") { Code = NotFoundCode };

    public static ExecutionError ServiceUnavailable() =>
        new("A platform service did not answer in time. Please try again.") { Code = ServiceUnavailableCode };

    public static ExecutionError Internal() =>
        new("An internal error occurred. It has been logged; please try again later.") { Code = InternalCode };
}
