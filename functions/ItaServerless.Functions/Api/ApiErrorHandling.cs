// SPDX-License-Identifier: MIT
using System.Net.Sockets;
using Azure;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Api;

/// <summary>
/// Turns what escapes an API handler into a problem body: invalid input → 400, races → 409/412,
/// storage outages → 503 with Retry-After. Anything else is a bug and stays a logged 500.
/// </summary>
public sealed class ApiErrorHandling(RequestDelegate next, ILogger<ApiErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentType: null })
            {
                // Routing's own refusals (unknown route, wrong method or media type) carry no body.
                await ForStatus(context.Response.StatusCode).ToResult().ExecuteAsync(context);
            }
        }
        catch (Exception e) when (!context.Response.HasStarted && Map(e, context) is { } problem)
        {
            if (problem.Status >= 500) logger.LogWarning(e, "{Method} {Path}: {Status}", context.Request.Method, context.Request.Path, problem.Status);
            await problem.ToResult().ExecuteAsync(context);
        }
    }

    private static ApiProblem ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => ApiProblem.NotFound("No such route", "เส้นทาง (URL) นี้"),
        StatusCodes.Status405MethodNotAllowed => ApiProblem.Field(status, "$method", ErrorCodes.MethodNotAllowed,
            "เส้นทางนี้ไม่รองรับวิธีการ (HTTP method) นี้", "This route does not allow this HTTP method."),
        StatusCodes.Status415UnsupportedMediaType => ApiProblem.UnsupportedMediaType(),
        StatusCodes.Status401Unauthorized => ApiProblem.Unauthorized(),
        _ => ApiProblem.Field(status, "$request", ErrorCodes.BadRequest, "คำขอไม่ถูกต้อง", "The request was refused."),
    };

    private static ApiProblem? Map(Exception e, HttpContext context)
    {
        switch (e)
        {
            case ValidationException v:
                return ApiProblem.Validation(v.Errors);
            case StaleVersionException:
                return ApiProblem.PreconditionFailed();
            case AlreadyExistsException:
                return ApiProblem.Conflict("$body", ErrorCodes.AlreadyExists, "มีข้อมูลนี้อยู่แล้ว", "This already exists.");
            case EntityNotFoundException:
                return ApiProblem.NotFound("The resource", "ข้อมูลที่ต้องการ");
            case BadHttpRequestException bad:
                return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? ApiProblem.TooLarge(ApiJson.MaxBodyBytes)
                    : ApiProblem.MalformedJson("$body", "The request could not be read.", "อ่านคำขอไม่ได้");
            case WriteContentionException:
            case RequestFailedException r when r.Status is 0 or 408 or 429 or 500 or 502 or 503 or 504:
            case HttpRequestException or SocketException or TimeoutException:
            case OperationCanceledException when !context.RequestAborted.IsCancellationRequested:
                context.Response.Headers.RetryAfter = "5";
                return ApiProblem.StorageUnavailable();
            default:
                return null;
        }
    }
}
