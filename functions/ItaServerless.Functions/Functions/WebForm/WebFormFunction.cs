// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.FileProviders;

namespace ItaServerless.Functions.Functions.WebForm;

/// <summary>The Thai web form: the static files of wwwroot/ at /api/app/; / leads there.</summary>
public sealed class WebFormFunction
{
    /// <summary>
    /// Only the form's own files run and load (it builds every element in script, with no inline script or style);
    /// it is never framed, and it sends no referrer.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly Lazy<IFileProvider> Files = new(() =>
        Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
            ? new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"))
            : new NullFileProvider());

    /// <summary>The site's root: what a user who types the address should see is the form, not the host's page.</summary>
    [Function("Home"), ExcludeFromDescription]
    public IResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request) =>
        Results.Redirect("/api/app/");

    [Function("WebForm"), ExcludeFromDescription]
    public IResult Serve([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/app/{*path}")] HttpRequest request, string? path)
    {
        // "/api/app" (no slash) would resolve the form's relative links wrongly: redirect it.
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/')) return Results.Redirect("/api/app/");
        var file = Files.Value.GetFileInfo(string.IsNullOrEmpty(path) ? "index.html" : path);
        if (!file.Exists || file.IsDirectory) return ApiProblem.NotFound("No such file", "ไฟล์นี้").ToResult();
        if (!ContentTypes.TryGetContentType(file.Name, out var contentType)) contentType = "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            contentType += "; charset=utf-8";
        var headers = request.HttpContext.Response.Headers;
        // Revalidate every time: a deployment changes the files, and they are small.
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return Results.File(file.CreateReadStream(), contentType, lastModified: file.LastModified, entityTag: etag);
    }
}
