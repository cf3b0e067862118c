// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.FunctionsHost.Blobs;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Keys;
using ItaServerless.FunctionsHost.Timers;

namespace ItaServerless.FunctionsHost.Admin;

/// <summary>
/// The host's admin API, the part this app uses, behind the master key:
/// <c>POST /admin/functions/{name}</c> runs a timer or blob function now (body {"input": "container/blob"}
/// for a blob) and answers 202 at once, as the host does; <c>GET /admin/host/status</c> tells whether
/// the worker is running.
/// </summary>
public static class AdminEndpoints
{
    public const string ManualReason = "This function was programmatically called via the host APIs.";

    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/admin/functions/{name}", InvokeAsync);
        routes.MapGet("/admin/host/status", async (HttpContext http, KeyStore keys, FunctionDispatcher dispatcher, FunctionsHostOptions options) =>
            await keys.IsAuthorizedAsync(http.Request, AuthLevel.Admin, null, http.RequestAborted)
                ? Results.Json(new { id = options.HostId, state = dispatcher.IsReady ? "Running" : "Initialized" })
                : Results.Unauthorized());
        return routes;
    }

    private static async Task<IResult> InvokeAsync(
        string name, HttpContext http, KeyStore keys, FunctionDispatcher dispatcher, TimerScheduler timers, BlobTriggerWatcher blobs,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        if (!await keys.IsAuthorizedAsync(http.Request, AuthLevel.Admin, null, http.RequestAborted)) return Results.Unauthorized();
        if (dispatcher.Find(name) is not { } function) return Results.NotFound();
        string? input = null;
        if (http.Request.ContentLength is > 0)
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
                input = body.RootElement.TryGetProperty("input", out var value) ? value.GetString() : null;
            }
            catch (JsonException)
            {
                return Results.BadRequest(new { error = "The body must be JSON: {\"input\": \"...\"}." });
            }
        }

        Func<CancellationToken, Task<InvocationOutcome>> run;
        switch (function.Trigger)
        {
            case TimerTrigger:
                run = ct => timers.RunNowAsync(function, ManualReason, ct);
                break;
            case BlobTrigger blob:
                var prefix = blob.Path.Container + "/";
                if (input is null || !input.StartsWith(prefix, StringComparison.Ordinal) || blob.Path.Match(input[prefix.Length..]) is null)
                    return Results.BadRequest(new { error = $"input must be a blob path matching {blob.Path.Container}/..." });
                if (await blobs.FindAsync(blob.Path.Container, input[prefix.Length..], http.RequestAborted) is not { } item) return Results.NotFound();
                run = ct => blobs.InvokeAsync(function, item, ManualReason, ct);
                break;
            default:
                return Results.BadRequest(new { error = $"{function.Name} is not a timer or blob function." });
        }
        // Accepted now, run in the background as the host does; the outcome is logged by the dispatcher.
        _ = Task.Run(async () =>
        {
            try
            {
                await run(lifetime.ApplicationStopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                loggers.CreateLogger(typeof(AdminEndpoints)).LogError(e, "Running {Function} from the admin API failed", function.Name);
            }
        });
        return Results.Accepted();
    }
}
