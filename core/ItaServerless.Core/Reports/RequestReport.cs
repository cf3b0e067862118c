// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reports;

/// <summary>
/// A report request as it is queued for the renderer: everything the document needs besides the
/// stored data, with the memo already resolved so that rendering it again gives the same PDF.
/// </summary>
public sealed record ReportRequest
{
    private static readonly JsonSerializerOptions FingerprintJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ReportRequest(string organization, FiscalYear year, string id, ReportKind kind, ReportingRound? round, MemoFields memo,
        DateTimeOffset requestedAt, string requestedBy, string? idempotencyKey, string fingerprint)
    {
        Organization = Identifier.IsValid(organization) ? organization : throw new ArgumentException("Invalid organization id.", nameof(organization));
        Year = year ?? throw new ArgumentNullException(nameof(year));
        Id = Identifier.IsValid(id) ? id : throw new ArgumentException("Invalid report id.", nameof(id));
        Kind = kind;
        Round = kind.HasRound() == (round is not null) ? round : throw new ArgumentException($"A {kind.Code()} report {(kind.HasRound() ? "needs" : "has no")} round.", nameof(round));
        Memo = memo ?? throw new ArgumentNullException(nameof(memo));
        RequestedAt = requestedAt;
        RequestedBy = string.IsNullOrWhiteSpace(requestedBy) ? throw new ArgumentException("A request has its author.", nameof(requestedBy)) : requestedBy;
        IdempotencyKey = idempotencyKey is { Length: > 0 } ? idempotencyKey : null;
        Fingerprint = fingerprint ?? throw new ArgumentNullException(nameof(fingerprint));
    }

    public string Organization { get; }

    public FiscalYear Year { get; }

    public string Id { get; }

    public ReportKind Kind { get; }

    public ReportingRound? Round { get; }

    public MemoFields Memo { get; }

    public DateTimeOffset RequestedAt { get; }

    /// <summary>The requester as the audit trail writes it ("{token id} ({name})", "system:PublishReports").</summary>
    public string RequestedBy { get; }

    public string? IdempotencyKey { get; }

    /// <summary>What identifies the request for its key (<see cref="FingerprintOf"/>).</summary>
    public string Fingerprint { get; }

    /// <summary>"{org}/{fy}/{id}.pdf": where the PDF of this report is stored.</summary>
    public string PdfBlobName => $"{Organization}/{Year.Year}/{Id}.pdf";

    /// <summary>The queued record of the request (written by the API, or by the renderer when the API's write did not land).</summary>
    public ReportRecord ToRecord() =>
        new(Organization, Year, Id, Kind, Round, PdfBlobName, RequestedAt, RequestedBy) { IdempotencyKey = IdempotencyKey };

    /// <summary>The same key from the same organization and year always names the same report.</summary>
    public static string KeyedId(string organization, FiscalYear year, string key) =>
        "k-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{organization}\n{year.Year}\n{key}")))[..24];

    /// <summary>Time first, so ids sort like the requests; a random tail keeps them unique.</summary>
    public static string NewId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";

    /// <summary>
    /// What identifies a request for its idempotency key: the year, kind, round and memo fields as given
    /// (SHA-256 of their JSON). Stored with every request, so its form never changes.
    /// </summary>
    public static string FingerprintOf(FiscalYear year, ReportOrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(draft);
        var canonical = JsonSerializer.Serialize(new { year = year.Year, draft.Kind, draft.Round, draft.Memo }, FingerprintJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>
/// Where requests wait for the renderer (the app: a blob that triggers RenderReport). Create-only:
/// a request is never replaced, so the first one queued under an id is the report.
/// </summary>
public interface IReportRequestQueue
{
    /// <summary>Queues <paramref name="request"/> unless one with its id is there; gives back the queued one and whether it was there already.</summary>
    Task<(ReportRequest Queued, bool Earlier)> EnqueueAsync(ReportRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What became of a request: the report's record, and whether an earlier request with the same key answered it.</summary>
public sealed record ReportSubmission(ReportRecord Record, bool Replayed);

/// <summary>
/// Requests an official document (the API and the publishing timer): queues the request, then writes
/// the queued record. With an idempotency key the report's id is derived from it, so a repeated,
/// concurrent or after-a-crash retry names the same single report; the same key with another
/// request is refused.
/// </summary>
public sealed class RequestReport(IOrganizationRepository organizations, IReportRecordRepository reports, IReportRequestQueue queue, TimeProvider clock)
{
    public static Refusal OrganizationNotFound { get; } = Refusal.NotFound("The organization", "หน่วยงานนี้");

    public async Task<Outcome<ReportSubmission>> ExecuteAsync(string organizationId, FiscalYear year, ReportOrderDraft draft, string? idempotencyKey,
        AuditActor requestedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var order = ReportOrder.Create(draft);
        if (!order.IsValid) return Refusal.Invalid(order.Errors);
        var profile = await organizations.GetProfileAsync(organizationId, cancellationToken);
        if (profile is null) return OrganizationNotFound;
        return await SubmitAsync(profile, year, order.Value, ReportRequest.FingerprintOf(year, draft), idempotencyKey, requestedBy, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>For a caller with the organization's profile in hand and a time of its own (the publishing timer's run).</summary>
    public async Task<Outcome<ReportSubmission>> SubmitAsync(OrganizationProfile profile, FiscalYear year, ReportOrderDraft draft, string? idempotencyKey,
        AuditActor requestedBy, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var order = ReportOrder.Create(draft);
        if (!order.IsValid) return Refusal.Invalid(order.Errors);
        return await SubmitAsync(profile, year, order.Value, ReportRequest.FingerprintOf(year, draft), idempotencyKey, requestedBy, now, cancellationToken);
    }

    private async Task<Outcome<ReportSubmission>> SubmitAsync(OrganizationProfile profile, FiscalYear year, ReportOrder order, string fingerprint,
        string? idempotencyKey, AuditActor requestedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(requestedBy);
        var org = profile.Organization.Value.Id;
        var key = idempotencyKey is { Length: > 0 } ? idempotencyKey : null;
        var id = key is null ? ReportRequest.NewId(now) : ReportRequest.KeyedId(org, year, key);
        var request = new ReportRequest(org, year, id, order.Kind, order.Round, order.ResolveMemo(year, profile, now), now,
            requestedBy.ToString(), key, fingerprint);

        // The request first: it alone makes the report happen (the renderer records it if our record write is lost).
        var (queued, earlier) = await queue.EnqueueAsync(request, cancellationToken);
        if (queued.Fingerprint != fingerprint) return Refusal.KeyReused(IdempotencyKeys.Reused);

        var record = queued.ToRecord();
        try
        {
            await reports.AddAsync(record, requestedBy, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            record = (await reports.GetAsync(org, year, id, cancellationToken))?.Value
                ?? throw new InvalidOperationException($"Report {org}/{year}/{id} exists but cannot be read.");
        }

        return new ReportSubmission(record, Replayed: earlier);
    }
}
