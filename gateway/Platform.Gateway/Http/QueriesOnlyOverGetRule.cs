using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Http;

/// <summary>GraphQL over HTTP: a GET may only run a query; a mutation over GET is answered with 405.</summary>
public sealed class QueriesOnlyOverGetRule : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.UserContext is Caller { OverHttpGet: true } && context.Operation is { } operation
            && operation.Operation != OperationType.Query)
        {
            context.ReportError(new ValidationError(context.Document.Source, null!,
                $"A {operation.Operation.ToString().ToLowerInvariant()} must be sent with POST.", operation)
            {
                Code = GatewayErrors.MethodNotAllowedCode,
            });
        }
        return default;
    }

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;
}
