// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>Where the web form lives in the checkout, and how the test host serves it.</summary>
public static class WebForm
{
    public const string BasePath = "/api/app";

    public static string SourceFolder => Path.Combine(RepoPaths.RepoRoot, "functions", "ItaServerless.Functions", "wwwroot");

    /// <summary>
    /// Serves the form's source folder at /api/app/ (so the tests see the files being edited).
    /// TODO(lead): drop this once the app serves wwwroot at /api/app/ itself; the tests then check the real route.
    /// </summary>
    public static void Serve(IApplicationBuilder app, string webRoot)
    {
        var files = new PhysicalFileProvider(webRoot);
        app.Map(BasePath, branch =>
        {
            branch.Use(async (context, next) =>
            {
                // "/api/app" → "/api/app/" so that the page's relative URLs resolve under it.
                if (context.Request.Path == PathString.Empty)
                {
                    context.Response.Redirect(BasePath + "/");
                    return;
                }
                await next(context);
            });
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            branch.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
            });
        });
    }
}
