using GraphQL;
using GraphQL.Execution;
using Platform.Gateway.Limits;

namespace Platform.Gateway.Http;

/// <summary>
/// How errors are shown: message and extensions.code only, never exception details or data; a THROTTLED error also
/// carries extensions.retryAfterSeconds.
/// </summary>
public sealed class GatewayErrorInfo() : ErrorInfoProvider(new ErrorInfoProviderOptions
{
    ExposeExceptionDetails = false,
    ExposeCodes = false,
    ExposeData = false,
})
{
    public override ErrorInfo GetInfo(ExecutionError executionError)
    {
        var info = base.GetInfo(executionError);
        if (executionError is ThrottledError throttled)
        {
            var extensions = info.Extensions ?? new Dictionary<string, object?>();
            extensions["retryAfterSeconds"] = throttled.RetryAfterSeconds;
            info.Extensions = extensions;
        }
        return info;
    }
}
