using System.Text.Json.Nodes;
using Xunit;

namespace Platform.Gateway.Tests.AuthorizationMatrix;

/// <summary>
/// The matrix is complete by construction: the served schema is read by introspection, and every root field and every
/// connection reachable from the roots needs a row with an outcome for every kind of caller. A field added without an
/// authorization decision in <see cref="Matrix.Rows"/> fails here.
/// </summary>
[Collection(MatrixCollection.Name)]
public sealed class MatrixCompletenessTests(MatrixGatewayFixture gateway)
{
    const string Introspection = """
        { __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { name kind fields(includeDeprecated: true) { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } }
        } }
        """;

    sealed record ServedSchema(IReadOnlyList<string> Roots, IReadOnlyDictionary<string, JsonNode> Types)
    {
        public IEnumerable<JsonNode> Fields(string type) => Types[type]["fields"] is JsonArray fields ? fields.Select(f => f!) : [];

        public static string Named(JsonNode type) => type["ofType"] is { } inner ? Named(inner) : type["name"]!.GetValue<string>();

        /// <summary>A Relay connection: an object with edges and pageInfo.</summary>
        public bool IsConnection(JsonNode field)
        {
            var names = Fields(Named(field["type"]!)).Select(f => f["name"]!.GetValue<string>()).ToHashSet();
            return names.Contains("edges") && names.Contains("pageInfo");
        }

        /// <summary>Query.me, Mutation.signUp, ... and Workspace.members, User.workspaces, ...: what needs a row.</summary>
        public IReadOnlyList<string> CoordinatesNeedingARow()
        {
            var reachable = new HashSet<string>();
            var queue = new Queue<string>(Roots);
            while (queue.TryDequeue(out var type))
            {
                if (!reachable.Add(type))
                    continue;
                foreach (var field in Fields(type))
                    if (Types[Named(field["type"]!)]["kind"]!.GetValue<string>() is "OBJECT" or "INTERFACE" or "UNION")
                        queue.Enqueue(Named(field["type"]!));
            }
            return Roots.SelectMany(root => Fields(root).Select(f => $"{root}.{f["name"]}"))
                .Concat(reachable.Except(Roots).SelectMany(type => Fields(type).Where(IsConnection).Select(f => $"{type}.{f["name"]}")))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    async Task<ServedSchema> ServedAsync()
    {
        var response = (await gateway.PostAsync(Introspection)).Clean();
        Assert.True(response.Errors.Count == 0, response.Body);
        var schema = response.Data!["__schema"]!;
        var roots = new[] { "queryType", "mutationType", "subscriptionType" }.Select(r => schema[r]?["name"]?.GetValue<string>()).OfType<string>().ToList();
        return new ServedSchema(roots, schema["types"]!.AsArray().ToDictionary(t => t!["name"]!.GetValue<string>(), t => t!));
    }

    [Fact]
    public async Task TheMatrixHasARowForEveryRootFieldAndConnectionOfTheServedSchema()
    {
        var schema = await ServedAsync();

        var needed = schema.CoordinatesNeedingARow();
        var covered = Matrix.Rows.SelectMany(r => r.Covers).ToHashSet();

        Assert.Contains("Query.workspace", needed);
        Assert.Contains("Workspace.members", needed);
        var missing = needed.Where(c => !covered.Contains(c)).ToList();
        Assert.True(missing.Count == 0,
            $"No authorization decision for {string.Join(", ", missing)}: add a row to AuthorizationMatrix/Matrix.cs with an operation " +
            "touching it and the outcome of every kind of caller.");
        var known = schema.Types.Keys.SelectMany(type => schema.Fields(type).Select(f => $"{type}.{f["name"]}")).ToHashSet();
        var stale = covered.Where(c => !known.Contains(c)).ToList();
        Assert.True(stale.Count == 0, $"Rows of the matrix stand for {string.Join(", ", stale)}, which the served schema does not have.");
    }

    [Fact]
    public async Task TheMatrixReadsEveryFieldOfWorkspace()
    {
        var schema = await ServedAsync();

        var fields = schema.Fields("Workspace").Where(f => !schema.IsConnection(f)).Select(f => f["name"]!.GetValue<string>()).Order().ToList();
        var ownRows = Matrix.Rows.SelectMany(r => r.Covers).Where(c => c.StartsWith("Workspace.", StringComparison.Ordinal)).Select(c => c["Workspace.".Length..]);
        var selected = Matrix.WorkspaceFields.Select(f => f.Split(' ')[0]).Concat(ownRows).Distinct().Order().ToList();

        Assert.True(fields.All(selected.Contains),
            $"Workspace has [{string.Join(", ", fields)}], the matrix reads [{string.Join(", ", selected)}]: add the new field to " +
            "Matrix.WorkspaceFields (or a row of its own when some callers are refused it) so that every caller's access to it is checked.");
    }

    [Fact]
    public void EveryRowHasAUniqueNameAndOneKnownOutcomeForEachKindOfCaller()
    {
        var incomplete = Matrix.Rows.Where(r => r.ByCaller() is null).Select(r => r.Name).ToList();

        Assert.True(incomplete.Count == 0,
            $"These rows do not have one outcome (A, N, F, U or -) for each of the {Callers.All.Count} callers " +
            $"({string.Join(" ", Callers.All.Select(c => c.Name))}): {string.Join("; ", incomplete)}");
        Assert.Equal(Matrix.Rows.Count, Matrix.Rows.Select(r => r.Name).Distinct().Count());
        Assert.Equal(Callers.All.Count, Callers.All.Select(c => c.Name).Distinct().Count());
    }
}
