// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Publishing;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.PublishReports;

/// <summary>
/// Every hour at :15 (UTC): scheduled publishing of progress reports whose due date has passed, for
/// the organizations that enabled auto-publishing. A late (IsPastDue), repeated or concurrent run is
/// safe: the request of a round is keyed, and the publication is a conditional mark and copy.
/// </summary>
public sealed class PublishReportsFunction(AutoPublisher publisher, TimeProvider clock, ILogger<PublishReportsFunction> logger)
{
    public const string Schedule = "0 15 * * * *";

    [Function("PublishReports")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var summary = await publisher.RunAsync(clock.GetUtcNow(), line => logger.LogInformation("{Line}", line), cancellationToken);
        logger.LogInformation("Publishing{PastDue}: {Summary}", timer.IsPastDue ? " (past due run)" : "", summary);
    }
}
