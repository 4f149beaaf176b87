using System.Text.Json.Nodes;
using Platform.Contracts.Tenants;
using Xunit;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>
/// Paging never crosses a workspace or a caller: walked one item at a time a connection yields exactly its own items,
/// and a cursor is no key: replayed by someone else, or on another workspace, it yields only what that caller may see there.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class ConnectionIsolationTests(MatrixGatewayFixture gateway)
{
    /// <summary>How to page one connection, the matrix row that decides who may, and which items a caller may get from it.</summary>
    sealed record Paging(string Row, string Root, string Field, string Document, bool ByWorkspace, Func<World, Person, IReadOnlyList<string>> ItemsFor)
    {
        public object Variables(Guid workspaceId, int first, string? after) =>
            ByWorkspace ? new { id = workspaceId, first, after } : new { first, after };

        public JsonNode? Connection(Response response) => response.Data?[Root]?[Field];
    }

    const string PageFields = "totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key: ";

    static readonly IReadOnlyDictionary<string, Paging> Connections = new Dictionary<string, Paging>
    {
        ["Workspace.members"] = new("workspace(id).members", "workspace", "members",
            $"query($id: ID!, $first: Int!, $after: String) {{ workspace(id: $id) {{ members(first: $first, after: $after) {{ {PageFields}userId email }} }} }} }} }}",
            true, (w, _) => w.Members.Select(m => m.UserId.ToString()).ToList()),
        ["Workspace.invitations"] = new("workspace(id).invitations", "workspace", "invitations",
            $"query($id: ID!, $first: Int!, $after: String) {{ workspace(id: $id) {{ invitations(first: $first, after: $after) {{ {PageFields}id email }} }} }} }} }}",
            true, (w, _) => w.Invitations.Select(i => i.Id.ToString()).ToList()),
        ["User.workspaces"] = new("me.workspaces", "me", "workspaces",
            $"query($first: Int!, $after: String) {{ me {{ workspaces(first: $first, after: $after) {{ {PageFields}id name }} }} }} }} }}",
            false, (w, p) => (w.Members.Contains(p) ? [p.OwnWorkspaceId, w.WorkspaceId] : new[] { p.OwnWorkspaceId }).Distinct().Select(id => id.ToString()).ToList()),
        ["User.invitations"] = new("me.invitations (one into the lobby for the caller, two into the workspace for others)", "me", "invitations",
            $"query($first: Int!, $after: String) {{ me {{ invitations(first: $first, after: $after) {{ {PageFields}id email }} }} }} }} }}",
            false, (w, p) => w.LobbyInvitations.Where(i => i.Email == p.Email).Select(i => i.Id.ToString()).ToList()),
    };

    /// <summary>The world's viewer also belongs to a neighbour workspace (with members and invitations of its own) and is invited twice; others are invited too.</summary>
    (World World, World Neighbour) TwoWorkspaces()
    {
        var (world, neighbour) = (World.Create(gateway), World.Create(gateway));
        gateway.Fakes.AddMember(neighbour.WorkspaceId, world.Viewer.UserId, WorkspaceRoles.Viewer);
        foreach (var person in new[] { world.Viewer, world.Viewer, world.Owner, world.Owner, neighbour.Viewer })
            world.InviteToLobby(person.Email);
        return (world, neighbour);
    }

    /// <summary>Every page of first: 1 from the start to the end; the keys in order, and the bodies.</summary>
    async Task<(List<string> Keys, List<Response> Pages)> WalkAsync(Paging paging, Guid workspaceId, string token)
    {
        var (keys, pages) = (new List<string>(), new List<Response>());
        string? after = null;
        for (var page = 0; page < 50; page++)
        {
            var response = (await gateway.PostAsync(paging.Document, paging.Variables(workspaceId, 1, after), token)).Clean();
            Assert.True(response.Errors.Count == 0, response.Body);
            pages.Add(response);
            var connection = paging.Connection(response)!;
            var edges = connection["edges"]!.AsArray();
            Assert.True(edges.Count <= 1, response.Body);
            keys.AddRange(edges.Select(e => e!["node"]!["key"]!.GetValue<string>()));
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
                return (keys, pages);
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        throw new InvalidOperationException($"{paging.Field} did not end after 50 pages.");
    }

    public static TheoryData<string> ConnectionNames() => [.. Connections.Keys];

    [Theory]
    [MemberData(nameof(ConnectionNames))]
    public async Task GivenTwoWorkspaces_WhenAMemberPagesAConnectionOneItemAtATime_ThenTheyGetEachOfItsItemsOnceAndNothingElse(string name)
    {
        var paging = Connections[name];
        var (world, neighbour) = TwoWorkspaces();
        // The members of a workspace are read by its viewer, its invitations by its manager; me.* by the viewer who is in both.
        var reader = paging.Field == "invitations" && paging.ByWorkspace ? world.Manager : world.Viewer;

        var (keys, pages) = await WalkAsync(paging, world.WorkspaceId, reader.Token);

        IReadOnlyList<string> expected = name == "User.workspaces"
            ? [.. paging.ItemsFor(world, reader), neighbour.WorkspaceId.ToString()]
            : paging.ItemsFor(world, reader);
        Assert.Equal(expected.Order(), keys.Order());
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.True(keys.Count >= 2, "a walk of one page proves nothing");
        Assert.All(pages, page => Assert.Equal(keys.Count, paging.Connection(page)!["totalCount"]!.GetValue<int>()));
        if (paging.ByWorkspace)
            Assert.All(pages, page => AuthorizationMatrixTests.NothingOfTheWorkspaceIn(page, neighbour, $"{name}, page of {world.Name}"));
    }

    public static TheoryData<string, string> Replays()
    {
        var replays = new TheoryData<string, string>();
        foreach (var name in Connections.Keys)
            foreach (var caller in Callers.All.Where(c => c.Name != "owner"))
                replays.Add(name, caller.Name);
        return replays;
    }

    [Theory]
    [MemberData(nameof(Replays))]
    public async Task GivenACursorOfTheOwner_WhenAnotherCallerReplaysIt_ThenTheyGetOnlyWhatTheMatrixAllowsThem(string name, string callerName)
    {
        var (paging, caller) = (Connections[name], Callers.Named(callerName));
        var world = World.Create(gateway);
        world.InviteToLobby(world.Owner.Email);
        world.InviteToLobby(world.Owner.Email);
        var first = (await gateway.PostAsync(paging.Document, paging.Variables(world.WorkspaceId, 1, null), world.Owner.Token)).Clean();
        var cursor = paging.Connection(first)!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var replay = (await gateway.PostAsync(paging.Document, paging.Variables(world.WorkspaceId, 10, cursor), caller.Token(world, gateway))).Clean();

        var expected = Matrix.Row(paging.Row).ByCaller()![caller.Name];
        var cell = $"{name} after the owner's cursor, as {caller.Name}";
        if (expected == Outcome.Allowed)
        {
            Assert.True(replay.Errors.Count == 0, $"{cell}: {replay.Body}");
            var keys = paging.Connection(replay)!["edges"]!.AsArray().Select(e => e!["node"]!["key"]!.GetValue<string>()).ToList();
            var theirs = paging.ItemsFor(world, caller.Subject(world)!);
            Assert.True(keys.All(theirs.Contains), $"{cell}: got items not theirs: {replay.Body}");
            if (!caller.IsMember)
                AuthorizationMatrixTests.NothingOfTheWorkspaceIn(replay, world, cell);
        }
        else
        {
            // Refused on the root field, or (a connection refused on its own) on the connection alone.
            Assert.Null(paging.Connection(replay));
            Assert.Equal([expected switch { Outcome.NotFound => "NOT_FOUND", Outcome.Forbidden => "FORBIDDEN", _ => "UNAUTHENTICATED" }],
                replay.ErrorCodes.Distinct());
            AuthorizationMatrixTests.NothingOfTheWorkspaceIn(replay, world, cell);
        }
    }

    [Theory]
    [InlineData("Workspace.members")]
    [InlineData("Workspace.invitations")]
    public async Task GivenACursorFromOneWorkspace_WhenTheOwnerOfAnotherPagesTheirsWithIt_ThenOnlyTheirItemsComeBack(string name)
    {
        var paging = Connections[name];
        var (world, neighbour) = (World.Create(gateway), World.Create(gateway));
        var first = (await gateway.PostAsync(paging.Document, paging.Variables(world.WorkspaceId, 1, null), world.Owner.Token)).Clean();
        var cursor = paging.Connection(first)!["pageInfo"]!["endCursor"]!.GetValue<string>();

        var replay = (await gateway.PostAsync(paging.Document, paging.Variables(neighbour.WorkspaceId, 100, cursor), neighbour.Owner.Token)).Clean();

        Assert.True(replay.Errors.Count == 0, replay.Body);
        var keys = paging.Connection(replay)!["edges"]!.AsArray().Select(e => e!["node"]!["key"]!.GetValue<string>()).ToList();
        Assert.All(keys, key => Assert.Contains(key, paging.ItemsFor(neighbour, neighbour.Owner)));
        AuthorizationMatrixTests.NothingOfTheWorkspaceIn(replay, world, $"{name} of the neighbour after a cursor of the world");
    }
}
