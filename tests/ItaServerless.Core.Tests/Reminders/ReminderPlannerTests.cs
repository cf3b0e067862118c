// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reminders;

namespace ItaServerless.Core.Tests.Reminders;

public class ReminderPlannerTests
{
    private const string Org = "na-kham";
    private static readonly FiscalYear Fy = FiscalYear.Of(2569);
    private static readonly FiscalYearRound Six = new(Fy, ReportingRound.SixMonths);
    private static readonly FiscalYearRound Twelve = new(Fy, ReportingRound.TwelveMonths);

    private static readonly Unit Office = new(Org, "office", "สำนักปลัด", [new Contact("สมชาย ใจดี", "office@na-kham.go.th")]);
    private static readonly Unit Finance = new(Org, "finance", "กองคลัง",
        [new Contact("สมหญิง รักงาน", "finance@na-kham.go.th"), new Contact("สมศรี มีสุข", "somsri@na-kham.go.th")]);
    private static readonly Unit Works = new(Org, "works", "กองช่าง", [new Contact("ช่างหนึ่ง", "works@na-kham.go.th")]);

    private static readonly Contact Drafter = new Contact("นักวิเคราะห์นโยบายและแผน", "plan@na-kham.go.th");
    private static readonly Contact Secretary = new Contact("ปลัด อบต.", "palad@na-kham.go.th");

    private static readonly OfficialContact[] Officials =
    [
        new(OfficialRole.Drafter, Drafter),
        new(OfficialRole.PermanentSecretary, Secretary),
        new(OfficialRole.Executive, new Contact("นายก อบต.", "mayor@na-kham.go.th")),
    ];

    private static readonly Measure M1 = Ita(1, "office");
    private static readonly Measure M2 = Ita(2, "finance");
    private static readonly Measure M3 = Ita(3, "*");
    private static readonly Measure M4 = AntiCorruption(1, "works");

    private static Measure Ita(int number, params string[] units) =>
        Measure.Create(new MeasureDraft("ita", number, $"มาตรการที่ {number}", Indicators: [9], Responsible: units), Fy, null).Value;

    private static Measure AntiCorruption(int number, params string[] units) =>
        Measure.Create(new MeasureDraft("anticorruption", number, $"โครงการที่ {number}", Responsible: units, Kind: "project", Dimension: 1), Fy, null).Value;

    private static Progress Report(Measure measure, FiscalYearRound round) =>
        Progress.Create(new ProgressDraft("done", Reporter: new ReporterDraft("ผู้รายงาน", null)), measure, round.Round).Value;

    private sealed record Dated(DateOnly On, Progress Report);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    // When each report arrives (before the 09:00 run of that day).
    private static readonly Dated[] Reports =
    [
        new(D(2026, 3, 20), Report(M4, Six)),
        new(D(2026, 4, 10), Report(M2, Six)),
        new(D(2026, 4, 25), Report(M3, Six)),
        new(D(2026, 5, 10), Report(M1, Six)),
        new(D(2026, 10, 15), Report(M2, Twelve)),
        new(D(2026, 10, 15), Report(M3, Twelve)),
        new(D(2026, 10, 15), Report(M4, Twelve)),
        new(D(2026, 11, 20), Report(M1, Twelve)),
    ];

    private static ReminderInput Input(DateOnly today, IReadOnlySet<string> sent, RoundDueDates? dueDates = null,
        IReadOnlyList<Measure>? measures = null, IReadOnlyList<Unit>? units = null) =>
        new(today, Org, dueDates ?? RoundDueDates.Default, units ?? [Office, Finance, Works], Officials,
            MeasureReporting.Of(measures ?? [M1, M2, M3, M4], Reports.Where(r => r.On <= today).Select(r => r.Report)), sent);

    /// <summary>Runs the planner on each day, marking every planned reminder as delivered.</summary>
    private static List<ReminderToSend> RunDays(IEnumerable<DateOnly> days, HashSet<string> sent, Func<DateOnly, HashSet<string>, ReminderInput>? input = null)
    {
        var all = new List<ReminderToSend>();
        foreach (var day in days)
        {
            var planned = ReminderPlanner.Plan((input ?? ((d, s) => Input(d, s)))(day, sent));
            foreach (var r in planned) Assert.True(sent.Add(r.Key.Value), $"{r.Key} planned twice");
            all.AddRange(planned);
        }

        return all;
    }

    private static IEnumerable<DateOnly> EveryDay(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private static string Describe(ReminderToSend r) =>
        $"{r.Today:yyyy-MM-dd} {r.Key.Value} [{string.Join(",", r.Measures.Select(m => m.Key.ToString()))}]" + (r.Cc.Count > 0 ? " cc" : "");

    [Fact]
    public void Full_fiscal_year_run_every_day_sends_exactly_the_expected_reminders()
    {
        var sent = new HashSet<string>();
        var actual = RunDays(EveryDay(D(2025, 10, 1), D(2027, 6, 30)), sent).Select(Describe).ToArray();

        string[] expected =
        [
            // 6-month round, due 30 April 2569 (2026).
            "2026-03-31 2569|6m|office|-30 [ita-1,ita-3]",
            "2026-03-31 2569|6m|finance|-30 [ita-2,ita-3]",
            "2026-03-31 2569|6m|works|-30 [ita-3]",
            "2026-04-16 2569|6m|office|-14 [ita-1,ita-3]",
            "2026-04-16 2569|6m|finance|-14 [ita-3]",
            "2026-04-16 2569|6m|works|-14 [ita-3]",
            "2026-04-23 2569|6m|office|-7 [ita-1,ita-3]",
            "2026-04-23 2569|6m|finance|-7 [ita-3]",
            "2026-04-23 2569|6m|works|-7 [ita-3]",
            "2026-04-27 2569|6m|office|-3 [ita-1]",
            "2026-04-29 2569|6m|office|-1 [ita-1]",
            "2026-04-30 2569|6m|office|0 [ita-1]",
            "2026-05-07 2569|6m|office|7 [ita-1] cc",
            // 12-month round, due 31 October 2569 (2026).
            "2026-10-01 2569|12m|office|-30 [ita-1,ita-3]",
            "2026-10-01 2569|12m|finance|-30 [ita-2,ita-3]",
            "2026-10-01 2569|12m|works|-30 [ita-3,anticorruption-1]",
            "2026-10-17 2569|12m|office|-14 [ita-1]",
            "2026-10-24 2569|12m|office|-7 [ita-1]",
            "2026-10-28 2569|12m|office|-3 [ita-1]",
            "2026-10-30 2569|12m|office|-1 [ita-1]",
            "2026-10-31 2569|12m|office|0 [ita-1]",
            "2026-11-07 2569|12m|office|7 [ita-1] cc",
            "2026-11-14 2569|12m|office|14 [ita-1] cc",
        ];
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Recipients_are_the_unit_contacts_and_overdue_copies_planning_officer_and_secretary()
    {
        var sent = new HashSet<string>();
        var all = RunDays(EveryDay(D(2026, 3, 31), D(2026, 5, 7)), sent);

        var early = all.Single(r => r.Key.Value == "2569|6m|finance|-30");
        Assert.Equal(new[] { "finance@na-kham.go.th", "somsri@na-kham.go.th" }, early.To.Select(t => t.Email));
        Assert.Empty(early.Cc);
        Assert.False(early.Overdue);
        Assert.Equal(30, early.DaysLeft);

        var onDay = all.Single(r => r.Key.Value == "2569|6m|office|0");
        Assert.Empty(onDay.Cc);
        Assert.Equal(0, onDay.DaysLeft);

        var late = all.Single(r => r.Key.Value == "2569|6m|office|7");
        Assert.True(late.Overdue);
        Assert.Equal(new[] { "office@na-kham.go.th" }, late.To.Select(t => t.Email));
        Assert.Equal(new[] { "plan@na-kham.go.th", "palad@na-kham.go.th" }, late.Cc.Select(t => t.Email));
        Assert.Equal(7, late.DaysOverdue);
        Assert.Equal(D(2026, 4, 30), late.DueDate);
        Assert.Equal(Six, late.Round);
    }

    [Fact]
    public void Skipped_days_send_only_the_latest_slot()
    {
        var sent = new HashSet<string>();
        var first = RunDays([D(2026, 4, 20)], sent);
        Assert.Equal(new[] { "2569|6m|office|-14", "2569|6m|finance|-14", "2569|6m|works|-14" }, first.Select(r => r.Key.Value));

        // Down from 21 to 28 April: on the 29th one current reminder, not the missed -7 and -3.
        var second = RunDays([D(2026, 4, 29)], sent);
        Assert.Equal(new[] { "2569|6m|office|-1" }, second.Select(r => r.Key.Value));

        // Down for weeks while overdue: one reminder, the latest overdue slot, with the copies.
        var third = RunDays([D(2026, 5, 9)], sent).Single();
        Assert.Equal("2569|6m|office|7", third.Key.Value);
        Assert.Equal(9, third.DaysOverdue);
        Assert.Equal(2, third.Cc.Count);
    }

    [Fact]
    public void After_downtime_on_the_days_after_the_due_date_the_on_the_day_slot_is_sent_late()
    {
        var sent = new HashSet<string>();
        var late = RunDays([D(2026, 5, 3)], sent).Single();
        Assert.Equal("2569|6m|office|0", late.Key.Value);
        Assert.Equal(3, late.DaysOverdue);
        Assert.False(late.Overdue);
        Assert.Empty(late.Cc);
    }

    [Fact]
    public void Already_sent_keys_are_never_sent_again()
    {
        var sent = new HashSet<string>();
        Assert.NotEmpty(RunDays([D(2026, 4, 23)], sent));
        // Timer fired twice, or later the same week: the current slot is sent, nothing goes out.
        Assert.Empty(ReminderPlanner.Plan(Input(D(2026, 4, 23), sent)));
        Assert.Empty(ReminderPlanner.Plan(Input(D(2026, 4, 26), sent)));

        // An older slot that was never sent is not sent either when a newer one was.
        var onlyLatest = new HashSet<string> { "2569|6m|office|-3" };
        Assert.DoesNotContain(ReminderPlanner.Plan(Input(D(2026, 4, 28), onlyLatest)), r => r.Unit.Id == "office");
    }

    [Fact]
    public void A_measure_added_late_gives_one_current_reminder()
    {
        var sent = new HashSet<string>();
        RunDays(EveryDay(D(2026, 3, 31), D(2026, 4, 25)), sent);
        // Works was reminded at -7 (for ita-3): its new measure waits for the -3 slot.
        // The new unit hr gets the current -7 slot only, not -30 and -14 as well.
        var hr = new Unit("na-kham", "hr", "งานบุคคล", [new Contact("บุคคล", "hr@na-kham.go.th")]);
        var measures = new[] { M1, M2, M3, M4, AntiCorruption(2, "works"), Ita(5, "hr") };
        var after = RunDays(EveryDay(D(2026, 4, 26), D(2026, 4, 30)), sent,
            (d, s) => Input(d, s, measures: measures, units: [Office, Finance, Works, hr]));
        Assert.Equal(
            new[]
            {
                "2026-04-26 2569|6m|hr|-7 [ita-5]",
                "2026-04-27 2569|6m|office|-3 [ita-1]",
                "2026-04-27 2569|6m|works|-3 [anticorruption-2]",
                "2026-04-27 2569|6m|hr|-3 [ita-5]",
                "2026-04-29 2569|6m|office|-1 [ita-1]",
                "2026-04-29 2569|6m|works|-1 [anticorruption-2]",
                "2026-04-29 2569|6m|hr|-1 [ita-5]",
                "2026-04-30 2569|6m|office|0 [ita-1]",
                "2026-04-30 2569|6m|works|0 [anticorruption-2]",
                "2026-04-30 2569|6m|hr|0 [ita-5]",
            },
            after.Select(Describe));
    }

    [Fact]
    public void A_unit_with_everything_reported_gets_nothing()
    {
        var sent = new HashSet<string>();
        var all = RunDays(EveryDay(D(2026, 4, 25), D(2026, 10, 30)), sent).Where(r => r.Round == Six).ToArray();
        Assert.NotEmpty(all);
        Assert.DoesNotContain(all, r => r.Unit.Id is "finance" or "works");
        Assert.All(all, r => Assert.Equal("office", r.Unit.Id));

        // A unit named by no measure (and no every-division measure pending) gets nothing at all.
        var hr = new Unit("na-kham", "hr", "งานบุคคล", [new Contact("บุคคล", "hr@na-kham.go.th")]);
        var planned = ReminderPlanner.Plan(Input(D(2026, 4, 27), new HashSet<string>(), units: [Office, Finance, Works, hr]));
        Assert.DoesNotContain(planned, r => r.Unit.Id == "hr");
    }

    [Fact]
    public void Due_date_overrides_move_the_whole_schedule()
    {
        var dueDates = RoundDueDates.Create(5, 15, 11, 15).Value;
        var sent = new HashSet<string>();
        var all = RunDays(EveryDay(D(2026, 3, 1), D(2026, 5, 31)), sent,
            (d, s) => Input(d, s, dueDates, measures: [Ita(9, "finance")]));
        Assert.Equal(
            new[]
            {
                "2026-04-15 2569|6m|finance|-30 [ita-9]",
                "2026-05-01 2569|6m|finance|-14 [ita-9]",
                "2026-05-08 2569|6m|finance|-7 [ita-9]",
                "2026-05-12 2569|6m|finance|-3 [ita-9]",
                "2026-05-14 2569|6m|finance|-1 [ita-9]",
                "2026-05-15 2569|6m|finance|0 [ita-9]",
                "2026-05-22 2569|6m|finance|7 [ita-9] cc",
                "2026-05-29 2569|6m|finance|14 [ita-9] cc",
            },
            all.Select(Describe));
        Assert.All(all, r => Assert.Equal(D(2026, 5, 15), r.DueDate));
    }

    [Fact]
    public void Overdue_reminders_stop_before_the_next_round_is_due()
    {
        var sent = new HashSet<string>();
        var all = RunDays(EveryDay(D(2026, 4, 30), D(2026, 11, 30)), sent, (d, s) => Input(d, s, measures: [Ita(9, "works")]));
        var six = all.Where(r => r.Round == Six).ToArray();
        Assert.Equal(1 + 26, six.Length); // on the day, then +7 .. +182 (29 Oct); none from 31 Oct.
        Assert.Equal(D(2026, 10, 29), six[^1].Today);
    }

    [Fact]
    public void A_unit_without_contacts_is_reminded_through_the_planning_officer()
    {
        var silent = new Unit("na-kham", "works", "กองช่าง", []);
        var planned = ReminderPlanner.Plan(Input(D(2026, 5, 7), new HashSet<string>(), measures: [Ita(9, "works")], units: [silent]));
        var r = planned.Single();
        Assert.Equal(new[] { "plan@na-kham.go.th" }, r.To.Select(t => t.Email));
        Assert.Equal(new[] { "palad@na-kham.go.th" }, r.Cc.Select(t => t.Email));
    }
}
