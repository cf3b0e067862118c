// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Reporting;

/// <summary>The memo fields of a request body (บันทึกข้อความ: วันที่ ที่ เรื่อง เรียน); each optional.</summary>
public sealed record MemoBody(string? Date = null, string? Number = null, string? Subject = null, string? To = null);

/// <summary>The body of <c>POST …/reports</c>.</summary>
public sealed record ReportRequestBody(string? Kind = null, string? Round = null, MemoBody? Memo = null);

/// <summary>The memo header as it will be printed: every default already resolved, so a render is repeatable.</summary>
public sealed record MemoFields(
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("to")] string To);

/// <summary>A validated request: the kind, its round where it has one, and the memo fields the caller gave.</summary>
public sealed record ReportOrder(ReportKind Kind, ReportingRound? Round, DateOnly? Date, string? Number, string? Subject, string? To)
{
    public const int MaxNumberLength = 100;
    public const int MaxSubjectLength = 300;
    public const int MaxToLength = 200;

    /// <summary>ISO dates are Gregorian; a year this large is a Buddhist Era year typed into an ISO date.</summary>
    private const int FirstBuddhistLookingYear = 2400;

    public static Validated<ReportOrder> Create(ReportRequestBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new ErrorCollector();
        var kindResult = ReportKinds.Parse(body.Kind);
        errors.Take(kindResult);
        ReportingRound? round = null;
        if (kindResult.IsValid)
        {
            if (kindResult.Value.HasRound())
            {
                round = string.IsNullOrWhiteSpace(body.Round)
                    ? Missing(errors, "round")
                    : errors.Take(ReportingRound.Parse(body.Round));
            }
            else if (body.Round is not null)
            {
                errors.Add(ErrorCodes.NotAllowed, "round",
                    "เอกสารชนิดนี้ไม่แยกตามรอบ ไม่ต้องระบุ round", "This kind of document covers the whole year; leave round out.");
            }
        }

        var memo = body.Memo ?? new MemoBody();
        DateOnly? date = memo.Date is null ? null : errors.Take(ParseDate(memo.Date, "memo.date"));
        var number = errors.Take(TextRules.Check(memo.Number, "memo.number", MaxNumberLength, required: false));
        var subject = errors.Take(TextRules.Check(memo.Subject, "memo.subject", MaxSubjectLength, required: false));
        var to = errors.Take(TextRules.Check(memo.To, "memo.to", MaxToLength, required: false));
        return errors.Result(() => new ReportOrder(kindResult.Value, round, date, number, subject, to));
    }

    /// <summary>
    /// The memo as printed: today in Bangkok, the organization's document prefix ("นพ ๕๒๔๐๑/"), a subject
    /// from the kind, round and year, and the executive's position (เรียน นายกเทศมนตรีตำบลนาคำ).
    /// </summary>
    public MemoFields ResolveMemo(FiscalYear year, OrganizationProfile profile, DateTimeOffset now)
    {
        var organization = profile.Organization.Value;
        var executive = Signers.First(profile.Officials, OfficialRole.Executive);
        return new MemoFields(
            Date ?? BangkokTime.DateOf(now),
            Number ?? (organization.DocumentPrefix is { Length: > 0 } prefix ? prefix + "/" : ""),
            Subject ?? Kind.SubjectTh(year, Round),
            To ?? (executive is null ? $"ผู้บริหาร{organization.Name}" : Signers.Lines(executive.Position)[0]));
    }

    private static Validated<DateOnly> ParseDate(string text, string field)
    {
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Validated<DateOnly>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "วันที่ต้องอยู่ในรูปแบบ ISO ปี ค.ศ.-เดือน-วัน เช่น 2026-04-30", "The date must be an ISO date (yyyy-MM-dd), e.g. 2026-04-30."));
        }

        if (date.Year >= FirstBuddhistLookingYear)
        {
            var suggestion = date.AddYears(-BuddhistEra.Offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Validated<DateOnly>.Fail(new ValidationError("year_looks_like_be", field,
                $"วันที่แบบ ISO ใช้ปี ค.ศ. ปี {date.Year} ดูเหมือนเป็นปี พ.ศ. (หมายถึง {suggestion} หรือไม่)",
                $"ISO dates use the Common Era year; {date.Year} looks like a Buddhist Era year: did you mean {suggestion}?"));
        }

        return date.Year < 2000
            ? Validated<DateOnly>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
                "วันที่ของบันทึกข้อความต้องไม่ก่อนปี ค.ศ. 2000", "The memo date must not be before the year 2000."))
            : Validated<DateOnly>.Ok(date);
    }

    private static ReportingRound? Missing(ErrorCollector errors, string field)
    {
        errors.Add(new ValidationError(ErrorCodes.Required, field,
            "ต้องระบุรอบการรายงาน 6m หรือ 12m", "The round (6m or 12m) is required for this kind of document."));
        return null;
    }
}

/// <summary>
/// The request as written to <c>report-requests/{org}/{fy}/{id}.json</c>: all the renderer needs
/// besides the stored data. Written once (create-only); the blob trigger renders it.
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

    [JsonIgnore]
    public ReportKind KindValue => ReportKinds.Parse(Kind).Value;

    [JsonIgnore]
    public ReportingRound? RoundValue => Round is null ? null : ReportingRound.FromCode(Round);

    [JsonIgnore]
    public FiscalYear Year => Core.Calendar.FiscalYear.Of(FiscalYear);

    public BinaryData ToBinary() => BinaryData.FromObjectAsJson(this, Json);

    /// <summary>Reads a request blob; null when it is not one (bad JSON, missing fields, unknown kind or round).</summary>
    public static ReportRequestDocument? TryRead(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var document = JsonSerializer.Deserialize<ReportRequestDocument>(utf8, Json);
            if (document is null || document.Memo is null || !Identifier.IsValid(document.Organization) || !Identifier.IsValid(document.Id)) return null;
            if (document.KindValue.HasRound() != (document.RoundValue is not null)) return null;
            _ = document.Year;
            return document;
        }
        catch (Exception e) when (e is JsonException or ValidationException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>What identifies a request for Idempotency-Key: the year, kind, round and the memo fields as given.</summary>
    public static string FingerprintOf(FiscalYear year, ReportRequestBody body)
    {
        var canonical = JsonSerializer.Serialize(new { year = year.Year, body.Kind, body.Round, body.Memo }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public static class ReportRecords
{
    /// <summary>The queued record of a request (written by the API, or by the renderer when the API's write did not land).</summary>
    public static ReportRecord FromRequest(ReportRequestDocument request) =>
        new(request.Organization, request.Year, request.Id, request.Kind, request.RoundValue,
            ReportFiles.PdfName(request.Organization, request.Year, request.Id), request.RequestedAt, request.RequestedBy)
        {
            IdempotencyKey = request.IdempotencyKey,
        };
}
