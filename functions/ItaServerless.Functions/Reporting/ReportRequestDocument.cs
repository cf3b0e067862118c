// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Serialization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Reporting;

/// <summary>
/// A <see cref="ReportRequest"/> as written to <c>report-requests/{org}/{fy}/{id}.json</c> (the
/// RenderReport trigger). Written once (create-only); its form is stored, so it does not change.
/// </summary>
public sealed record ReportRequestDocument(
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("fiscalYear")] int FiscalYear,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("round")] string? Round,
    [property: JsonPropertyName("memo")] MemoFields Memo,
    [property: JsonPropertyName("requestedAt")] DateTimeOffset RequestedAt,
    [property: JsonPropertyName("requestedBy")] string RequestedBy,
    [property: JsonPropertyName("idempotencyKey")] string? IdempotencyKey,
    [property: JsonPropertyName("fingerprint")] string Fingerprint)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ReportRequestDocument From(ReportRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Organization, r.Year.Year, r.Id, r.Kind.Code(), r.Round?.Code, r.Memo, r.RequestedAt, r.RequestedBy, r.IdempotencyKey, r.Fingerprint);
    }

    public BinaryData ToBinary() => BinaryData.FromObjectAsJson(this, Json);

    /// <summary>Reads a request blob; null when it is not one (bad JSON, missing fields, unknown kind or round).</summary>
    public static ReportRequest? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var d = JsonSerializer.Deserialize<ReportRequestDocument>(utf8, Json);
            if (d?.Memo is null || !Identifier.IsValid(d.Organization) || !Identifier.IsValid(d.Id)) return null;
            if (!ReportKinds.Parse(d.Kind).TryGetValue(out var kind) || !Core.Calendar.FiscalYear.Create(d.FiscalYear).TryGetValue(out var year)) return null;
            ReportingRound? round = null;
            if (d.Round is not null && !ReportingRound.Parse(d.Round).TryGetValue(out round)) return null;
            return kind.HasRound() == (round is not null)
                ? new ReportRequest(d.Organization, year, d.Id, kind, round, d.Memo, d.RequestedAt, d.RequestedBy, d.IdempotencyKey, d.Fingerprint)
                : null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
