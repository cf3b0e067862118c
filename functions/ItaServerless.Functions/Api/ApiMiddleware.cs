// SPDX-License-Identifier: MIT
using System.Net.Sockets;
using Azure;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ItaServerless.Functions.Api;

/// <summary>
/// The worker middleware around every HTTP function (<see cref="ApiPipeline"/>); timer and blob functions pass straight through.
/// </summary>
public sealed class ApiMiddleware(ILogger<ApiMiddleware> logger) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        await ApiPipeline.RunAsync(http, HttpFunctionCatalog.Find(context.FunctionDefinition.Name), async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        }, answer => context.GetInvocationResult().Value = answer, logger);
    }
}

/// <summary>
/// What runs around an HTTP function, whoever hosts it: the access check of its <see cref="RequiresAttribute"/>,
/// Idempotency-Key on POSTs, and problem bodies for what escapes the function: invalid input → 400,
/// races → 409/412, storage outages → 503 with Retry-After. Anything else is a bug and stays a logged 500.
/// </summary>
public static class ApiPipeline
{
    /// <param name="invoke">Runs the function; gives its return value (an <see cref="IResult"/>).</param>
    /// <param name="answer">Replaces the answer (a refusal, a problem, a stored replay) that the host then writes.</param>
    public static async Task RunAsync(HttpContext http, HttpFunction? function, Func<Task<object?>> invoke, Action<object?> answer, ILogger logger)
    {
        try
        {
            if (await ApiAuthorization.AdmitAsync(http, function) is { } refused)
            {
                answer(refused);
                return;
            }

            if (Idempotency.Applies(http, function)) await http.RequestServices.GetRequiredService<Idempotency>().RunAsync(http, function!, invoke, answer);
            else await invoke();
        }
        catch (Exception e) when (!http.Response.HasStarted && Map(e, http) is { } problem)
        {
            if (problem.Status >= 500) logger.LogWarning(e, "{Method} {Path}: {Status}", http.Request.Method, http.Request.Path, problem.Status);
            answer(problem.ToResult());
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug: a 500 problem with a reference for the log, written here since the host writes nothing for a
            // failed invocation; rethrown so that the invocation counts as failed.
            var reference = ErrorReference.New();
            logger.LogError(e, "{Method} {Path}: unexpected error (reference {Reference})", http.Request.Method, http.Request.Path, reference);
            await ApiProblem.Internal(reference).ToResult().ExecuteAsync(http);
            throw;
        }
    }

    internal static ApiProblem? Map(Exception e, HttpContext context)
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
