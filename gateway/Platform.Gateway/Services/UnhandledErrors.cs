using GraphQL.Execution;

namespace Platform.Gateway.Services;

/// <summary>Turns an unexpected exception in a resolver into a generic INTERNAL error, logged with its details.</summary>
public static class UnhandledErrors
{
    public static void Handle(UnhandledExceptionContext context)
    {
        var options = context.ExecutionOptions;
        if (context.OriginalException is OperationCanceledException && options.CancellationToken.IsCancellationRequested)
            return;
        var logger = options.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Platform.Gateway.GraphQL");
        logger?.LogError(context.OriginalException, "Unhandled error resolving {Field}", context.FieldContext?.FieldDefinition.Name ?? "(document)");
        var error = GatewayErrors.Internal();
        context.ErrorMessage = error.Message;
        context.Exception = error;
    }
}
