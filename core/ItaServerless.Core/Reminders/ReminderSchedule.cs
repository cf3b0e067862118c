// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;

namespace ItaServerless.Core.Reminders;

/// <summary>A round whose reminders run on a given day, with the slot that is current then.</summary>
public sealed record ActiveRound(FiscalYearRound Round, DateOnly DueDate, ReminderSlot Slot);

/// <summary>
/// Which rounds are reminded on which day. A round is reminded from 30 days before its due
/// date (never before it opens) until the day before the next round's due date: by then the
/// organization's attention has moved to the next report, and the weekly overdue reminders
/// must end somewhere so that a sweep's work does not grow with history.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>The round after <paramref name="round"/>: 6m → 12m of the same year → 6m of the next year.</summary>
    public static FiscalYearRound NextRound(FiscalYearRound round) =>
        round.Round == ReportingRound.SixMonths
            ? new FiscalYearRound(round.Year, ReportingRound.TwelveMonths)
            : new FiscalYearRound(round.Year.Next, ReportingRound.SixMonths);

    /// <summary>The first day a reminder of <paramref name="round"/> may go out.</summary>
    public static DateOnly RemindFrom(FiscalYearRound round, RoundDueDates dueDates)
    {
        var first = ReminderSlot.FromOffset(ReminderSlot.BeforeDue[0]).DateFor(round.DueDate(dueDates));
        return first > round.OpensOn ? first : round.OpensOn;
    }

    /// <summary>The last day a reminder of <paramref name="round"/> may go out (never before its due date).</summary>
    public static DateOnly RemindUntil(FiscalYearRound round, RoundDueDates dueDates)
    {
        var due = round.DueDate(dueDates);
        var beforeNext = NextRound(round).DueDate(dueDates).AddDays(-1);
        return beforeNext > due ? beforeNext : due;
    }

    /// <summary>
    /// The rounds reminded on <paramref name="today"/> (Bangkok date), earliest due date first,
    /// each with its current slot. Empty for most of the year: the sweep loads an
    /// organization's measures and reports only when this is not empty.
    /// </summary>
    public static IReadOnlyList<ActiveRound> ActiveOn(DateOnly today, RoundDueDates dueDates)
    {
        ArgumentNullException.ThrowIfNull(dueDates);
        // A window starts at most 30 days before a due date and ends before the next round's due date.
        var active = new List<ActiveRound>();
        foreach (var round in FiscalYearRound.AroundDate(today))
        {
            if (today < RemindFrom(round, dueDates) || today > RemindUntil(round, dueDates)) continue;
            var due = round.DueDate(dueDates);
            if (ReminderSlot.LatestOn(today, due) is { } slot) active.Add(new ActiveRound(round, due, slot));
        }

        return active.OrderBy(a => a.DueDate).ToArray();
    }

    /// <summary>The Bangkok date of <paramref name="instant"/>, as <see cref="ActiveOn(DateOnly, RoundDueDates)"/>.</summary>
    public static IReadOnlyList<ActiveRound> ActiveAt(DateTimeOffset instant, RoundDueDates dueDates) =>
        ActiveOn(BangkokTime.DateOf(instant), dueDates);
}
