// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using Azure;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Metadata;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.LocalRuntime;

/// <summary>The body of the admin route, as for the host: for a blob function the input is "container/blob".</summary>
public sealed record AdminInvokeBody([property: JsonPropertyName("input")] string? Input);

/// <summary>
/// <c>POST /admin/functions/{name}</c>: runs a timer or blob function now, like the host's admin
/// API, behind the admin key (header x-functions-key). Unlike the host, it answers when the run
/// is over: 202 with the invocation's answer, or 500 when the function failed.
/// </summary>
public static class AdminEndpoints
{
    public const string KeyHeader = ApiAuthenticator.AdminKeyHeader;

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/functions/{name}", InvokeAsync).ExcludeFromDescription();
        return routes;
    }

    private static async Task<IResult> InvokeAsync(
        string name, HttpContext http, FunctionInvoker invoker, RuntimeBlobStore store, TimerScheduler timers,
        BlobTriggerWatcher blobs, ApiAuthenticator auth, TimeProvider clock, CancellationToken ct)
    {
        if (!auth.IsAdmin(http.Request)) return ApiProblem.Unauthorized().ToResult();
        var function = invoker.Catalog.Find(name);
        if (function is null || !invoker.CanInvoke(function.Name))
            return Results.NotFound(new { error = $"No timer or blob function named \"{name}\"." });

        AdminInvokeBody? body = null;
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var read = await ApiJson.ReadAsync<AdminInvokeBody>(http.Request, ct);
            if (!read.IsOk) return read.Problem!.ToResult();
            body = read.Value;
        }

        InvocationRequest request;
        switch (function.Trigger)
        {
            case TimerTriggerBinding:
                var status = (await timers.ReadStatusAsync(function, ct))?.Value;
                request = PayloadFactory.Timer(function, status, isPastDue: false, clock.GetUtcNow());
                break;
            case BlobTriggerBinding blob:
                var input = body?.Input ?? "";
                var prefix = blob.Path.Container + "/";
                if (!input.StartsWith(prefix, StringComparison.Ordinal) || blob.Path.Match(input[prefix.Length..]) is null)
                    return Results.BadRequest(new { error = $"input must be a blob path matching {blob.Path}." });
                var blobName = input[prefix.Length..];
                var client = store.Blob(blob.Path.Container, blobName);
                try
                {
                    var download = (await client.DownloadContentAsync(cancellationToken: ct)).Value;
                    request = blobs.BuildRequest(function, client, blobName, download);
                }
                catch (RequestFailedException e) when (e.IsNotFound())
                {
                    return Results.NotFound(new { error = $"Blob {input} not found." });
                }
                break;
            default:
                return Results.NotFound();
        }

        var outcome = await invoker.InvokeAsync(function.Name, request, ct);
        return Results.Json(outcome.Response, PayloadJson.Options, statusCode: outcome.Succeeded ? StatusCodes.Status202Accepted : StatusCodes.Status500InternalServerError);
    }
}
