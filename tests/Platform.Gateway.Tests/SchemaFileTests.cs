using Xunit;

namespace Platform.Gateway.Tests;

[Collection(GatewayCollection.Name)]
public sealed class SchemaFileTests(GatewayFixture gateway)
{
    const string UpdateVariable = "PLATFORM_UPDATE_SCHEMA";

    [Fact]
    public async Task ServedSchemaMatchesTheCommittedSchemaFile()
    {
        var served = await gateway.SendAsync(HttpMethod.Get, new Uri(gateway.Endpoint + "/schema.graphql"), null);
        Assert.Equal(200, served.Status);
        Assert.Contains("type Query", served.Body);
        var file = Path.Combine(RepositoryRoot(), "gateway", "Platform.Gateway", "schema.graphql");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
            await File.WriteAllTextAsync(file, served.Body);

        var committed = File.Exists(file) ? (await File.ReadAllTextAsync(file)).ReplaceLineEndings("\n") : "";
        Assert.True(committed == served.Body,
            $"The served schema differs from {file}. If the change is intended, regenerate the file with\n" +
            $"  {UpdateVariable}=1 dotnet test tests/Platform.Gateway.Tests --filter {nameof(ServedSchemaMatchesTheCommittedSchemaFile)}\n" +
            "and commit it; partners read it to see what changed.\n" + FirstDifference(committed, served.Body));
    }

    static string FirstDifference(string committed, string served)
    {
        var a = committed.Split('\n');
        var b = served.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of schema)";
            if (left != right)
                return $"First difference at line {i + 1}:\n  file:   {left}\n  served: {right}";
        }
        return "";
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
