// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Metadata;
using ItaServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.LocalRuntime;

/// <summary>
/// Fires timer functions on their NCRONTAB schedules like the host's timer listener: schedule
/// status in azure-webjobs-hosts/timers/{hostId}/{function}/status, IsPastDue when a slot was
/// missed while down, and a blob lease plus the status check so that one slot runs once even
/// with several instances.
/// </summary>
public sealed class TimerScheduler(
    FunctionInvoker invoker,
    RuntimeBlobStore store,
    IOptions<FunctionsAppOptions> options,
    TimeProvider clock,
    ILogger<TimerScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(30);
    private readonly string _hostId = options.Value.HostId;

    public IEnumerable<FunctionDefinition> TimerFunctions =>
        invoker.Catalog.All.Where(f => f.Trigger is TimerTriggerBinding && !f.Disabled && invoker.CanInvoke(f.Name));

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(TimerFunctions.Select(f => RunForeverAsync(f, stoppingToken)));

    private async Task RunForeverAsync(FunctionDefinition function, CancellationToken stoppingToken)
    {
        var schedule = ((TimerTriggerBinding)function.Trigger).Schedule;
        try
        {
            await StartTimerAsync(function, stoppingToken);
            var last = clock.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.NextAfter(last);
                var wait = next - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stoppingToken);
                await GuardAsync(function, () => RunSlotAsync(function, next, isPastDue: false, stoppingToken));
                last = next;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// At start-up: records the first status, or runs once with IsPastDue when the planned next
    /// run passed while the app was down (one run however many slots were missed, like the host),
    /// and runs once when runOnStartup is set.
    /// </summary>
    public async Task StartTimerAsync(FunctionDefinition function, CancellationToken cancellationToken)
    {
        var binding = (TimerTriggerBinding)function.Trigger;
        var now = clock.GetUtcNow();
        var status = binding.UseMonitor ? await ReadStatusAsync(function, cancellationToken) : null;
        if (binding.UseMonitor && status?.Value is null)
        {
            await GuardAsync(function, () => WriteInitialStatusAsync(function, now, cancellationToken));
        }
        else if (status?.Value is { } s && new DateTimeOffset(s.Next, TimeSpan.Zero) <= now)
        {
            logger.LogInformation("Timer {Function} missed its run at {Next:u}: running now, past due", function.Name, s.Next);
            await GuardAsync(function, () => RunSlotAsync(function, new DateTimeOffset(s.Next, TimeSpan.Zero), isPastDue: true, cancellationToken));
            return;
        }
        if (binding.RunOnStartup)
            await GuardAsync(function, () => RunSlotAsync(function, now, isPastDue: false, cancellationToken));
    }

    /// <summary>
    /// Runs the slot <paramref name="slot"/> unless another instance holds it or already ran it.
    /// Returns whether this call ran the function.
    /// </summary>
    public async Task<bool> RunSlotAsync(FunctionDefinition function, DateTimeOffset slot, bool isPastDue, CancellationToken cancellationToken)
    {
        var binding = (TimerTriggerBinding)function.Trigger;
        var lease = await store.TryAcquireLeaseAsync(RuntimeBlobStore.HostsContainer, RuntimePaths.TimerLock(_hostId, function.Name), LeaseDuration, cancellationToken);
        if (lease is null)
        {
            logger.LogDebug("Timer {Function} slot {Slot:u} is being run by another instance", function.Name, slot);
            return false;
        }
        using var renewing = new CancellationTokenSource();
        var renewal = RuntimeBlobStore.KeepRenewingAsync(lease, LeaseDuration, renewing.Token);
        try
        {
            var status = (await ReadStatusAsync(function, cancellationToken))?.Value;
            if (status is not null && new DateTimeOffset(status.Last, TimeSpan.Zero) >= slot)
            {
                logger.LogDebug("Timer {Function} slot {Slot:u} already ran", function.Name, slot);
                return false;
            }
            var request = PayloadFactory.Timer(function, binding.UseMonitor ? status : null, isPastDue, clock.GetUtcNow());
            var outcome = await invoker.InvokeAsync(function.Name, request, cancellationToken);
            var now = clock.GetUtcNow();
            // Like the host, a failed run is not retried: the status moves on to the next slot.
            var next = binding.Schedule.NextAfter(now > slot ? now : slot);
            await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, RuntimePaths.TimerStatus(_hostId, function.Name),
                new ScheduleStatus(slot.UtcDateTime, next.UtcDateTime, now.UtcDateTime), leaseId: null, cancellationToken);
            logger.Log(outcome.Succeeded ? LogLevel.Information : LogLevel.Error,
                "Timer {Function} ran for {Slot:u}{PastDue}: {Result}", function.Name, slot, isPastDue ? " (past due)" : "", outcome.Succeeded ? "succeeded" : "failed");
            return true;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await RuntimeBlobStore.ReleaseQuietlyAsync(lease);
        }
    }

    public Task<StoredJson<ScheduleStatus>?> ReadStatusAsync(FunctionDefinition function, CancellationToken cancellationToken) =>
        store.ReadJsonAsync<ScheduleStatus>(RuntimeBlobStore.HostsContainer, RuntimePaths.TimerStatus(_hostId, function.Name), cancellationToken);

    private async Task<bool> WriteInitialStatusAsync(FunctionDefinition function, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var schedule = ((TimerTriggerBinding)function.Trigger).Schedule;
        var lease = await store.TryAcquireLeaseAsync(RuntimeBlobStore.HostsContainer, RuntimePaths.TimerLock(_hostId, function.Name), LeaseDuration, cancellationToken);
        if (lease is null) return false;
        try
        {
            if ((await ReadStatusAsync(function, cancellationToken))?.Value is not null) return false;
            await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, RuntimePaths.TimerStatus(_hostId, function.Name),
                new ScheduleStatus(DateTime.MinValue, schedule.NextAfter(now).UtcDateTime, now.UtcDateTime), leaseId: null, cancellationToken);
            return true;
        }
        finally
        {
            await RuntimeBlobStore.ReleaseQuietlyAsync(lease);
        }
    }

    /// <summary>Storage hiccups must not stop the schedule: log and go on to the next slot.</summary>
    private async Task GuardAsync(FunctionDefinition function, Func<Task<bool>> step)
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
