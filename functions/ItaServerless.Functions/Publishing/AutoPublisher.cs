// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reports;

namespace ItaServerless.Functions.Publishing;

/// <summary>What one publishing run did, for the log.</summary>
public sealed record AutoPublishSummary(int Organizations, int AutoPublishing, int Requested, int Published, int Waiting, int Failed, int Errors)
{
    public override string ToString() =>
        $"{Organizations} organizations, {AutoPublishing} auto-publishing: {Requested} reports requested, {Published} published, " +
        $"{Waiting} waiting for rendering, {Failed} failed, {Errors} errors";
}

/// <summary>
/// Scheduled publishing: for every organization with <see cref="Organization.AutoPublish"/>, each
/// round of the current or previous fiscal year whose due date (Bangkok) has passed gets its
/// progress report requested once — through <see cref="RequestReport"/> with the idempotency key
/// <c>auto-publish|{fy}|{round}</c>, so repeated or concurrent runs name the same single report —
/// and, once RenderReport made it ready, published by <see cref="ReportPublisher"/>. A failed
/// report stays failed with its reason on the organization's report list and is logged on every
/// run until someone publishes that round by hand. Cost: the directory pages, then per
/// auto-publishing organization one point read and one blob listing (plus a little per round
/// still unpublished); organizations without the flag cost nothing beyond their directory row.
/// </summary>
public sealed class AutoPublisher(
    IOrganizationRepository organizations,
    IPlanRepository plans,
    IReportRecordRepository reports,
    RequestReport requester,
    ReportPublisher publisher,
    PublicDocuments documents,
    ILogger<AutoPublisher> logger)
{
    public const string KeyPrefix = "auto-publish";

    /// <summary>Who requests and publishes in the audit trail and the report's requestedBy.</summary>
    public static readonly AuditActor Actor = AuditActor.System("PublishReports");

    /// <summary>"auto-publish|2569|6m": the Idempotency-Key of the timer's request for a round.</summary>
    public static string IdempotencyKey(FiscalYearRound round) => $"{KeyPrefix}|{round.Year.Year}|{round.Round.Code}";

    /// <summary>The rounds of the current and previous fiscal year whose due date is before <paramref name="today"/>.</summary>
    public static IReadOnlyList<FiscalYearRound> DueRounds(DateOnly today, RoundDueDates dueDates)
    {
        var current = FiscalYear.FromDate(today);
        var years = current.Year > FiscalYear.MinYear ? new[] { current.Previous, current } : [current];
        return years.SelectMany(y => ReportingRound.All.Select(r => new FiscalYearRound(y, r)))
            .Where(r => r.IsOverdueOn(today, dueDates))
            .ToList();
    }

    public async Task<AutoPublishSummary> RunAsync(DateTimeOffset now, Action<string> log, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        await foreach (var entry in organizations.ListAsync(cancellationToken))
        {
            tally.Organizations++;
            if (entry.AutoPublish == false) continue; // null: a directory row from before the flag, so read the organization
            try
            {
                await PublishOrganizationAsync(entry.Id, now, tally, log, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One organization's trouble (storage hiccup, a broken PDF) must not stop the others; the next run retries.
                tally.Errors++;
                Warn(log, $"{entry.Id}: publishing stopped by {e.GetType().Name}: {e.Message}");
            }
        }

        return tally.Summary();
    }

    private async Task PublishOrganizationAsync(string id, DateTimeOffset now, Tally tally, Action<string> log, CancellationToken ct)
    {
        var organization = (await organizations.GetAsync(id, ct))?.Value;
        if (organization is not { AutoPublish: true }) return;
        tally.AutoPublishing++;
        var due = DueRounds(BangkokTime.DateOf(now), organization.DueDates);
        if (due.Count == 0) return;

        var published = (await documents.ListAsync(id, ct)).Select(d => d.BlobName).ToHashSet(StringComparer.Ordinal);
        OrganizationProfile? profile = null;
        foreach (var round in due)
        {
            if (published.Contains(PublicDocument.Of(id, round.Year, ReportKind.Progress, round.Round).BlobName)) continue;

            var key = IdempotencyKey(round);
            var record = (await reports.GetAsync(id, round.Year, ReportRequest.KeyedId(id, round.Year, key), ct))?.Value;
            if (record is null)
            {
                // A year without ITA measures has no progress to report (e.g. the year before the organization joined).
                if (!(await plans.ListReportingAsync(id, round.Year, ct)).Any(m => m.Plan == Plan.Ita)) continue;
                profile ??= await organizations.GetProfileAsync(id, ct);
                if (profile is null) return;
                var order = new ReportOrderDraft(ReportKind.Progress.Code(), round.Round.Code);
                var outcome = await requester.SubmitAsync(profile, round.Year, order, key, Actor, now, ct);
                if (!outcome.IsOk)
                {
                    tally.Failed++;
                    Warn(log, $"{id} {round}: the key {key} was used by another request; publish this round by hand.");
                    continue;
                }

                var submitted = outcome.Value;
                record = submitted.Record;
                if (!submitted.Replayed)
                {
                    tally.Requested++;
                    log($"{id} {round}: requested progress report {record.Id}.");
                }
            }

            switch (record.Status)
            {
                case ReportStatus.Queued:
                    tally.Waiting++;
                    break;
                case ReportStatus.Failed:
                    tally.Failed++;
                    Warn(log, $"{id} {round}: progress report {record.Id} failed, not published: {record.Reason}");
                    break;
                default:
                    var result = await publisher.PublishAsync(id, round.Year, record.Id, replaceOther: false, Actor, ct);
                    if (result.Outcome == PublishOutcome.Published)
                    {
                        tally.Published++;
                        log($"{id} {round}: published {result.Document!.Document.Path} (report {result.Document.ReportId}, sha256 {result.Document.Sha256}).");
                    }

                    break;
            }
        }
    }

    /// <summary>Trouble goes to the invocation log and, as a warning, to the app's log (alerts look there).</summary>
    private void Warn(Action<string> log, string message)
    {
        logger.LogWarning("PublishReports: {Message}", message);
        log(message);
    }

    private sealed class Tally
    {
        public int Organizations, AutoPublishing, Requested, Published, Waiting, Failed, Errors;

        public AutoPublishSummary Summary() => new(Organizations, AutoPublishing, Requested, Published, Waiting, Failed, Errors);
    }
}
