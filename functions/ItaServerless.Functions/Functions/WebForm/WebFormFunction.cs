// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ItaServerless.Functions.Functions.WebForm;

/// <summary>
/// The Thai web form: the static files of wwwroot/ at /api/app/ (under the Functions host too,
/// where only /api routes reach the app). Locally, / redirects here.
/// </summary>
public sealed class WebFormFunction : IHttpFunction
{
    public static string FunctionName => "WebForm";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly Lazy<IFileProvider> Files = new(() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
            ? new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
            : new NullFileProvider());

    public static void Map(IEndpointRouteBuilder routes)
    {
        // Routing matches "/api/app/" here too (a trailing slash is ignored): only the bare path redirects.
        routes.MapGet("/api/app", (HttpContext context) => context.Request.Path.Value!.EndsWith('/')
            ? Serve(null, context)
            : Results.Redirect("/api/app/")).ExcludeFromDescription();
        routes.MapGet("/api/app/{*path}", Serve).ExcludeFromDescription();
    }

    private static IResult Serve(string? path, HttpContext context)
    {
        var file = Files.Value.GetFileInfo(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (!file.Exists || file.IsDirectory) return ApiProblem.NotFound("No such file", "ไฟล์นี้").ToResult();
        if (!ContentTypes.TryGetContentType(file.Name, out var contentType)) contentType = "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            contentType += "; charset=utf-8";
        // Revalidate every time: a deployment changes the files, and they are small.
        context.Response.Headers.CacheControl = "no-cache";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return Results.File(file.CreateReadStream(), contentType, lastModified: file.LastModified, entityTag: etag);
    }
}
