using GraphQL.Types;

namespace Platform.Gateway.Connections;

/// <summary>Marks a connection type, so that the cost analysis multiplies what is selected per item by the page size.</summary>
public interface IConnectionGraphType
{
    /// <summary>The GraphQL type of the items.</summary>
    Type NodeGraphType { get; }
}

/// <summary>
/// A Relay connection over items of <typeparamref name="TNodeType"/>; named after it: WorkspaceType → WorkspaceConnection.
/// </summary>
public sealed class ConnectionGraphType<TNodeType, TNode> : ObjectGraphType<Connection<TNode>>, IConnectionGraphType
    where TNodeType : IGraphType
{
    public ConnectionGraphType()
    {
        var node = ConnectionNames.NodeName(typeof(TNodeType));
        Name = node + "Connection";
        Description = $"A page of {node} items. Ask for `first` (with `after`) or `last` (with `before`), at most {ConnectionFields.MaxPageSize}.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EdgeGraphType<TNodeType, TNode>>>>, IReadOnlyList<Edge<TNode>>>("edges")
            .Description("The items of this page, each with its cursor.")
            .Resolve(c => c.Source.Edges);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TNodeType>>>, IEnumerable<TNode>>("nodes")
            .Description("The items of this page, without cursors.")
            .Resolve(c => c.Source.Nodes);
        Field<NonNullGraphType<PageInfoGraphType>, PageInfo>("pageInfo")
            .Description("Whether there are more items before or after this page, and the cursors to get them.")
            .Resolve(c => c.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>, int>("totalCount")
            .Description("How many items the whole list has, over all pages.")
            .Resolve(c => c.Source.TotalCount);
    }

    public Type NodeGraphType => typeof(TNodeType);
}

/// <summary>An item of a connection with its cursor; named after the item: WorkspaceType → WorkspaceEdge.</summary>
public sealed class EdgeGraphType<TNodeType, TNode> : ObjectGraphType<Edge<TNode>>
    where TNodeType : IGraphType
{
    public EdgeGraphType()
    {
        var node = ConnectionNames.NodeName(typeof(TNodeType));
        Name = node + "Edge";
        Description = $"A {node} in a page, with the cursor that points at it.";
        Field<NonNullGraphType<StringGraphType>, string>("cursor")
            .Description("An opaque cursor for this item; pass it as `after` or `before` to page from here.")
            .Resolve(c => c.Source.Cursor);
        Field<NonNullGraphType<TNodeType>, TNode>("node").Description("The item.").Resolve(c => c.Source.Node);
    }
}

/// <summary>Where a page is in the whole list.</summary>
public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Where a page is in the whole list, and the cursors to page on from it.";
        Field<NonNullGraphType<BooleanGraphType>, bool>("hasNextPage").Description("True when items follow this page.").Resolve(c => c.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>, bool>("hasPreviousPage").Description("True when items come before this page.").Resolve(c => c.Source.HasPreviousPage);
        Field<StringGraphType, string?>("startCursor").Description("The cursor of the first item of this page; null when the page is empty.").Resolve(c => c.Source.StartCursor);
        Field<StringGraphType, string?>("endCursor").Description("The cursor of the last item of this page; null when the page is empty.").Resolve(c => c.Source.EndCursor);
    }
}

static class ConnectionNames
{
    /// <summary>The GraphQL name of a node type from its class name by the gateway's convention: WorkspaceType → Workspace.</summary>
    public static string NodeName(Type nodeType)
    {
        var name = nodeType.Name;
        foreach (var suffix in new[] { "GraphType", "Type" })
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                return name[..^suffix.Length];
        return name;
    }
}
