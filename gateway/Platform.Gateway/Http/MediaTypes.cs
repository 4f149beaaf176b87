using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Http;

/// <summary>The media types of GraphQL over HTTP and how the gateway picks one.</summary>
public static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>application/graphql-response+json when the client accepts it (preferring it at equal quality), else application/json.</summary>
    public static string ForResponse(StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var values) || values.Count == 0)
            return Json;
        double Quality(string mediaType) => values
            .Where(v => v.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(v => v.Quality ?? 1.0)
            .DefaultIfEmpty(-1)
            .Max();
        var graphQL = Quality(GraphQLResponse);
        var json = Math.Max(Quality(Json), Quality("*/*"));
        return graphQL > 0 && graphQL >= json ? GraphQLResponse : Json;
    }

    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var value)
        && value.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase);
}
