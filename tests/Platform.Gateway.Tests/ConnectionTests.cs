using System.Text.Json.Nodes;
using Platform.Gateway.Connections;
using Xunit;

namespace Platform.Gateway.Tests;

public sealed class CursorPagingTests
{
    static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    sealed record Item(DateTimeOffset CreatedAt, Guid Id);

    static List<Item> Items(int count) =>
        Enumerable.Range(0, count).Select(i => new Item(Start.AddMinutes(i), Guid.NewGuid())).ToList();

    static CursorKey Key(Item item) => new(item.CreatedAt, item.Id);

    static PageRequest Page(int? first = null, string? after = null, int? last = null, string? before = null) =>
        ConnectionFields.Read(first, after, last, before).Page!;

    [Fact]
    public void GivenFiveItems_WhenPagingForwardByTwo_ThenEveryItemOnceInKeyOrder()
    {
        var items = Items(5);
        var shuffled = items.OrderBy(_ => Guid.NewGuid()).ToList();
        var seen = new List<Item>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = Connection<Item>.Slice(shuffled, Key, Page(first: 2, after: after));
            seen.AddRange(page.Nodes);
            pages++;
            Assert.Equal(5, page.TotalCount);
            Assert.Equal(after is not null, page.PageInfo.HasPreviousPage);
            if (!page.PageInfo.HasNextPage)
                break;
            after = page.PageInfo.EndCursor;
        }

        Assert.Equal(3, pages);
        Assert.Equal(items, seen);
    }

    [Fact]
    public void GivenFiveItems_WhenPagingBackwardByTwo_ThenLastItemsFirst()
    {
        var items = Items(5);

        var last = Connection<Item>.Slice(items, Key, Page(last: 2));
        var before = Connection<Item>.Slice(items, Key, Page(last: 2, before: last.PageInfo.StartCursor));
        var first = Connection<Item>.Slice(items, Key, Page(last: 2, before: before.PageInfo.StartCursor));

        Assert.Equal(items[3..], last.Nodes);
        Assert.True(last.PageInfo.HasPreviousPage);
        Assert.False(last.PageInfo.HasNextPage);
        Assert.Equal(items[1..3], before.Nodes);
        Assert.True(before.PageInfo.HasNextPage);
        Assert.Equal([items[0]], first.Nodes);
        Assert.False(first.PageInfo.HasPreviousPage);
    }

    [Fact]
    public void GivenACursor_WhenAnItemIsAddedAfterwards_ThenTheNextPageDoesNotShift()
    {
        var items = Items(4);
        var firstPage = Connection<Item>.Slice(items, Key, Page(first: 2));
        var secondBefore = Connection<Item>.Slice(items, Key, Page(first: 2, after: firstPage.PageInfo.EndCursor));

        items.Add(new Item(Start.AddMinutes(10), Guid.NewGuid()));
        // Removing an item of the first page does not shift it either: the cursor is a key, not an offset.
        items.RemoveAt(0);
        var secondAfter = Connection<Item>.Slice(items, Key, Page(first: 2, after: firstPage.PageInfo.EndCursor));

        Assert.Equal(secondBefore.Nodes, secondAfter.Nodes);
        Assert.True(secondAfter.PageInfo.HasNextPage);
    }

    [Fact]
    public void CursorsAreOpaqueAndRoundTrip()
    {
        var key = new CursorKey(Start.AddTicks(123), Guid.NewGuid());

        var cursor = Cursor.Encode(key);

        Assert.Equal(key, Cursor.Decode(cursor));
        Assert.DoesNotContain(key.Id.ToString("N"), cursor);
        Assert.Null(Cursor.Decode("bm90IGEgY3Vyc29y"));
        Assert.Null(Cursor.Decode("%%%"));
        Assert.Null(Cursor.Decode(""));
    }

    [Theory]
    [InlineData(null, null, "INVALID_PAGINATION")]
    [InlineData(0, null, "INVALID_PAGINATION")]
    [InlineData(-1, null, "INVALID_PAGINATION")]
    [InlineData(101, null, "PAGINATION_LIMIT")]
    [InlineData(null, 101, "PAGINATION_LIMIT")]
    [InlineData(5, 5, "INVALID_PAGINATION")]
    [InlineData(100, null, null)]
    [InlineData(null, 1, null)]
    public void PageSizeMustBeOneOfFirstOrLastUpToAHundred(int? first, int? last, string? code) =>
        Assert.Equal(code, ConnectionFields.Read(first, null, last, null).Error?.Code);
}

[Collection(GatewayCollection.Name)]
public sealed class WorkspaceConnectionTests(GatewayFixture gateway)
{
    const string Page = """
        query($first: Int, $after: String, $last: Int, $before: String) {
          me { workspaces(first: $first, after: $after, last: $last, before: $before) {
            totalCount
            edges { cursor node { id name } }
            nodes { id }
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          } }
        }
        """;

    [Fact]
    public async Task GivenFourWorkspaces_WhenPagingByTwo_ThenTwoPagesInCreationOrderThatDoNotShiftWhenOneIsAdded()
    {
        var token = await SignUpWithWorkspacesAsync(gateway, "w0", "w1", "w2", "w3");

        var first = await WorkspacesAsync(new { first = 2 }, token);
        var second = await WorkspacesAsync(new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token);
        await CreateWorkspaceAsync(gateway, token, "w4");
        var secondAgain = await WorkspacesAsync(new { first = 2, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, token);
        var third = await WorkspacesAsync(new { first = 2, after = secondAgain["pageInfo"]!["endCursor"]!.GetValue<string>() }, token);

        Assert.Equal(["w0", "w1"], Names(first));
        Assert.Equal(4, first["totalCount"]!.GetValue<int>());
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(first["edges"]![0]!["cursor"]!.GetValue<string>(), first["pageInfo"]!["startCursor"]!.GetValue<string>());
        Assert.Equal(first["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()),
            first["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
        Assert.Equal(["w2", "w3"], Names(second));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(second["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(["w2", "w3"], Names(secondAgain));
        Assert.True(secondAgain["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(["w4"], Names(third));
        Assert.Equal(5, third["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task GivenThreeWorkspaces_WhenPagingBackward_ThenLastFirst()
    {
        var token = await SignUpWithWorkspacesAsync(gateway, "w0", "w1", "w2");

        var last = await WorkspacesAsync(new { last = 2 }, token);
        var before = await WorkspacesAsync(new { last = 2, before = last["pageInfo"]!["startCursor"]!.GetValue<string>() }, token);

        Assert.Equal(["w1", "w2"], Names(last));
        Assert.True(last["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(["w0"], Names(before));
        Assert.False(before["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.True(before["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("{ me { workspaces { nodes { id } } } }", "INVALID_PAGINATION")]
    [InlineData("{ me { workspaces(first: 101) { nodes { id } } } }", "PAGINATION_LIMIT")]
    [InlineData("{ me { workspaces(last: 1000) { nodes { id } } } }", "PAGINATION_LIMIT")]
    [InlineData("{ me { workspaces(first: 1, last: 1) { nodes { id } } } }", "INVALID_PAGINATION")]
    [InlineData("{ me { workspaces(first: 1, after: \"not-a-cursor\") { nodes { id } } } }", "INVALID_CURSOR")]
    public async Task GivenUnusablePagingArguments_ThenRefusedBeforeExecution(string query, string code)
    {
        var token = await SignUpWithWorkspacesAsync(gateway, "w0");

        var response = (await gateway.PostAsync(query, token: token)).Clean();

        response.HasErrorCode(code);
        Assert.Null(response.Data);
    }

    [Fact]
    public async Task GivenPageSizeInAVariable_WhenTooLarge_ThenPaginationLimit()
    {
        var token = await SignUpWithWorkspacesAsync(gateway, "w0");

        var response = (await gateway.PostAsync("query($n: Int) { me { workspaces(first: $n) { nodes { id } } } }", new { n = 500 }, token)).Clean();

        response.HasErrorCode("PAGINATION_LIMIT");
        Assert.Null(response.Data);
    }

    async Task<JsonNode> WorkspacesAsync(object variables, string token)
    {
        var response = (await gateway.PostAsync(Page, variables, token)).Clean();
        Assert.Empty(response.Errors);
        return response.Data!["me"]!["workspaces"]!;
    }

    static IEnumerable<string> Names(JsonNode connection) =>
        connection["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>());

    /// <summary>Signs up with the first workspace and creates the others, one after another; returns the token.</summary>
    internal static async Task<string> SignUpWithWorkspacesAsync(GatewayFixture gateway, string first, params string[] more)
    {
        var response = await gateway.PostAsync(
            "mutation($i: SignUpInput!) { signUp(input: $i) { accessToken userErrors { code } } }",
            new { i = new { email = $"pager-{Guid.NewGuid():N}@example.com", password = "a-long-enough-password", displayName = "Pager", workspaceName = first } });
        var token = response.Data!["signUp"]!["accessToken"]!.GetValue<string>();
        foreach (var name in more)
            await CreateWorkspaceAsync(gateway, token, name);
        return token;
    }

    static async Task CreateWorkspaceAsync(GatewayFixture gateway, string token, string name)
    {
        var response = (await gateway.PostAsync("mutation($i: CreateWorkspaceInput!) { createWorkspace(input: $i) { userErrors { code } } }",
            new { i = new { name } }, token)).Clean();
        Assert.Empty(response.Data!["createWorkspace"]!["userErrors"]!.AsArray());
    }
}
