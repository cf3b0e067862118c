// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Functions.Reporting;

/// <summary>What became of a request: the report's record, and whether an earlier request with the same key answered it.</summary>
public sealed record ReportSubmission(ReportRecord Record, bool Replayed);

/// <summary>
/// The one way a report is requested (the API and the publishing timer): writes the request blob
/// create-only (the RenderReport trigger), then the queued record. With an idempotency key the id
/// is derived from it, so a repeated or concurrent request names the same single report.
/// </summary>
public sealed class ReportRequester(IReportRecordRepository reports, ReportFiles files)
{
    /// <summary>
    /// Requests <paramref name="order"/>; null when <paramref name="idempotencyKey"/> was already used
    /// for a request with another <paramref name="fingerprint"/> (the caller refuses it).
    /// </summary>
    public async Task<ReportSubmission?> RequestAsync(OrganizationProfile profile, FiscalYear year, ReportOrder order, string fingerprint,
        string? idempotencyKey, AuditActor requestedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var org = profile.Organization.Value.Id;
        var id = idempotencyKey is { Length: > 0 } ? KeyedId(org, year, idempotencyKey) : NewId(now);
        var document = new ReportRequestDocument(org, year.Year, id, order.Kind.Code(), order.Round?.Code,
            order.ResolveMemo(year, profile, now), now, requestedBy.ToString(), idempotencyKey is { Length: > 0 } ? idempotencyKey : null, fingerprint);

        // The request blob first: it alone makes the report happen (the renderer records it if our record write is lost).
        var stored = await files.CreateRequestAsync(document, cancellationToken)
            ?? throw new InvalidOperationException($"Report request {id} exists but cannot be read.");
        if (stored.Fingerprint != fingerprint) return null;

        var record = ReportRecords.FromRequest(stored);
        try
        {
            await reports.AddAsync(record, requestedBy, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            record = (await reports.GetAsync(org, year, id, cancellationToken))!.Value;
        }

        return new ReportSubmission(record, Replayed: !ReferenceEquals(stored, document));
    }

    /// <summary>The same key from the same organization and year always names the same report.</summary>
    public static string KeyedId(string org, FiscalYear year, string key) =>
        "k-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{org}\n{year.Year}\n{key}")))[..24];

    /// <summary>Time first, so ids sort like the requests; a random tail keeps them unique.</summary>
    private static string NewId(DateTimeOffset now) =>
        $"{now.UtcDateTime:yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
}
