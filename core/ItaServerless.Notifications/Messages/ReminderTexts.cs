// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Thai;

namespace ItaServerless.Notifications.Messages;

/// <summary>The Thai phrases shared by reminders and the calendar feed (all dates and numbers via <see cref="ThaiFormat"/>).</summary>
public static class ReminderTexts
{
    /// <summary>"ครบกำหนดรายงานผลมาตรการ ITA รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙".</summary>
    public static string Deadline(FiscalYearRound round) =>
        $"ครบกำหนดรายงานผลมาตรการ ITA {ThaiFormat.RoundName(round.Round)} {ThaiFormat.FiscalYear(round.Year)}";

    /// <summary>"อีก ๗ วัน", "ครบกำหนดวันนี้" or "เกินกำหนด ๗ วัน".</summary>
    public static string Timing(int daysLeft) => daysLeft switch
    {
        > 0 => $"อีก {ThaiFormat.Count(daysLeft, thaiDigits: true)} วัน",
        0 => "ครบกำหนดวันนี้",
        _ => $"เกินกำหนด {ThaiFormat.Count(-daysLeft, thaiDigits: true)} วัน",
    };

    /// <summary>"๑." for a measure's number in a list.</summary>
    public static string ListNumber(int number) => ThaiFormat.Count(number, thaiDigits: true) + ".";
}
