using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Platform.Gateway.Http;

/// <summary>
/// The schema as SDL, sorted by name so that it reads the same however types were registered: served at
/// GET /graphql/schema.graphql and committed as gateway/Platform.Gateway/schema.graphql (a test keeps them equal).
/// </summary>
public static class SchemaDocument
{
    public static string Print(ISchema schema) =>
        schema.Print(new PrintOptions
        {
            IncludeDescriptions = true,
            IncludeDeprecationReasons = true,
            StringComparison = StringComparison.Ordinal,
        }).ReplaceLineEndings("\n").TrimEnd() + "\n";

    public static WebApplication MapSchemaDocument(this WebApplication app, string path)
    {
        app.MapGet(path, (ISchema schema) => Results.Text(Print(schema), "text/plain; charset=utf-8"));
        return app;
    }
}
