using System.Text;

namespace Platform.Gateway.Connections;

/// <summary>
/// The stable sort key behind a cursor: creation time, then id. Items are ordered oldest first, so an item added
/// later lands at the end and never shifts a page someone is walking through.
/// </summary>
public readonly record struct CursorKey(DateTimeOffset CreatedAt, Guid Id) : IComparable<CursorKey>
{
    public int CompareTo(CursorKey other)
    {
        var byTime = CreatedAt.UtcTicks.CompareTo(other.CreatedAt.UtcTicks);
        return byTime != 0 ? byTime : Id.CompareTo(other.Id);
    }
}

/// <summary>Opaque cursors: base64url of a versioned sort key, never an offset.</summary>
public static class Cursor
{
    const string Version = "v1";

    public static string Encode(CursorKey key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}:{key.CreatedAt.UtcTicks}:{key.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key of a cursor this gateway made; null for anything else.</summary>
    public static CursorKey? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 200)
            return null;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
            return null;
        var parts = Encoding.UTF8.GetString(bytes, 0, length).Split(':');
        return parts.Length == 3 && parts[0] == Version
            && long.TryParse(parts[1], out var ticks) && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && Guid.TryParseExact(parts[2], "N", out var id)
                ? new CursorKey(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
    }
}

/// <summary>
/// One page asked for: the first N after a cursor, or the last N before one. Validated and decoded by
/// <see cref="ConnectionFields.PageRequest"/>; a service that pages itself receives it as is.
/// </summary>
public sealed record PageRequest(int? First, CursorKey? After, int? Last, CursorKey? Before)
{
    /// <summary>How many items at most: first or last.</summary>
    public int Size => First ?? Last ?? 0;
}

/// <summary>An item of a page with its cursor.</summary>
public sealed record Edge<T>(string Cursor, T Node);

/// <summary>Where a page is in the whole list.</summary>
public sealed record PageInfo(bool HasNextPage, bool HasPreviousPage, string? StartCursor, string? EndCursor);

/// <summary>A page of a list, Relay style: edges with cursors, page info and the size of the whole list.</summary>
public sealed record Connection<T>(IReadOnlyList<Edge<T>> Edges, PageInfo PageInfo, int TotalCount)
{
    public IEnumerable<T> Nodes => Edges.Select(e => e.Node);

    /// <summary>Pages a whole list in the gateway, ordered by its stable key.</summary>
    public static Connection<T> Slice(IEnumerable<T> all, Func<T, CursorKey> key, PageRequest page)
    {
        var sorted = all.Select(item => (Key: key(item), Item: item)).OrderBy(x => x.Key).ToList();
        var start = 0;
        var end = sorted.Count;
        if (page.After is { } after)
            start = sorted.FindIndex(x => x.Key.CompareTo(after) > 0) is var i && i >= 0 ? i : sorted.Count;
        if (page.Before is { } before)
            end = sorted.FindIndex(x => x.Key.CompareTo(before) >= 0) is var j && j >= 0 ? j : sorted.Count;
        end = Math.Max(start, end);
        if (page.First is { } first)
            end = Math.Min(end, start + first);
        if (page.Last is { } last)
            start = Math.Max(start, end - last);
        var items = sorted.GetRange(start, end - start).Select(x => x.Item).ToList();
        return FromPage(items, key, hasNextPage: end < sorted.Count, hasPreviousPage: start > 0, sorted.Count);
    }

    /// <summary>A page a service already cut (items in key order), with what it knows about the rest.</summary>
    public static Connection<T> FromPage(IReadOnlyList<T> items, Func<T, CursorKey> key, bool hasNextPage, bool hasPreviousPage, int totalCount)
    {
        var edges = items.Select(item => new Edge<T>(Cursor.Encode(key(item)), item)).ToList();
        return new Connection<T>(edges,
            new PageInfo(hasNextPage, hasPreviousPage, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor),
            totalCount);
    }
}
