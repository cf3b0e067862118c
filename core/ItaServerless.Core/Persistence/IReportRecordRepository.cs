// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Persistence;

/// <summary>Where a requested document is: waiting for the renderer, rendered, or given up on (with a reason).</summary>
public enum ReportStatus
{
    Queued,
    Ready,
    Failed,
}

public static class ReportStatuses
{
    /// <summary>"queued", "ready", "failed": the API and storage code.</summary>
    public static string Code(this ReportStatus status) => status switch
    {
        ReportStatus.Ready => "ready",
        ReportStatus.Failed => "failed",
        _ => "queued",
    };

    public static ReportStatus FromCode(string? code) => code switch
    {
        "ready" => ReportStatus.Ready,
        "failed" => ReportStatus.Failed,
        "queued" => ReportStatus.Queued,
        _ => throw new ArgumentException($"Unknown report status \"{code}\".", nameof(code)),
    };
}

/// <summary>The facts of a rendered PDF: pages, size, SHA-256 (lower-case hex) and when it was rendered.</summary>
public sealed record RenderedPdf
{
    public RenderedPdf(int pages, long bytes, string sha256, DateTimeOffset renderedAt)
    {
        Pages = pages > 0 ? pages : throw new ArgumentOutOfRangeException(nameof(pages), pages, "A PDF has at least one page.");
        Bytes = bytes > 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "A PDF is never empty.");
        Sha256 = sha256 is { Length: 64 } && sha256.All(char.IsAsciiHexDigitLower)
            ? sha256
            : throw new ArgumentException("A SHA-256 is 64 lower-case hex digits.", nameof(sha256));
        RenderedAt = renderedAt;
    }

    public int Pages { get; }
    public long Bytes { get; }
    public string Sha256 { get; }
    public DateTimeOffset RenderedAt { get; }
}

/// <summary>
/// A requested document: organization, fiscal year, id, kind, its round (exactly for the kinds
/// that have one), the PDF's blob name, its rendering state and publication.
/// A ready report always has its <see cref="Pdf"/>; a failed one its <see cref="Reason"/>.
/// </summary>
public sealed record ReportRecord(
    string OrganizationId,
    FiscalYear FiscalYear,
    string Id,
    ReportKind Kind,
    ReportingRound? Round,
    string BlobName,
    DateTimeOffset CreatedAt,
    string? CreatedBy = null,
    DateTimeOffset? PublishedAt = null)
{
    public string OrganizationId { get; } = Identifier.IsValid(OrganizationId) ? OrganizationId : throw new ArgumentException("Invalid organization id.", nameof(OrganizationId));

    public string Id { get; } = Identifier.IsValid(Id) ? Id : throw new ArgumentException("Invalid report id.", nameof(Id));

    public ReportingRound? Round { get; } = Kind.HasRound() == (Round is not null)
        ? Round
        : throw new ArgumentException($"A {Kind.Code()} report {(Kind.HasRound() ? "needs" : "has no")} round.", nameof(Round));

    public string BlobName { get; } = string.IsNullOrWhiteSpace(BlobName) ? throw new ArgumentException("A report needs its blob.", nameof(BlobName)) : BlobName;

    public ReportStatus Status { get; private init; } = ReportStatus.Queued;

    /// <summary>Set when <see cref="Status"/> is <see cref="ReportStatus.Ready"/>.</summary>
    public RenderedPdf? Pdf { get; private init; }

    /// <summary>Why it failed (Thai / English); while queued, the error of the last failed try.</summary>
    public string? Reason { get; private init; }

    /// <summary>Failed render tries so far (unexpected errors; the runtime retries them).</summary>
    public int Attempts { get; private init; }

    /// <summary>The client's Idempotency-Key, when the request carried one.</summary>
    public string? IdempotencyKey { get; init; }

    public ReportRecord AsReady(RenderedPdf pdf) =>
        this with { Status = ReportStatus.Ready, Pdf = pdf ?? throw new ArgumentNullException(nameof(pdf)), Reason = null };

    /// <summary>Given up: <paramref name="reason"/> says why, for the user.</summary>
    public ReportRecord AsFailed(string reason) =>
        this with { Status = ReportStatus.Failed, Pdf = null, Reason = RequireReason(reason) };

    /// <summary>One more failed try that will be retried: still queued, with the error so far.</summary>
    public ReportRecord WithFailedAttempt(string reason) =>
        this with { Attempts = Attempts + 1, Reason = RequireReason(reason) };

    /// <summary>Rebuilds a stored record (the repository's reading side); checks the state's invariants.</summary>
    public ReportRecord Restore(ReportStatus status, RenderedPdf? pdf, string? reason, int attempts)
    {
        if (status == ReportStatus.Ready && pdf is null) throw new ArgumentException("A ready report has its PDF.", nameof(pdf));
        if (status == ReportStatus.Failed && string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("A failed report has a reason.", nameof(reason));
        if (attempts < 0) throw new ArgumentOutOfRangeException(nameof(attempts));
        return this with { Status = status, Pdf = status == ReportStatus.Ready ? pdf : null, Reason = reason, Attempts = attempts };
    }

    private static string RequireReason(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? throw new ArgumentException("A reason is required.", nameof(reason)) : reason;
}

public interface IReportRecordRepository
{
    /// <summary>Records a new document; <see cref="AlreadyExistsException"/> if the id is taken.</summary>
    Task<EntityVersion> AddAsync(ReportRecord record, AuditActor actor, CancellationToken cancellationToken = default);

    Task<Versioned<ReportRecord>?> GetAsync(string organizationId, FiscalYear year, string id, CancellationToken cancellationToken = default);

    /// <summary>The year's documents of one organization, newest first.</summary>
    Task<IReadOnlyList<Versioned<ReportRecord>>> ListAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default);

    /// <summary>Writes the record's new state (status, PDF facts, reason, attempts); stale ifMatch → <see cref="StaleVersionException"/>.</summary>
    Task<EntityVersion> ReplaceAsync(ReportRecord record, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Marks it published; stale ifMatch → <see cref="StaleVersionException"/>.</summary>
    Task<EntityVersion> MarkPublishedAsync(string organizationId, FiscalYear year, string id, DateTimeOffset publishedAt, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);
}
