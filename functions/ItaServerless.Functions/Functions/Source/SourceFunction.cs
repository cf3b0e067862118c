// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.Source;

/// <summary>
/// GET /api/source: where the running app's source is (open source, MIT; the form's footer links
/// here). The address is the ITA_SOURCE_URL setting.
/// </summary>
public sealed class SourceFunction : IHttpFunction
{
    public const string DefaultSourceUrl = "https://github.com/ita-serverless/ita-serverless";

    public static string FunctionName => "Source";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/source", (IConfiguration configuration) =>
            Results.Redirect(configuration["ITA_SOURCE_URL"] is { Length: > 0 } url ? url : DefaultSourceUrl))
            .ExcludeFromDescription();
}
