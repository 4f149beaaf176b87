using Platform.Contracts;
using Platform.Contracts.Billing;

namespace Platform.Billing.Queries;

/// <summary>A Relay page request: First (+ After) forwards or Last (+ Before) backwards.</summary>
public sealed record PageRequest(int? First, string? After, int? Last, string? Before)
{
    public bool Forwards => First is not null;
    public int Size => First ?? Last ?? 0;
    public string? Cursor => Forwards ? After : Before;
}

/// <summary>A validated page request: direction, size and the decoded cursor key, or the error to answer with.</summary>
public sealed record PageQuery(bool Forwards, int Size, (DateTimeOffset CreatedAt, Guid Id)? From);

public static class WebhookPaging
{
    public const int MaxPageSize = 100;

    /// <summary>Cursors are opaque to callers: base64url of the item's (CreatedAt, Id), stable while items come and go.</summary>
    public static string Cursor(DateTimeOffset createdAt, Guid id) => WebhookCursors.Encode(createdAt, id);

    public static (DateTimeOffset CreatedAt, Guid Id)? Decode(string cursor) => WebhookCursors.Decode(cursor);

    public static (PageQuery? Query, UserError? Error) Validate(PageRequest request)
    {
        if (request.First is not null == request.Last is not null || request.Size is < 1 or > MaxPageSize)
            return (null, new UserError
            {
                Field = request.First is not null ? "first" : "last",
                Code = WebhookErrorCodes.InvalidPagination,
                Message = $"Give either first or last, between 1 and {MaxPageSize}.",
            });
        if ((request.Forwards ? request.Before : request.After) is not null)
            return (null, new UserError
            {
                Field = request.Forwards ? "before" : "after",
                Code = WebhookErrorCodes.InvalidPagination,
                Message = "Use after with first, before with last.",
            });
        if (request.Cursor is not { } cursor)
            return (new PageQuery(request.Forwards, request.Size, null), null);
        return Decode(cursor) is { } key
            ? (new PageQuery(request.Forwards, request.Size, key), null)
            : (null, new UserError { Field = request.Forwards ? "after" : "before", Code = WebhookErrorCodes.InvalidCursor, Message = "The cursor is not one this list handed out." });
    }

    /// <summary>A page of <paramref name="items"/> in ascending (CreatedAt, Id) order.</summary>
    public static (IReadOnlyList<T> Items, WebhookPageInfo PageInfo) Page<T>(IEnumerable<T> items, Func<T, (DateTimeOffset CreatedAt, Guid Id)> key,
        PageQuery query)
    {
        var ordered = items.OrderBy(i => key(i).CreatedAt).ThenBy(i => key(i).Id).ToList();
        int Compare(T item) => query.From is { } from
            ? key(item).CreatedAt != from.CreatedAt ? key(item).CreatedAt.CompareTo(from.CreatedAt) : key(item).Id.CompareTo(from.Id)
            : 0;
        if (query.Forwards)
        {
            var after = query.From is null ? ordered : ordered.Where(i => Compare(i) > 0).ToList();
            var page = after.Take(query.Size).ToList();
            return (page, Info(page, hasNext: after.Count > query.Size, hasPrevious: query.From is not null && ordered.Any(i => Compare(i) <= 0)));
        }
        var before = query.From is null ? ordered : ordered.Where(i => Compare(i) < 0).ToList();
        var last = before.Skip(Math.Max(0, before.Count - query.Size)).ToList();
        return (last, Info(last, hasNext: query.From is not null && ordered.Any(i => Compare(i) >= 0), hasPrevious: before.Count > query.Size));

        WebhookPageInfo Info(List<T> page, bool hasNext, bool hasPrevious) => new()
        {
            HasNextPage = hasNext,
            HasPreviousPage = hasPrevious,
            StartCursor = page.Count > 0 ? Cursor(key(page[0]).CreatedAt, key(page[0]).Id) : null,
            EndCursor = page.Count > 0 ? Cursor(key(page[^1]).CreatedAt, key(page[^1]).Id) : null,
        };
    }
}
