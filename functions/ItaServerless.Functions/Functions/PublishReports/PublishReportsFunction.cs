// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Publishing;

namespace ItaServerless.Functions.Functions.PublishReports;

/// <summary>
/// Every hour at :15 (UTC): scheduled publishing of progress reports whose due date has passed, for
/// the organizations that enabled auto-publishing. A late (IsPastDue), repeated or concurrent run is
/// safe: the request of a round is keyed, and the publication is a conditional mark and copy.
/// </summary>
public sealed class PublishReportsFunction(AutoPublisher publisher, TimeProvider clock) : ITriggeredFunction
{
    public static string FunctionName => "PublishReports";

    public async Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var timer = invocation.Timer();
        var summary = await publisher.RunAsync(clock.GetUtcNow(), invocation.Log, cancellationToken);
        invocation.Log($"Publishing{(timer.IsPastDue ? " (past due run)" : "")}: {summary}");
    }
}
