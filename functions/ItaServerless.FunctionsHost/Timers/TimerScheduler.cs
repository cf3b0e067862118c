// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Serialization;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Storage;
using ItaServerless.Storage.Blobs;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Timers;

/// <summary>The monitor record of a timer, stored at azure-webjobs-hosts/timers/{hostId}/{function}/status as by the host.</summary>
public sealed record ScheduleStatus(DateTime Last, DateTime Next, DateTime LastUpdated);

/// <summary>
/// Fires timer functions on their NCRONTAB schedules like the host's timer listener: schedule
/// status in storage, IsPastDue when a slot was missed while down, and a blob lease plus the
/// status check so that one slot runs once even with several hosts.
/// </summary>
public sealed class TimerScheduler(FunctionsHostOptions options, FunctionDispatcher dispatcher, RuntimeBlobStore store, TimeProvider clock, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions PascalCase = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await dispatcher.FirstLoad.WaitAsync(stoppingToken);
            await Task.WhenAll(dispatcher.Functions.Where(f => f.Trigger is TimerTrigger).Select(f => RunForeverAsync(f, stoppingToken)));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunForeverAsync(HostFunction function, CancellationToken stoppingToken)
    {
        var trigger = (TimerTrigger)function.Trigger!;
        await GuardAsync(function, () => StartTimerAsync(function, stoppingToken));
        var last = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = trigger.NextAfter(last);
            var wait = next - clock.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stoppingToken);
            await GuardAsync(function, () => RunSlotAsync(function, next, isPastDue: false, stoppingToken));
            last = next;
        }
    }

    /// <summary>
    /// At start: records the first status, or runs once with IsPastDue when the planned next run
    /// passed while the host was down (once however many slots were missed, like the host), and
    /// runs once when runOnStartup is set.
    /// </summary>
    public async Task<bool> StartTimerAsync(HostFunction function, CancellationToken cancellationToken)
    {
        var trigger = (TimerTrigger)function.Trigger!;
        var now = clock.GetUtcNow();
        var status = trigger.UseMonitor ? (await ReadStatusAsync(function, cancellationToken))?.Value : null;
        if (trigger.UseMonitor && status is null)
        {
            await store.GetOrCreateJsonAsync(RuntimePaths.HostsContainer, RuntimePaths.TimerStatus(options.HostId, function.Name),
                () => new ScheduleStatus(DateTime.MinValue, trigger.NextAfter(now).UtcDateTime, now.UtcDateTime), cancellationToken);
        }
        else if (status is not null && Utc(status.Next) <= now)
        {
            logger.LogInformation("Timer {Function} missed its run at {Next:u}: running now, past due", function.Name, status.Next);
            return await RunSlotAsync(function, Utc(status.Next), isPastDue: true, cancellationToken);
        }
        return trigger.RunOnStartup && await RunSlotAsync(function, now, isPastDue: false, cancellationToken);
    }

    /// <summary>Runs <paramref name="slot"/> unless another host holds the timer's lock or already ran it; true when this call ran it.</summary>
    public async Task<bool> RunSlotAsync(HostFunction function, DateTimeOffset slot, bool isPastDue, CancellationToken cancellationToken)
    {
        var trigger = (TimerTrigger)function.Trigger!;
        var lease = await store.TryAcquireLeaseAsync(RuntimePaths.HostsContainer, RuntimePaths.TimerLock(options.HostId, function.Name), LeaseDuration, cancellationToken);
        if (lease is null)
        {
            logger.LogDebug("Timer {Function} slot {Slot:u} is being run by another host", function.Name, slot);
            return false;
        }
        return await RuntimeBlobStore.HoldingAsync(lease, LeaseDuration, async () =>
        {
            var status = (await ReadStatusAsync(function, cancellationToken))?.Value;
            if (status is not null && Utc(status.Last) >= slot) return false; // another host ran it
            await InvokeAsync(function, trigger.UseMonitor ? status : null, isPastDue, $"Timer fired at {slot:O}", cancellationToken);
            // Like the host, a failed run is not retried: the status moves on to the next slot.
            var now = clock.GetUtcNow();
            await store.WriteJsonAsync(RuntimePaths.HostsContainer, RuntimePaths.TimerStatus(options.HostId, function.Name),
                new ScheduleStatus(slot.UtcDateTime, trigger.NextAfter(now > slot ? now : slot).UtcDateTime, now.UtcDateTime), leaseId: null, cancellationToken);
            return true;
        });
    }

    /// <summary>A run outside the schedule (the admin API): the status is sent but not moved.</summary>
    public async Task<InvocationOutcome> RunNowAsync(HostFunction function, string reason, CancellationToken cancellationToken)
    {
        var status = (await ReadStatusAsync(function, cancellationToken))?.Value;
        return await InvokeAsync(function, status, isPastDue: false, reason, cancellationToken);
    }

    public Task<StoredJson<ScheduleStatus>?> ReadStatusAsync(HostFunction function, CancellationToken cancellationToken) =>
        store.ReadJsonAsync<ScheduleStatus>(RuntimePaths.HostsContainer, RuntimePaths.TimerStatus(options.HostId, function.Name), cancellationToken);

    /// <summary>TimerInfo as the host serializes it (PascalCase; the worker reads it case-insensitively).</summary>
    private Task<InvocationOutcome> InvokeAsync(HostFunction function, ScheduleStatus? status, bool isPastDue, string reason, CancellationToken cancellationToken)
    {
        var timerInfo = JsonSerializer.Serialize(new { Schedule = new { AdjustForDST = true }, ScheduleStatus = status, IsPastDue = isPastDue }, PascalCase);
        return dispatcher.InvokeAsync(function, reason, [new ParameterBinding { Name = function.Trigger!.Parameter, Data = new TypedData { Json = timerInfo } }], null, cancellationToken);
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>Storage hiccups must not stop the schedule: log and go on to the next slot.</summary>
    private async Task GuardAsync(HostFunction function, Func<Task<bool>> step)
    {
        try
        {
            await step();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Timer {Function}: storage error, the slot is skipped", function.Name);
        }
    }
}
