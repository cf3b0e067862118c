// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Storage;

namespace ItaServerless.Functions.Functions.Heartbeat;

/// <summary>The record the Heartbeat timer writes and /api/health reports.</summary>
public sealed record HeartbeatRecord(
    [property: JsonPropertyName("lastRunUtc")] DateTime LastRunUtc,
    [property: JsonPropertyName("isPastDue")] bool IsPastDue,
    [property: JsonPropertyName("nextPlannedUtc")] DateTime? NextPlannedUtc);

/// <summary>Every 5 minutes, proves that timers fire (under the host as well as locally) by writing a heartbeat record.</summary>
public sealed class HeartbeatFunction(RuntimeBlobStore store, TimeProvider clock) : ITriggeredFunction
{
    public const string Container = "ita-system";
    public const string BlobName = "heartbeat/Heartbeat.json";

    public static string FunctionName => "Heartbeat";

    public async Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var timer = invocation.Timer();
        var now = clock.GetUtcNow().UtcDateTime;
        await store.WriteJsonAsync(Container, BlobName, new HeartbeatRecord(now, timer.IsPastDue, timer.ScheduleStatus?.Next), leaseId: null, cancellationToken);
        invocation.Log($"Heartbeat at {now:O}{(timer.IsPastDue ? " (past due)" : "")}");
    }
}
