// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Calendar;

/// <summary>
/// One round of one fiscal year, e.g. the 6-month round of FY 2569.
/// Open-for-reporting rule: the 6m round opens when the fiscal year starts (1 Oct); the 12m
/// round opens the day after the 6m period ends (1 Apr), when the second half begins. Each
/// stays open until its due date, inclusive. Rounds can overlap: in October the previous
/// year's 12m round (due 31 Oct by default) and the new year's 6m round are both open.
/// </summary>
public sealed record FiscalYearRound(FiscalYear Year, ReportingRound Round)
{
    public FiscalYear Year { get; } = Year ?? throw new ArgumentNullException(nameof(Year));

    public ReportingRound Round { get; } = Round ?? throw new ArgumentNullException(nameof(Round));

    public DateOnly PeriodStart => Round.PeriodStart(Year);

    public DateOnly PeriodEnd => Round.PeriodEnd(Year);

    public DateOnly OpensOn =>
        Round == ReportingRound.SixMonths ? Year.Start : ReportingRound.SixMonths.PeriodEnd(Year).AddDays(1);

    public DateOnly DueDate(RoundDueDates dueDates) => dueDates.DueDate(Year, Round);

    public bool IsOpenOn(DateOnly date, RoundDueDates dueDates) => date >= OpensOn && date <= DueDate(dueDates);

    /// <summary>True after the due date.</summary>
    public bool IsOverdueOn(DateOnly date, RoundDueDates dueDates) => date > DueDate(dueDates);

    /// <summary>The rounds open on <paramref name="date"/>, earliest due date first.</summary>
    public static IReadOnlyList<FiscalYearRound> OpenOn(DateOnly date, RoundDueDates dueDates) =>
        AroundDate(date)
            .Where(r => r.IsOpenOn(date, dueDates))
            .OrderBy(r => r.DueDate(dueDates))
            .ToArray();

    /// <summary>
    /// The rounds of the fiscal year of <paramref name="date"/> and the year before: a due date
    /// (and anything tied to it, like reminders) is less than a year after its period's end, so
    /// no other round can be open or due around that date.
    /// </summary>
    public static IEnumerable<FiscalYearRound> AroundDate(DateOnly date)
    {
        var current = FiscalYear.FromDate(date);
        var years = current.Year > FiscalYear.MinYear ? new[] { current.Previous, current } : new[] { current };
        return years.SelectMany(y => ReportingRound.All.Select(r => new FiscalYearRound(y, r)));
    }

    /// <summary>The open rounds at an instant, in Bangkok time.</summary>
    public static IReadOnlyList<FiscalYearRound> OpenAt(DateTimeOffset instant, RoundDueDates dueDates) =>
        OpenOn(BangkokTime.DateOf(instant), dueDates);

    public override string ToString() => $"{Year}/{Round.Code}";
}
