using System.Text.Json.Nodes;
using Xunit;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>
/// The authorization matrix, cell by cell: every row of <see cref="Matrix.Rows"/> as every kind of caller of
/// <see cref="Callers.All"/>, each on a fresh world. The fake tenant does whatever it is asked (no role rules), so
/// each refusal seen here is the gateway's own.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class AuthorizationMatrixTests(MatrixGatewayFixture gateway)
{
    /// <summary>Text that only an exception or a stack trace would put into a response.</summary>
    static readonly string[] InternalDetail = ["Exception", "   at ", "System.", "MassTransit", "Npgsql", "Platform.Gateway", "Platform.Contracts"];

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var row in Matrix.Rows)
            foreach (var caller in Callers.All)
                cells.Add(row.Name, caller.Name);
        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachCallerGetsExactlyWhatTheMatrixSays(string rowName, string callerName)
    {
        var (row, caller) = (Matrix.Row(rowName), Callers.Named(callerName));
        var expected = (row.ByCaller() ?? throw new InvalidOperationException($"Row '{row.Name}' has no outcome for every caller."))[caller.Name];
        var world = World.Create(gateway);

        var variables = row.Variables(world, caller);
        var response = await gateway.PostAsync(row.Document, variables, caller.Token(world, gateway));

        var cell = $"{row.Name} as {caller.Name} ({caller.Description})";
        Assert.True(response is { Status: 200, Json: not null }, $"{cell}: not a 200 GraphQL response: {response}");
        foreach (var detail in InternalDetail)
            Assert.False(response.Body.Contains(detail, StringComparison.Ordinal), $"{cell}: the response shows internal detail '{detail}': {response.Body}");
        var root = response.Data?[row.Root];
        var target = row.Target is null ? root : At(response.Data, row.Target.Split('.'));
        if (expected != Outcome.NotApplicable)
            Assert.True(Actual(response, target) == Expected(expected), $"{cell}: expected {Expected(expected)}, got {Actual(response, target)}: {response.Body}");
        if (row.Target is not null && expected is Outcome.NotFound or Outcome.Forbidden or Outcome.Unauthenticated)
            RefusedInPlace(response, row.Target.Split('.'), cell);

        if (expected == Outcome.Allowed)
            row.VerifyAllowed(world, caller, root!);
        if (expected != Outcome.Allowed || !caller.SeesWorkspace)
            NothingOfTheWorkspaceIn(response, world, cell);
        if (expected is Outcome.NotFound or Outcome.Forbidden or Outcome.Unauthenticated)
            Assert.True(world.CommandsThatReachedTheTenant().Count == 0,
                $"{cell}: refused, but a command reached the tenant: {string.Join(", ", world.CommandsThatReachedTheTenant())}");
    }

    /// <summary>
    /// The value at a dotted path from data; a number picks an item of a list, and <c>*</c> every item: null when any of
    /// them is null there (a refusal of one item is a refusal), else the first of them (an empty list when there is none).
    /// </summary>
    static JsonNode? At(JsonNode? node, IReadOnlyList<string> path)
    {
        if (path.Count == 0 || node is null)
            return node;
        var (step, rest) = (path[0], path.Skip(1).ToList());
        if (node is JsonArray items)
        {
            if (step != "*")
                return int.TryParse(step, out var index) && index >= 0 && index < items.Count ? At(items[index], rest) : null;
            var values = items.Select(item => At(item, rest)).ToList();
            return values.Any(v => v is null) ? null : values.FirstOrDefault() ?? new JsonArray();
        }
        return node is JsonObject fields ? At(fields[step], rest) : null;
    }

    /// <summary>
    /// A refusal stays where it is: every error is at the target or at a field above it (the root field, for a caller
    /// refused there), and whatever holds the refused field is present (a nullable field refused on its own nulls nothing else).
    /// </summary>
    static void RefusedInPlace(Response response, IReadOnlyList<string> target, string cell)
    {
        foreach (var error in response.Errors)
        {
            if (error?["path"] is not JsonArray pathNode)
                continue;
            var path = pathNode.Select(p => p!.ToString()).ToList();
            Assert.True(path.Count <= target.Count && path.Select((step, i) => target[i] == "*" ? int.TryParse(step, out _) : target[i] == step).All(x => x),
                $"{cell}: an error at {string.Join('.', path)}, not at {string.Join('.', target)} or above it: {response.Body}");
            if (path.Count > 1)
                Assert.True(At(response.Data, path.Take(path.Count - 1).ToList()) is not null,
                    $"{cell}: the refusal at {string.Join('.', path)} took what holds it with it: {response.Body}");
        }
    }

    static string Expected(Outcome outcome) => outcome switch
    {
        Outcome.Allowed => "ALLOWED",
        Outcome.NotFound => "NOT_FOUND",
        Outcome.Forbidden => "FORBIDDEN",
        Outcome.Unauthenticated => "UNAUTHENTICATED",
        _ => "NOT_APPLICABLE",
    };

    /// <summary>ALLOWED (data, no error), the one error code of a refusal with no data, or what else came back.</summary>
    static string Actual(Response response, JsonNode? root)
    {
        var codes = response.ErrorCodes.Distinct().ToList();
        return (codes, root) switch
        {
            ([], not null) => "ALLOWED",
            ([var code], null) when code is not null => code,
            _ => $"data {(root is null ? "null" : "present")} with errors [{string.Join(", ", codes)}]",
        };
    }

    /// <summary>Outside extensions.cost, the body names nothing of the workspace: no id, name, slug, namespace, member, invitation, balance or cluster.</summary>
    internal static void NothingOfTheWorkspaceIn(Response response, World world, string cell)
    {
        var body = response.Json!.DeepClone().AsObject();
        body.Remove("extensions");
        var text = body.ToJsonString();
        var leaked = world.Secrets.Where(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(leaked.Count == 0, $"{cell}: the response shows {string.Join(", ", leaked)}: {response.Body}");
    }
}
