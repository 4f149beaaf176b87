using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Platform.Gateway.Connections;

namespace Platform.Gateway.Limits;

/// <summary>
/// The cost model, in points. A field that returns an object (or a list of objects that is not a connection) costs 1
/// plus what is selected inside it; a scalar or enum field costs 0; a connection field costs 1 plus its page size
/// (first/last) times what one item's selection costs (edges.node and nodes each count as an object; cursor,
/// pageInfo and totalCount are free). A top-level mutation field costs 10. The actual cost is the same sum over what
/// was really returned: a null object costs nothing and a connection is charged for the items it returned.
/// </summary>
public static class CostModel
{
    public const int MutationFieldCost = 10;

    /// <summary>The requested cost of the validated operation; a pagination error when a connection's arguments are unusable.</summary>
    public static (long Cost, ValidationError? Error) Requested(ValidationContext context)
    {
        var operation = context.Operation!;
        var root = operation.Operation == OperationType.Mutation ? context.Schema.Mutation : context.Schema.Query;
        var walk = new RequestedWalk(context);
        long cost = 0;
        foreach (var field in walk.Fields(root, operation.SelectionSet))
        {
            cost = Add(cost, walk.FieldCost(field.Parent, field.Field));
            if (operation.Operation == OperationType.Mutation && !field.Field.Name.StringValue.StartsWith("__", StringComparison.Ordinal))
                cost = Add(cost, MutationFieldCost - 1);
        }
        return (cost, walk.Error);
    }

    /// <summary>The cost of what an execution returned, from its execution tree; null when there is none.</summary>
    public static long? Actual(ExecutionResult result)
    {
        if (!result.Executed || result.Data is not RootExecutionNode root)
            return result.Executed ? null : 0;
        var mutation = result.Operation?.Operation == OperationType.Mutation;
        long cost = 0;
        foreach (var field in root.SubFields ?? [])
        {
            cost = Add(cost, ActualFieldCost(field));
            if (mutation && field.Name?.StartsWith("__", StringComparison.Ordinal) == false)
                cost = Add(cost, MutationFieldCost - 1);
        }
        return cost;
    }

    static long ActualFieldCost(ExecutionNode node) => node switch
    {
        ObjectExecutionNode { Result: null } => 0,
        ObjectExecutionNode { GraphType: IConnectionGraphType } connection => Add(1, ActualItems(connection)),
        ObjectExecutionNode o => Add(1, Sum(o.SubFields)),
        // A plain list (not a connection) is bounded by nature: charged once, for its most expensive item.
        ArrayExecutionNode { Items: { Count: > 0 } items } when items.Any(i => i is ObjectExecutionNode { Result: not null }) =>
            Add(1, items.OfType<ObjectExecutionNode>().Where(i => i.Result is not null).Max(i => Sum(i.SubFields))),
        _ => 0,
    };

    static long ActualItems(ObjectExecutionNode connection)
    {
        long cost = 0;
        foreach (var field in connection.SubFields ?? [])
        {
            if (field is not ArrayExecutionNode { Items: { } items })
                continue;
            foreach (var item in items)
            {
                var node = field.FieldDefinition?.Name == "edges" && item is ObjectExecutionNode edge
                    ? edge.SubFields?.FirstOrDefault(f => f.FieldDefinition?.Name == "node")
                    : field.FieldDefinition?.Name == "nodes" ? item : null;
                if (node is ObjectExecutionNode { Result: not null } n)
                    cost = Add(cost, Add(1, Sum(n.SubFields)));
            }
        }
        return cost;
    }

    static long Sum(ExecutionNode[]? fields)
    {
        long cost = 0;
        foreach (var field in fields ?? [])
            cost = Add(cost, ActualFieldCost(field));
        return cost;
    }

    static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    sealed class RequestedWalk(ValidationContext context)
    {
        readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = context.Document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());

        public ValidationError? Error { get; private set; }

        /// <summary>The fields of a selection set with fragments expanded, each with the type it is selected on.</summary>
        public IEnumerable<(IGraphType? Parent, GraphQLField Field)> Fields(IGraphType? parent, GraphQLSelectionSet? set, HashSet<string>? spreading = null)
        {
            if (set is null)
                yield break;
            spreading ??= [];
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        yield return (parent, field);
                        break;
                    case GraphQLInlineFragment inline:
                        foreach (var f in Fields(TypeOf(inline.TypeCondition) ?? parent, inline.SelectionSet, spreading))
                            yield return f;
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        if (_fragments.TryGetValue(name, out var fragment) && spreading.Add(name))
                        {
                            foreach (var f in Fields(TypeOf(fragment.TypeCondition) ?? parent, fragment.SelectionSet, spreading))
                                yield return f;
                            spreading.Remove(name);
                        }
                        break;
                }
            }
        }

        IGraphType? TypeOf(GraphQLTypeCondition? condition) =>
            condition is null ? null : context.Schema.AllTypes[condition.Type.Name.StringValue];

        public long FieldCost(IGraphType? parent, GraphQLField field)
        {
            if (field.SelectionSet is null)
                return 0;
            var definition = (parent as IComplexGraphType)?.GetField(field.Name.Value);
            var type = definition?.ResolvedType?.GetNamedType();
            if (type is IConnectionGraphType)
                return Add(1, Multiply(PageSize(field), ItemCost(type, field.SelectionSet)));
            return Add(1, SelectionCost(type, field.SelectionSet));
        }

        long SelectionCost(IGraphType? type, GraphQLSelectionSet set)
        {
            long cost = 0;
            foreach (var (parent, field) in Fields(type, set))
                cost = Add(cost, FieldCost(parent, field));
            return cost;
        }

        /// <summary>What one item of a connection costs: its nodes' and edges' node selections.</summary>
        long ItemCost(IGraphType connection, GraphQLSelectionSet set)
        {
            long cost = 0;
            foreach (var (parent, field) in Fields(connection, set))
            {
                var name = field.Name.StringValue;
                if (name == "nodes")
                    cost = Add(cost, FieldCost(parent, field));
                else if (name == "edges" && field.SelectionSet is not null)
                {
                    var edgeType = (parent as IComplexGraphType)?.GetField("edges")?.ResolvedType?.GetNamedType();
                    foreach (var (edgeParent, edgeField) in Fields(edgeType, field.SelectionSet))
                        if (edgeField.Name.StringValue == "node")
                            cost = Add(cost, FieldCost(edgeParent, edgeField));
                }
            }
            return cost;
        }

        int PageSize(GraphQLField field)
        {
            var arguments = context.ArgumentValues?.GetValueOrDefault(field);
            int? Int(string name) => arguments?.TryGetValue(name, out var v) == true ? v.Value as int? : null;
            string? Text(string name) => arguments?.TryGetValue(name, out var v) == true ? v.Value as string : null;
            var (page, error) = ConnectionFields.Read(Int("first"), Text("after"), Int("last"), Text("before"));
            if (error is { } e && Error is null)
                Error = new ValidationError(context.Document.Source, null!, e.Message, field) { Code = e.Code };
            // An unusable connection is refused anyway; until then it is priced at the largest page.
            return page?.Size ?? ConnectionFields.MaxPageSize;
        }
    }
}

/// <summary>What one request costs and was charged, for extensions.cost and the refund after execution.</summary>
public sealed class QueryCost(long requested)
{
    /// <summary>The cost of the operation as asked, measured before execution.</summary>
    public long Requested { get; } = requested;

    /// <summary>The points taken from the caller's bucket before execution (0 when refused).</summary>
    public long Charged { get; set; }
}
