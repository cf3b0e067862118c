// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>A day of the year (month and day) on which a report is due; 29 February is refused.</summary>
public readonly record struct DueDay
{
    private DueDay(int month, int day)
    {
        Month = month;
        Day = day;
    }

    public int Month { get; }

    public int Day { get; }

    public static Validated<DueDay> Create(int month, int day, string field = "")
    {
        // 2001 is not a leap year: 29 Feb is refused because it does not exist every year.
        var valid = month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2001, month);
        return valid
            ? Validated<DueDay>.Ok(new DueDay(month, day))
            : Validated<DueDay>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
                "วันครบกำหนดไม่ใช่วันที่ที่มีอยู่ทุกปี",
                "The due day must be a day that exists every year (month 1–12, not 29 February)."));
    }

    public static DueDay Of(int month, int day) => Create(month, day).Value;

    /// <summary>The first date with this month and day on or after <paramref name="date"/>.</summary>
    public DateOnly OnOrAfter(DateOnly date)
    {
        var candidate = new DateOnly(date.Year, Month, Day);
        return candidate >= date ? candidate : candidate.AddYears(1);
    }

    public override string ToString() => $"{Month:D2}-{Day:D2}";
}

/// <summary>
/// When each round's report is due, per organization. The due date of a round is the first
/// occurrence of its <see cref="DueDay"/> on or after the round's period end; the defaults
/// give 30 April (6m) and 31 October (12m, one month after the fiscal year ends).
/// </summary>
public sealed record RoundDueDates
{
    public static readonly RoundDueDates Default = new(DueDay.Of(4, 30), DueDay.Of(10, 31));

    public RoundDueDates(DueDay sixMonths, DueDay twelveMonths)
    {
        if (sixMonths == default || twelveMonths == default) throw new ArgumentException("Use DueDay.Create to build due days.");
        SixMonths = sixMonths;
        TwelveMonths = twelveMonths;
    }

    public DueDay SixMonths { get; }

    public DueDay TwelveMonths { get; }

    /// <summary>From raw numbers, errors named "sixMonths" and "twelveMonths" under <paramref name="field"/>.</summary>
    public static Validated<RoundDueDates> Create(int sixMonth, int sixDay, int twelveMonth, int twelveDay, string field = "dueDates")
    {
        var errors = new ErrorCollector();
        var six = errors.Take(DueDay.Create(sixMonth, sixDay, FieldPath.Join(field, "sixMonths")));
        var twelve = errors.Take(DueDay.Create(twelveMonth, twelveDay, FieldPath.Join(field, "twelveMonths")));
        return errors.Result(() => new RoundDueDates(six, twelve));
    }

    public DueDay For(ReportingRound round) => round == ReportingRound.SixMonths ? SixMonths : TwelveMonths;

    public DateOnly DueDate(FiscalYear year, ReportingRound round) => For(round).OnOrAfter(round.PeriodEnd(year));
}
