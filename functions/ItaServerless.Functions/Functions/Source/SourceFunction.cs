// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.Source;

/// <summary>
/// GET /api/source: where the running app's source is (AGPL-3.0-or-later §13 asks a network
/// service to offer it). The address is the ITA_SOURCE_URL setting.
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
