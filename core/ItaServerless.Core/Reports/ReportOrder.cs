// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reports;

/// <summary>The memo fields of a request (บันทึกข้อความ: วันที่ ที่ เรื่อง เรียน); each optional.</summary>
public sealed record MemoDraft(string? Date = null, string? Number = null, string? Subject = null, string? To = null);

/// <summary>The raw input of a report request: the kind, its round where it has one, the memo fields.</summary>
public sealed record ReportOrderDraft(string? Kind = null, string? Round = null, MemoDraft? Memo = null);

/// <summary>The memo header as it will be printed: every default already resolved, so a render is repeatable.</summary>
public sealed record MemoFields(DateOnly Date, string Number, string Subject, string To);

/// <summary>A validated request: the kind, its round where it has one, and the memo fields the caller gave.</summary>
public sealed record ReportOrder(ReportKind Kind, ReportingRound? Round, DateOnly? Date, string? Number, string? Subject, string? To)
{
    public const int MaxNumberLength = 100;
    public const int MaxSubjectLength = 300;
    public const int MaxToLength = 200;

    /// <summary>ISO dates are Gregorian; a year this large is a Buddhist Era year typed into an ISO date.</summary>
    private const int FirstBuddhistLookingYear = 2400;

    public static Validated<ReportOrder> Create(ReportOrderDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var kindResult = ReportKinds.Parse(draft.Kind);
        errors.Take(kindResult);
        ReportingRound? round = null;
        if (kindResult.IsValid)
        {
            if (kindResult.Value.HasRound())
            {
                round = string.IsNullOrWhiteSpace(draft.Round)
                    ? Missing(errors, "round")
                    : errors.Take(ReportingRound.Parse(draft.Round));
            }
            else if (draft.Round is not null)
            {
                errors.Add(ErrorCodes.NotAllowed, "round",
                    "เอกสารชนิดนี้ไม่แยกตามรอบ ไม่ต้องระบุ round", "This kind of document covers the whole year; leave round out.");
            }
        }

        var memo = draft.Memo ?? new MemoDraft();
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
        ArgumentNullException.ThrowIfNull(profile);
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
            return Validated<DateOnly>.Fail(new ValidationError(ErrorCodes.YearLooksLikeBe, field,
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
