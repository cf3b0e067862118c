// SPDX-License-Identifier: MIT
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Source;

/// <summary>
/// GET /api/source: where the running app's source is (open source, MIT; the form's footer links
/// here). The address is the ITA_SOURCE_URL setting.
/// </summary>
public sealed class SourceFunction(IConfiguration configuration)
{
    public const string DefaultSourceUrl = "https://github.com/ita-serverless/ita-serverless";

    [Function("Source"), ExcludeFromDescription]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/source")] HttpRequest request) =>
        Results.Redirect(configuration["ITA_SOURCE_URL"] is { Length: > 0 } url ? url : DefaultSourceUrl);
}
