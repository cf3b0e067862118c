// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Functions.Reporting;

namespace ItaServerless.Functions.Publishing;

public enum PublishOutcome
{
    /// <summary>The report is (now) at its public address, or marked and kept out by another report (timer only).</summary>
    Published,

    /// <summary>No such report.</summary>
    NotFound,

    /// <summary>The report is still queued or has failed: only a ready report is published.</summary>
    NotReady,

    /// <summary>A kind that is never published on its own.</summary>
    NotPublishable,
}

/// <summary>The outcome, the report as it now is, and what its public address holds.</summary>
public sealed record PublishResult(PublishOutcome Outcome, ReportRecord? Report, PublishedDocument? Document);

/// <summary>
/// Publishes a ready report, for the timer and for an editor alike: marks the report published once
/// (the mark is conditional on the version read, so two publishers agree on one time), then copies
/// its PDF to the public address. The copy is create-only or If-Match, so it is safe to repeat: a run
/// that stopped between the mark and the copy is completed by the next one.
/// </summary>
public sealed class ReportPublisher(IReportRecordRepository reports, ReportFiles files, PublicDocuments documents, TimeProvider clock)
{
    private const int MaxTries = 3;

    public async Task<PublishResult> PublishAsync(string organization, FiscalYear year, string id, bool replaceOther, AuditActor actor,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await reports.GetAsync(organization, year, id, cancellationToken);
            if (current is null) return new PublishResult(PublishOutcome.NotFound, null, null);
            var record = current.Value;
            if (record.Status != ReportStatus.Ready) return new PublishResult(PublishOutcome.NotReady, record, null);
            if (PublicDocument.For(record) is null) return new PublishResult(PublishOutcome.NotPublishable, record, null);

            if (record.PublishedAt is null)
            {
                var now = clock.GetUtcNow();
                try
                {
                    await reports.MarkPublishedAsync(organization, year, id, now, current.Version, actor, cancellationToken);
                    record = record with { PublishedAt = now };
                }
                catch (StaleVersionException) when (attempt < MaxTries)
                {
                    continue; // someone else marked it (or changed it) first: read the time they wrote
                }
            }

            var pdf = await files.ReadPdfAsync(record.BlobName, cancellationToken)
                ?? throw new InvalidOperationException($"Report {organization}/{year.Year}/{id} is ready but its PDF {record.BlobName} is missing.");
            var published = await documents.PublishAsync(record, pdf.Content.ToArray(), record.PublishedAt!.Value, replaceOther, cancellationToken);
            return new PublishResult(PublishOutcome.Published, record, published);
        }
    }
}
