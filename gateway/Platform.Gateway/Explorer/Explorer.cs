using Microsoft.Net.Http.Headers;

namespace Platform.Gateway.Explorer;

/// <summary>
/// GraphiQL in the browser: GET /graphql from a browser (Accept prefers text/html) gets the explorer page, whose
/// scripts and styles (GraphiQL 2.4.7 and React 18.3.1, MIT, copied from npm into assets/) are embedded in the gateway
/// and served under /graphql/explorer/, so it works without internet access.
/// </summary>
public static class ExplorerPage
{
    static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["graphiql.min.js"] = "text/javascript",
        ["graphiql.min.css"] = "text/css",
        ["react.production.min.js"] = "text/javascript",
        ["react-dom.production.min.js"] = "text/javascript",
        ["explorer.js"] = "text/javascript",
        ["THIRD-PARTY-LICENSES.txt"] = "text/plain",
    };

    // GraphiQL sets inline styles and loads its fonts as data: URLs; everything else comes from here.
    const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    /// <summary>True for a GET whose Accept header prefers HTML over JSON: a browser opening the endpoint.</summary>
    public static bool IsWanted(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accept))
            return false;
        double Quality(string type) => accept.Where(v => v.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(v => v.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        var html = Quality("text/html");
        return html > 0 && html > Math.Max(Quality("application/json"), Quality("application/graphql-response+json"));
    }

    public static Task WritePageAsync(HttpContext http)
    {
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.Vary = HeaderNames.Accept;
        return WriteAsync(http, "explorer.html", "text/html");
    }

    /// <summary>Serves the explorer's files at {path}/explorer/{file}.</summary>
    public static WebApplication MapExplorerAssets(this WebApplication app, string path)
    {
        app.MapGet(path + "/explorer/{file}", (HttpContext http, string file) =>
        {
            if (!Assets.TryGetValue(file, out var contentType))
                return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=86400";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Stream(Open(file), contentType + "; charset=utf-8");
        });
        return app;
    }

    static async Task WriteAsync(HttpContext http, string file, string contentType)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType + "; charset=utf-8";
        await using var stream = Open(file);
        await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
    }

    static Stream Open(string file) =>
        typeof(ExplorerPage).Assembly.GetManifestResourceStream("Platform.Gateway.Explorer." + file)
        ?? throw new InvalidOperationException($"The explorer file {file} is not embedded in the gateway.");
}
