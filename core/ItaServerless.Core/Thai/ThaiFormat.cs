// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Core.Thai;

/// <summary>
/// The one place where dates, periods, money, percentages and scores become Thai text.
/// Dates and periods default to Thai digits (running text of official documents); numbers
/// default to ASCII digits (tables, as in seed 003); every method has a <c>thaiDigits</c> switch.
/// </summary>
public static class ThaiFormat
{
    /// <summary>The separator of a month range: an en dash between spaces.</summary>
    public const string RangeSeparator = " – ";

    /// <summary>"ทุกส่วนราชการ": every division of the organization.</summary>
    public const string EveryDivision = "ทุกส่วนราชการ";

    public static string Digits(string text, bool thaiDigits) => thaiDigits ? ThaiDigits.ToThaiDigits(text) : text;

    /// <summary>"๒ ตุลาคม ๒๕๖๖" (Buddhist Era year).</summary>
    public static string Date(DateOnly date, bool thaiDigits = true) =>
        Digits(string.Create(CultureInfo.InvariantCulture,
            $"{date.Day} {ThaiMonths.Full(date.Month)} {BuddhistEra.FromCommonEra(date.Year)}"), thaiDigits);

    /// <summary>"๒ ตุลาคม พ.ศ. ๒๕๖๖": the form official documents sign with (ประกาศ ณ วันที่ …).</summary>
    public static string FormalDate(DateOnly date, bool thaiDigits = true) =>
        Digits(string.Create(CultureInfo.InvariantCulture,
            $"{date.Day} {ThaiMonths.Full(date.Month)} พ.ศ. {BuddhistEra.FromCommonEra(date.Year)}"), thaiDigits);

    /// <summary>The Bangkok date of an instant, as <see cref="Date(DateOnly, bool)"/>.</summary>
    public static string Date(DateTimeOffset instant, bool thaiDigits = true) => Date(BangkokTime.DateOf(instant), thaiDigits);

    /// <summary>"ตุลาคม ๒๕๖๕".</summary>
    public static string MonthYear(YearMonth month, bool thaiDigits = true) =>
        Digits(string.Create(CultureInfo.InvariantCulture, $"{ThaiMonths.Full(month.Month)} {month.Year}"), thaiDigits);

    /// <summary>"ต.ค.๖๕": abbreviated month and the last two digits of the พ.ศ. year.</summary>
    public static string MonthYearShort(YearMonth month, bool thaiDigits = true) =>
        Digits(string.Create(CultureInfo.InvariantCulture, $"{ThaiMonths.Abbreviated(month.Month)}{month.Year % 100:D2}"), thaiDigits);

    /// <summary>
    /// "ต.ค.๖๕ – เม.ย.๖๖" for a range, "ต.ค.๖๕" for one month,
    /// "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙" for the whole year.
    /// </summary>
    public static string Period(Period period, bool thaiDigits = true)
    {
        if (period.IsWholeYear) return "ตลอด" + FiscalYear(period.FiscalYear, thaiDigits);
        var from = MonthYearShort(period.From, thaiDigits);
        return period.From == period.To ? from : from + RangeSeparator + MonthYearShort(period.To, thaiDigits);
    }

    /// <summary>"ปีงบประมาณ พ.ศ. ๒๕๖๙".</summary>
    public static string FiscalYear(FiscalYear year, bool thaiDigits = true) =>
        "ปีงบประมาณ พ.ศ. " + Digits(year.ToString(), thaiDigits);

    /// <summary>"รอบ ๖ เดือน" / "รอบ ๑๒ เดือน".</summary>
    public static string RoundName(ReportingRound round, bool thaiDigits = true) =>
        "รอบ " + Digits(round.Months.ToString(CultureInfo.InvariantCulture), thaiDigits) + " เดือน";

    /// <summary>"4,840.00": thousands grouped, always 2 decimals.</summary>
    public static string Number(decimal value, bool thaiDigits = false) =>
        Digits(value.ToString("#,##0.00", CultureInfo.InvariantCulture), thaiDigits);

    /// <summary>"15" or "๑๕": a whole count.</summary>
    public static string Count(int value, bool thaiDigits = false) =>
        Digits(value.ToString("#,##0", CultureInfo.InvariantCulture), thaiDigits);

    /// <summary>"4,840.00 บาท".</summary>
    public static string Baht(Baht amount, bool thaiDigits = false) => Number(amount.Amount, thaiDigits) + " บาท";

    /// <summary>"4,840.00" without the unit, for table cells.</summary>
    public static string BahtAmount(Baht amount, bool thaiDigits = false) => Number(amount.Amount, thaiDigits);

    /// <summary>"ไม่ใช้งบประมาณ" for a zero budget, otherwise <see cref="Baht"/>.</summary>
    public static string Budget(Baht budget, bool thaiDigits = false) =>
        budget.IsZero ? "ไม่ใช้งบประมาณ" : Baht(budget, thaiDigits);

    /// <summary>"ร้อยละ 4.84" (value already a percentage; rounded half-up to 2 decimals).</summary>
    public static string Percent(decimal percent, bool thaiDigits = false) =>
        "ร้อยละ " + Number(Percentage.Round(percent), thaiDigits);

    /// <summary>"83.03" or "๘๓.๐๓": a score, always with 2 decimals.</summary>
    public static string Score(Score score, bool thaiDigits = false) =>
        Digits(score.Value.ToString("0.00", CultureInfo.InvariantCulture), thaiDigits);
}
