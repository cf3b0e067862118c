// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.NotFound;

/// <summary>
/// Every /api path no other function takes (routing prefers any other route to a catch-all): a 404
/// problem, or a 405 problem with Allow when the path is a route of another method. Without it the
/// host would answer with an empty body.
/// </summary>
public sealed class NotFoundFunction
{
    public const string Name = "NotFound";

    [Function(Name), ExcludeFromDescription]
    public IResult Answer([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", Route = "api/{*path}")] HttpRequest request)
    {
        var allowed = HttpFunctionCatalog.MethodsFor(request.Path, except: Name);
        if (allowed.Count == 0) return ApiProblem.NotFound("No such route", "เส้นทาง (URL) นี้").ToResult();
        request.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        return ApiProblem.Field(StatusCodes.Status405MethodNotAllowed, "$method", ErrorCodes.MethodNotAllowed,
            "เส้นทางนี้ไม่รองรับวิธีการ (HTTP method) นี้", "This route does not allow this HTTP method.").ToResult();
    }
}
