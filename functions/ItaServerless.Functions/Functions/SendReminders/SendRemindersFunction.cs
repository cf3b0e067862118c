// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Invocation;
using ItaServerless.Notifications.Sweep;

namespace ItaServerless.Functions.Functions.SendReminders;

/// <summary>
/// Every day at 02:00 UTC (09:00 in Thailand): the reminder sweep. A late (IsPastDue) or repeated
/// run is safe: the plan sends only each unit's current reminder, and the reminder log's claims
/// make every (reminder, channel) go out once.
/// </summary>
public sealed class SendRemindersFunction(ReminderSweep sweep, TimeProvider clock) : ITriggeredFunction
{
    public static string FunctionName => "SendReminders";

    public async Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var timer = invocation.Timer();
        var result = await sweep.RunAsync(clock.GetUtcNow(), cancellationToken);
        invocation.Log($"Reminders{(timer.IsPastDue ? " (past due run)" : "")} {result}");
    }
}
