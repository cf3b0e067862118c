// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Metadata;
using ItaServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.Functions.Health;

/// <summary>GET /api/health: 200 while the app answers, with the state of the Heartbeat timer.</summary>
public sealed class HealthFunction : IHttpFunction
{
    public static string FunctionName => "Health";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/health", GetAsync).WithName(FunctionName);

    private static async Task<IResult> GetAsync(
        RuntimeBlobStore store, FunctionCatalog catalog, IOptions<FunctionsAppOptions> options, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var mode = options.Value.UnderFunctionsHost ? "functions-host" : "local-runtime";
        object heartbeat;
        try
        {
            var record = (await store.ReadJsonAsync<HeartbeatRecord>(HeartbeatFunction.Container, HeartbeatFunction.BlobName, ct))?.Value;
            heartbeat = record is null ? new { status = "never-run" } : Describe(record, catalog, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger<HealthFunction>().LogWarning(e, "Health: heartbeat record unreadable");
            heartbeat = new { status = "storage-unavailable" };
        }
        return Results.Ok(new { status = "ok", mode, heartbeat });
    }

    private static object Describe(HeartbeatRecord record, FunctionCatalog catalog, DateTimeOffset now)
    {
        // Late when the run after the last one should have happened more than a minute ago.
        var schedule = (catalog.Find(HeartbeatFunction.FunctionName)?.Trigger as TimerTriggerBinding)?.Schedule;
        var last = new DateTimeOffset(DateTime.SpecifyKind(record.LastRunUtc, DateTimeKind.Utc));
        var late = schedule is not null && schedule.NextAfter(last) + TimeSpan.FromMinutes(1) < now;
        return new
        {
            status = late ? "late" : "ok",
            lastRunUtc = last,
            ageSeconds = (long)(now - last).TotalSeconds,
            record.IsPastDue,
        };
    }
}
