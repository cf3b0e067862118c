// SPDX-License-Identifier: MIT
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;
using ItaServerless.Notifications.Messages;
using IcalCalendar = Ical.Net.Calendar;

namespace ItaServerless.Notifications.Calendar;

/// <summary>
/// An organization's reporting deadlines as an iCalendar feed (RFC 5545) for staff to
/// subscribe to: one all-day event per round due date of the current and the next fiscal
/// year, plus last year's rounds not yet due, each with alarms 7 days and 1 day before.
/// UIDs are stable (organization, year, round), so a changed due date moves the event.
/// </summary>
public static class DeadlineCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string ProductId = "-//ITA Serverless//Deadlines//TH";

    /// <summary>The rounds in the feed on <paramref name="today"/>, earliest due date first.</summary>
    public static IReadOnlyList<FiscalYearRound> Rounds(DateOnly today, RoundDueDates dueDates)
    {
        var current = FiscalYear.FromDate(today);
        var rounds = new List<FiscalYearRound>();
        if (current.Year > FiscalYear.MinYear)
        {
            rounds.AddRange(ReportingRound.All.Select(r => new FiscalYearRound(current.Previous, r)).Where(r => r.DueDate(dueDates) >= today));
        }

        rounds.AddRange(ReportingRound.All.Select(r => new FiscalYearRound(current, r)));
        if (current.Year < FiscalYear.MaxYear) rounds.AddRange(ReportingRound.All.Select(r => new FiscalYearRound(current.Next, r)));
        return rounds.OrderBy(r => r.DueDate(dueDates)).ToArray();
    }

    /// <param name="organization">The organization id (used in UIDs).</param>
    /// <param name="organizationName">Shown as the calendar's name and in descriptions.</param>
    /// <param name="now">The generation instant: DTSTAMP, and "today" in Bangkok.</param>
    public static string Build(string organization, string organizationName, RoundDueDates dueDates, DateTimeOffset now, NotificationOptions options)
    {
        var org = Identifier.Check(organization, "organization").Value;
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationName);
        ArgumentNullException.ThrowIfNull(dueDates);
        ArgumentNullException.ThrowIfNull(options);

        var calendar = new IcalCalendar { ProductId = ProductId, Scale = "GREGORIAN", Method = "PUBLISH" };
        // Not in RFC 5545, but what calendar apps show as a subscribed calendar's name and zone.
        calendar.AddProperty("X-WR-CALNAME", $"กำหนดรายงานผลมาตรการ ITA {organizationName}");
        calendar.AddProperty("X-WR-TIMEZONE", "Asia/Bangkok");
        var stamp = new CalDateTime(now.UtcDateTime);

        foreach (var round in Rounds(BangkokTime.DateOf(now), dueDates))
        {
            var due = round.DueDate(dueDates);
            var summary = ReminderTexts.Deadline(round);
            var link = options.ProgressLink(round);
            var deadline = new CalendarEvent
            {
                Uid = $"{round.Year}-{round.Round.Code}-due.{org}@ita-serverless",
                DtStamp = stamp,
                DtStart = new CalDateTime(due),
                DtEnd = new CalDateTime(due.AddDays(1)),
                Summary = summary,
                Description =
                    $"{organizationName}: รายงานผลการดำเนินงานตามมาตรการ{ThaiFormat.RoundName(round.Round)} " +
                    $"{ThaiFormat.FiscalYear(round.Year)} (ช่วง {ThaiFormat.Date(round.PeriodStart)} – {ThaiFormat.Date(round.PeriodEnd)}) " +
                    $"ภายในวันที่ {ThaiFormat.Date(due)}\nรายงานผลได้ที่ {link}",
                Url = new Uri(link),
                Transparency = TransparencyType.Transparent,
                Categories = ["ITA"],
            };
            foreach (var before in new[] { 7, 1 })
            {
                deadline.Alarms.Add(new Alarm
                {
                    Action = AlarmAction.Display,
                    Description = $"{summary} ({ReminderTexts.Timing(before)})",
                    Trigger = new Trigger(Duration.FromDays(-before)),
                });
            }

            calendar.Events.Add(deadline);
        }

        // Ical.Net folds at 75 octets, escapes TEXT and ends lines with CRLF.
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
    }
}
