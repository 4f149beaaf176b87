using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace Platform.Gateway.Connections;

/// <summary>Declares connection fields (first/after, last/before) and reads their paging arguments.</summary>
public static class ConnectionFields
{
    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// A non-null connection field with the four paging arguments, for a list every caller who can read the parent may
    /// page through. Resolve it with <see cref="Connection{T}.Slice"/> over a whole list, or hand
    /// <see cref="PageRequest(IResolveFieldContext)"/> to a service that pages and build the result with
    /// <see cref="Connection{T}.FromPage"/>. A connection that may be refused to a caller who can read the parent is
    /// declared with <see cref="GatedConnectionField{TSource, TNodeType, TNode}"/> instead.
    /// </summary>
    public static FieldBuilder<TSource, Connection<TNode>> ConnectionField<TSource, TNodeType, TNode>(this ObjectGraphType<TSource> type, string name)
        where TNodeType : IGraphType =>
        type.Field<NonNullGraphType<ConnectionGraphType<TNodeType, TNode>>, Connection<TNode>>(name).WithPagingArguments();

    /// <summary>
    /// A nullable connection field with the four paging arguments, for a list that is refused (FORBIDDEN) to some callers
    /// who can read the parent: the refusal is this field null with one error at its path, and the parent and the rest of
    /// the response stay (a non-null field would null the parent, and every non-null parent above it). Resolved like
    /// <see cref="ConnectionField{TSource, TNodeType, TNode}"/>.
    /// </summary>
    public static FieldBuilder<TSource, Connection<TNode>> GatedConnectionField<TSource, TNodeType, TNode>(this ObjectGraphType<TSource> type, string name)
        where TNodeType : IGraphType =>
        type.Field<ConnectionGraphType<TNodeType, TNode>, Connection<TNode>>(name).WithPagingArguments();

    static FieldBuilder<TSource, Connection<TNode>> WithPagingArguments<TSource, TNode>(this FieldBuilder<TSource, Connection<TNode>> field) =>
        field
            .Argument<IntGraphType>("first", $"How many items from the start (or after `after`), 1 to {MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("after", "A cursor: the page starts after this item.")
            .Argument<IntGraphType>("last", $"How many items from the end (or before `before`), 1 to {MaxPageSize}. Give `first` or `last`.")
            .Argument<StringGraphType>("before", "A cursor: the page ends before this item.");

    /// <summary>The page the field's arguments ask for; an INVALID_PAGINATION, PAGINATION_LIMIT or INVALID_CURSOR error otherwise.</summary>
    public static PageRequest PageRequest(this IResolveFieldContext context)
    {
        var (page, error) = Read(context.GetArgument<int?>("first"), context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"), context.GetArgument<string?>("before"));
        return page ?? throw new ExecutionError(error!.Value.Message) { Code = error.Value.Code };
    }

    /// <summary>Checks paging arguments as given (also before execution, by the cost analysis).</summary>
    public static (PageRequest? Page, (string Code, string Message)? Error) Read(int? first, string? after, int? last, string? before)
    {
        if (first is null && last is null)
            return (null, (GatewayErrors.InvalidPaginationCode, $"Give `first` or `last` (1 to {MaxPageSize}) to page through this list."));
        if (first is not null && last is not null)
            return (null, (GatewayErrors.InvalidPaginationCode, "Give either `first` or `last`, not both."));
        var size = first ?? last!.Value;
        if (size < 1)
            return (null, (GatewayErrors.InvalidPaginationCode, $"`{(first is null ? "last" : "first")}` must be at least 1."));
        if (size > MaxPageSize)
            return (null, (GatewayErrors.PaginationLimitCode, $"`{(first is null ? "last" : "first")}` may be at most {MaxPageSize}; page with the cursors."));
        CursorKey? afterKey = null, beforeKey = null;
        if (after is not null && (afterKey = Cursor.Decode(after)) is null)
            return (null, (GatewayErrors.InvalidCursorCode, "`after` is not a cursor of this list."));
        if (before is not null && (beforeKey = Cursor.Decode(before)) is null)
            return (null, (GatewayErrors.InvalidCursorCode, "`before` is not a cursor of this list."));
        return (new PageRequest(first, afterKey, last, beforeKey), null);
    }
}
