using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Platform.Gateway.Schema;
using Platform.Gateway.Workspaces;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Gateway.Tests;

public sealed class SchemaTests(ITestOutputHelper output)
{
    static ISchema BuildSchema()
    {
        var services = new ServiceCollection();
        services.AddGraphQL(b => b.AddSchema<PlatformSchema>().AddGraphTypes(typeof(PlatformSchema).Assembly));
        var schema = services.BuildServiceProvider().GetRequiredService<ISchema>();
        schema.Initialize();
        return schema;
    }

    [Fact]
    public void EveryTypeAndFieldOfThePlatformHasADescription()
    {
        var schema = BuildSchema();
        output.WriteLine(schema.Print());

        var ours = schema.AllTypes.Where(t => !t.Name.StartsWith("__") && t is not ScalarGraphType).ToList();
        Assert.Contains(ours, t => t.Name == "Workspace");
        var missing = ours.Where(t => string.IsNullOrWhiteSpace(t.Description)).Select(t => t.Name)
            .Concat(ours.OfType<IComplexGraphType>().SelectMany(t => t.Fields
                .Where(f => string.IsNullOrWhiteSpace(f.Description)).Select(f => $"{t.Name}.{f.Name}")))
            .ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void WorkspaceStatusIsAnEnumOfTheStatesOfAWorkspacesLife()
    {
        var status = Assert.IsAssignableFrom<EnumerationGraphType>(BuildSchema().AllTypes["WorkspaceStatus"]);

        Assert.Equal(["PROVISIONING", "ACTIVE", "FAILED", "DELETING", "DELETED"], status.Values.Select(v => v.Name));
    }

    [Theory]
    [InlineData("PROVISIONING", WorkspaceStatus.Provisioning)]
    [InlineData("Active", WorkspaceStatus.Active)]
    [InlineData("failed", WorkspaceStatus.Failed)]
    [InlineData("DELETING", WorkspaceStatus.Deleting)]
    [InlineData("DELETED", WorkspaceStatus.Deleted)]
    [InlineData("ARCHIVED", null)]
    [InlineData("", null)]
    public void TenantStatusesMapToTheEnum(string reported, WorkspaceStatus? expected) =>
        Assert.Equal(expected, WorkspaceStatusType.Parse(reported));
}
