// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>A calendar month with its Buddhist Era year; text form "2568-10" (October 2025).</summary>
public sealed class YearMonth : IEquatable<YearMonth>, IComparable<YearMonth>
{
    // One month before the first fiscal year starts, so that FY 2500's October exists.
    public const int MinYear = FiscalYear.MinYear - 1;
    public const int MaxYear = FiscalYear.MaxYear;

    private YearMonth(int year, int month)
    {
        Year = year;
        Month = month;
    }

    /// <summary>Buddhist Era year.</summary>
    public int Year { get; }

    /// <summary>1..12.</summary>
    public int Month { get; }

    public DateOnly FirstDay => new(BuddhistEra.ToCommonEra(Year), Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    /// <summary>The fiscal year this month belongs to (October starts the next one).</summary>
    public FiscalYear FiscalYear => FiscalYear.Of(Month >= 10 ? Year + 1 : Year);

    public static Validated<YearMonth> Create(int year, int month, string field = "")
    {
        var errors = new ErrorCollector();
        var y = errors.Take(BuddhistEra.CheckYear(year, field, MinYear, MaxYear));
        if (month is < 1 or > 12)
        {
            errors.Add(ErrorCodes.OutOfRange, field, "เดือนต้องอยู่ระหว่าง 1 ถึง 12", "The month must be between 1 and 12.");
        }

        return errors.Result(() => new YearMonth(y, month));
    }

    public static YearMonth Of(int year, int month) => Create(year, month).Value;

    public static YearMonth FromDate(DateOnly date) => Of(BuddhistEra.FromCommonEra(date.Year), date.Month);

    /// <summary>Parses "2568-10" (Thai digits accepted: "๒๕๖๘-๑๐").</summary>
    public static Validated<YearMonth> Parse(string? text, string field = "")
    {
        var parts = ThaiDigits.ToAsciiDigits(text?.Trim() ?? "").Split('-');
        if (parts.Length == 2 && parts[0].Length == 4 && parts[1].Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month))
        {
            return Create(year, month, field);
        }

        return Validated<YearMonth>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
            "เดือนต้องอยู่ในรูปแบบ ปี พ.ศ.-เดือน เช่น 2568-10",
            "A month must be written as BuddhistYear-Month, e.g. 2568-10."));
    }

    public YearMonth AddMonths(int months)
    {
        var index = Year * 12 + (Month - 1) + months;
        return Of(index / 12, index % 12 + 1);
    }

    public bool Equals(YearMonth? other) => other is not null && other.Year == Year && other.Month == Month;

    public override bool Equals(object? obj) => Equals(obj as YearMonth);

    public override int GetHashCode() => HashCode.Combine(Year, Month);

    public int CompareTo(YearMonth? other) =>
        other is null ? 1 : (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public static bool operator ==(YearMonth? a, YearMonth? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(YearMonth? a, YearMonth? b) => !(a == b);

    public static bool operator <(YearMonth a, YearMonth b) => a.CompareTo(b) < 0;

    public static bool operator >(YearMonth a, YearMonth b) => a.CompareTo(b) > 0;

    public static bool operator <=(YearMonth a, YearMonth b) => a.CompareTo(b) <= 0;

    public static bool operator >=(YearMonth a, YearMonth b) => a.CompareTo(b) >= 0;

    /// <summary>"2568-10".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}
