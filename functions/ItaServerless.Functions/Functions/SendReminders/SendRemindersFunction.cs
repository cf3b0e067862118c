// SPDX-License-Identifier: MIT
using ItaServerless.Notifications.Sweep;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.SendReminders;

/// <summary>
/// Every day at 02:00 UTC (09:00 in Thailand): the reminder sweep. A late (IsPastDue) or repeated
/// run is safe: the plan sends only each unit's current reminder, and the reminder log's claims
/// make every (reminder, channel) go out once.
/// </summary>
public sealed class SendRemindersFunction(ReminderSweep sweep, TimeProvider clock, ILogger<SendRemindersFunction> logger)
{
    public const string Schedule = "0 0 2 * * *";

    [Function("SendReminders")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var result = await sweep.RunAsync(clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("Reminders{PastDue} {Result}", timer.IsPastDue ? " (past due run)" : "", result);
    }
}
