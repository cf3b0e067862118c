// SPDX-License-Identifier: MIT
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>
/// A Thai government fiscal year (ปีงบประมาณ) in Buddhist Era: FY N runs from 1 October of
/// N−1 to 30 September of N (FY 2569 = 1 Oct 2025 – 30 Sep 2026, Gregorian dates).
/// </summary>
public sealed class FiscalYear : IEquatable<FiscalYear>, IComparable<FiscalYear>
{
    public const int MinYear = 2500;
    public const int MaxYear = 2700;

    private FiscalYear(int year) => Year = year;

    /// <summary>The Buddhist Era year, e.g. 2569.</summary>
    public int Year { get; }

    /// <summary>1 October of the previous year.</summary>
    public DateOnly Start => new(BuddhistEra.ToCommonEra(Year) - 1, 10, 1);

    /// <summary>30 September.</summary>
    public DateOnly End => new(BuddhistEra.ToCommonEra(Year), 9, 30);

    /// <summary>October of the previous year.</summary>
    public YearMonth FirstMonth => YearMonth.Of(Year - 1, 10);

    /// <summary>September.</summary>
    public YearMonth LastMonth => YearMonth.Of(Year, 9);

    public FiscalYear Next => Of(Year + 1);

    public FiscalYear Previous => Of(Year - 1);

    public static Validated<FiscalYear> Create(int year, string field = "fiscalYear") =>
        BuddhistEra.CheckYear(year, field, MinYear, MaxYear).Map(y => new FiscalYear(y));

    /// <summary>Throws <see cref="ValidationException"/> for a year outside 2500..2700 (or a ค.ศ.-looking year).</summary>
    public static FiscalYear Of(int year) => Create(year).Value;

    /// <summary>Parses "2569" or "๒๕๖๙" (optionally prefixed "พ.ศ.").</summary>
    public static Validated<FiscalYear> Parse(string? text, string field = "fiscalYear")
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.StartsWith("พ.ศ.", StringComparison.Ordinal)) trimmed = trimmed[4..];
        return ThaiDigits.TryParseInt(trimmed, out var year)
            ? Create(year, field)
            : Validated<FiscalYear>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "ปีงบประมาณต้องเป็นตัวเลขปี พ.ศ. เช่น 2569",
                "The fiscal year must be a Buddhist Era year such as 2569."));
    }

    /// <summary>The fiscal year containing <paramref name="date"/>.</summary>
    public static FiscalYear FromDate(DateOnly date)
    {
        var be = BuddhistEra.FromCommonEra(date.Year);
        return Of(date.Month >= 10 ? be + 1 : be);
    }

    /// <summary>The fiscal year at <paramref name="instant"/> in Bangkok (UTC+7).</summary>
    public static FiscalYear From(DateTimeOffset instant) => FromDate(BangkokTime.DateOf(instant));

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    public bool Contains(YearMonth month) => month >= FirstMonth && month <= LastMonth;

    public bool Equals(FiscalYear? other) => other is not null && other.Year == Year;

    public override bool Equals(object? obj) => Equals(obj as FiscalYear);

    public override int GetHashCode() => Year;

    public int CompareTo(FiscalYear? other) => other is null ? 1 : Year.CompareTo(other.Year);

    public static bool operator ==(FiscalYear? a, FiscalYear? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(FiscalYear? a, FiscalYear? b) => !(a == b);

    public static bool operator <(FiscalYear a, FiscalYear b) => a.Year < b.Year;

    public static bool operator >(FiscalYear a, FiscalYear b) => a.Year > b.Year;

    public static bool operator <=(FiscalYear a, FiscalYear b) => a.Year <= b.Year;

    public static bool operator >=(FiscalYear a, FiscalYear b) => a.Year >= b.Year;

    /// <summary>"2569".</summary>
    public override string ToString() => Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
