// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Functions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Heartbeat;

/// <summary>The record the Heartbeat timer writes and /api/health reports.</summary>
public sealed record HeartbeatRecord(
    [property: JsonPropertyName("lastRunUtc")] DateTime LastRunUtc,
    [property: JsonPropertyName("isPastDue")] bool IsPastDue,
    [property: JsonPropertyName("nextPlannedUtc")] DateTime? NextPlannedUtc);

/// <summary>Every 5 minutes, proves that timers fire by writing a heartbeat record.</summary>
public sealed class HeartbeatFunction(AppBlobStore store, TimeProvider clock, ILogger<HeartbeatFunction> logger)
{
    public const string Schedule = "0 */5 * * * *";
    public const string Container = "ita-system";
    public const string BlobName = "heartbeat/Heartbeat.json";

    [Function("Heartbeat")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await store.WriteJsonAsync(Container, BlobName, new HeartbeatRecord(now, timer.IsPastDue, timer.ScheduleStatus?.Next), leaseId: null, cancellationToken);
        logger.LogInformation("Heartbeat at {Now:O}{PastDue}", now, timer.IsPastDue ? " (past due)" : "");
    }
}
