// SPDX-License-Identifier: MIT
using System.ComponentModel;
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Storage;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace ItaServerless.Functions.Functions.Health;

/// <summary>GET /api/health: 200 while the app answers, with the state of the Heartbeat timer.</summary>
[Description("Whether the app and its storage answer.")]
public sealed class HealthFunction(IServiceProvider services, TimeProvider clock, ILogger<HealthFunction> logger)
{
    private static readonly CrontabSchedule HeartbeatSchedule =
        CrontabSchedule.Parse(HeartbeatFunction.Schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    [Function("Health")]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request, CancellationToken ct)
    {
        object heartbeat;
        try
        {
            // Resolved here, not in the constructor: /api/health answers even when storage is not configured.
            var store = services.GetRequiredService<AppBlobStore>();
            var record = (await store.ReadJsonAsync<HeartbeatRecord>(HeartbeatFunction.Container, HeartbeatFunction.BlobName, ct))?.Value;
            heartbeat = record is null ? new { status = "never-run" } : Describe(record, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Health: heartbeat record unreadable");
            heartbeat = new { status = "storage-unavailable" };
        }
        return Results.Ok(new { status = "ok", mode = "isolated-worker", heartbeat });
    }

    private static object Describe(HeartbeatRecord record, DateTimeOffset now)
    {
        // Late when the run after the last one should have happened more than a minute ago.
        var last = new DateTimeOffset(DateTime.SpecifyKind(record.LastRunUtc, DateTimeKind.Utc));
        var late = HeartbeatSchedule.GetNextOccurrence(last.UtcDateTime) + TimeSpan.FromMinutes(1) < now.UtcDateTime;
        return new
        {
            status = late ? "late" : "ok",
            lastRunUtc = last,
            ageSeconds = (long)(now - last).TotalSeconds,
            record.IsPastDue,
        };
    }
}
