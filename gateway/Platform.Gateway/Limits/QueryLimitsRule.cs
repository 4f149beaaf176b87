using GraphQL;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Platform.Gateway.Limits;

/// <summary>
/// Rejects an operation deeper than MaxDepth or selecting more than MaxFields fields (aliases counted, fragments
/// expanded where they are spread) before anything executes.
/// </summary>
public sealed class QueryLimitsRule(GatewayOptions options) : IValidationRule
{
    public ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var operation = context.Operation;
        if (operation is null)
            return default;
        var fragments = context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());
        var walk = new Walk(fragments, options.MaxDepth, options.MaxIntrospectionDepth, options.MaxFields);
        walk.Visit(operation.SelectionSet, 1, []);
        if (walk.DeepestField is not null)
            context.ReportError(Error(context, GatewayErrors.MaxDepthExceededCode,
                $"The query is nested deeper than {options.MaxDepth} levels; ask for less at once.", walk.DeepestField));
        else if (walk.Fields > options.MaxFields)
            context.ReportError(Error(context, GatewayErrors.TooManyFieldsCode,
                $"The query selects more than {options.MaxFields} fields (aliases and fragment spreads included); split it.", operation));
        return default;
    }

    public ValueTask<IVariableVisitor?> GetVariableVisitorAsync(ValidationContext context) => default;

    public ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context) => default;

    static ValidationError Error(ValidationContext context, string code, string message, ASTNode node) =>
        new(context.Document.Source, null!, message, node) { Code = code };

    sealed class Walk(Dictionary<string, GraphQLFragmentDefinition> fragments, int maxDepth, int maxIntrospectionDepth, int maxFields)
    {
        bool _inIntrospection;

        int Limit => _inIntrospection ? maxIntrospectionDepth : maxDepth;

        public int Fields { get; private set; }
        public ASTNode? DeepestField { get; private set; }

        bool Stop => DeepestField is not null || Fields > maxFields;

        public void Visit(GraphQLSelectionSet? selectionSet, int depth, HashSet<string> spreading)
        {
            if (selectionSet is null)
                return;
            foreach (var selection in selectionSet.Selections)
            {
                if (Stop)
                    return;
                switch (selection)
                {
                    case GraphQLField field:
                        Fields++;
                        if (depth > Limit)
                        {
                            DeepestField = field;
                            return;
                        }
                        // Tools (GraphiQL, code generators) introspect with a TypeRef fragment nested ~9 levels deep.
                        var introspection = depth == 1 && field.Name.Value is { } n && (n == "__schema" || n == "__type");
                        if (introspection)
                            _inIntrospection = true;
                        Visit(field.SelectionSet, depth + 1, spreading);
                        if (introspection)
                            _inIntrospection = false;
                        break;
                    case GraphQLInlineFragment inline:
                        Visit(inline.SelectionSet, depth, spreading);
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        // A cycle is reported by the standard rules; here it only must not loop forever.
                        if (fragments.TryGetValue(name, out var fragment) && spreading.Add(name))
                        {
                            Visit(fragment.SelectionSet, depth, spreading);
                            spreading.Remove(name);
                        }
                        break;
                }
            }
        }
    }
}
