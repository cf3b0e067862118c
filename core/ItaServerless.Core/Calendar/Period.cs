// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>
/// When a measure runs (ระยะเวลาดำเนินการ): a range of months inside one fiscal year, or the
/// whole year. A range covering October..September is the whole year (one representation).
/// </summary>
public sealed class Period : IEquatable<Period>
{
    private Period(FiscalYear year, YearMonth from, YearMonth to)
    {
        FiscalYear = year;
        From = from;
        To = to;
    }

    public FiscalYear FiscalYear { get; }

    /// <summary>First month (October for the whole year).</summary>
    public YearMonth From { get; }

    /// <summary>Last month, inclusive (September for the whole year).</summary>
    public YearMonth To { get; }

    public bool IsWholeYear => From == FiscalYear.FirstMonth && To == FiscalYear.LastMonth;

    public DateOnly Start => From.FirstDay;

    public DateOnly End => To.LastDay;

    public static Period WholeYear(FiscalYear year) => new(year, year.FirstMonth, year.LastMonth);

    /// <summary>Validates that both months lie in <paramref name="year"/> and are in order.</summary>
    public static Validated<Period> Months(FiscalYear year, YearMonth from, YearMonth to, string field = "period")
    {
        var errors = new ErrorCollector();
        CheckInside(errors, year, from, FieldPath.Join(field, "from"));
        CheckInside(errors, year, to, FieldPath.Join(field, "to"));
        if (!errors.HasErrors && from > to)
        {
            errors.Add(ErrorCodes.PeriodReversed, FieldPath.Join(field, "to"),
                "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น", "The last month must not be before the first month.");
        }

        return errors.Result(() => new Period(year, from, to));
    }

    /// <summary>
    /// From the API's text form: both months null or empty = the whole year; otherwise both
    /// "2568-10"-style months are required. Errors name "period.from" / "period.to".
    /// </summary>
    public static Validated<Period> Create(FiscalYear year, string? from, string? to, string field = "period")
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to)) return Validated<Period>.Ok(WholeYear(year));
        var errors = new ErrorCollector();
        var f = errors.Take(ParseMonth(from, FieldPath.Join(field, "from")));
        var t = errors.Take(ParseMonth(to, FieldPath.Join(field, "to")));
        return errors.HasErrors ? Validated<Period>.Fail(errors.Errors.ToArray()) : Months(year, f!, t!, field);
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Equals(Period? other) =>
        other is not null && other.FiscalYear == FiscalYear && other.From == From && other.To == To;

    public override bool Equals(object? obj) => Equals(obj as Period);

    public override int GetHashCode() => HashCode.Combine(FiscalYear, From, To);

    /// <summary>"2568-10..2569-04"; the Thai text is <see cref="Thai.ThaiFormat.Period"/>.</summary>
    public override string ToString() => $"{From}..{To}";

    private static Validated<YearMonth> ParseMonth(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? Validated<YearMonth>.Fail(TextRules.Required(field)) : YearMonth.Parse(text, field);

    private static void CheckInside(ErrorCollector errors, FiscalYear year, YearMonth month, string field)
    {
        if (year.Contains(month)) return;
        errors.Add(ErrorCodes.PeriodOutsideYear, field,
            $"เดือนต้องอยู่ในปีงบประมาณ พ.ศ. {year.Year} (ตุลาคม {year.Year - 1} ถึง กันยายน {year.Year})",
            $"The month must lie in fiscal year {year.Year} ({year.FirstMonth} to {year.LastMonth}).");
    }
}
