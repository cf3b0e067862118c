// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reminders;
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Tests;

/// <summary>Reminders made by the real planner for the tests of messages and channels.</summary>
public static class Samples
{
    public const string OrgName = "องค์การบริหารส่วนตำบลนาคำ";
    public static readonly FiscalYear Fy = FiscalYear.Of(2569);

    public static readonly NotificationOptions Options = new() { PublicBaseUrl = new Uri("https://ita.example.go.th/") };

    public static Measure Ita(int number, string title, params string[] units) =>
        Measure.Create(new MeasureDraft("ita", number, title, Indicators: [9], Responsible: units), Fy, null).Value;

    public static Measure AntiCorruption(int number, string title, params string[] units) =>
        Measure.Create(new MeasureDraft("anticorruption", number, title, Responsible: units, Kind: "project", Dimension: 1), Fy, null).Value;

    /// <summary>The finance unit's 6-month reminder on <paramref name="today"/> (due 30 April 2569).</summary>
    public static ReminderToSend Finance(DateOnly today)
    {
        var finance = new Unit("na-kham", "finance", "กองคลัง",
            [new Contact("สมหญิง รักงาน", "finance@na-kham.go.th"), new Contact("สมศรี มีสุข", "somsri@na-kham.go.th")]);
        var input = new ReminderInput(today, "na-kham", RoundDueDates.Default, [finance],
            [
                new OfficialContact(OfficialRole.Drafter, new Contact("นางสาวแผน งานดี", "plan@na-kham.go.th")),
                new OfficialContact(OfficialRole.PermanentSecretary, new Contact("ปลัด อบต.นาคำ", "palad@na-kham.go.th")),
            ],
            MeasureReporting.Of([
                Ita(2, "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง, รายเดือน; ผ่านเว็บไซต์ <อบต.>", "finance"),
                Ita(5, "ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริต", "*"),
                AntiCorruption(3, "โครงการอบรมคุณธรรมจริยธรรมผู้บริหารและพนักงาน", "finance", "office"),
            ], []),
            new HashSet<string>());
        return ReminderPlanner.Plan(input).Single();
    }

    public static ReminderMessage Message(DateOnly today) => new ReminderComposer(Options).Compose(Finance(today), OrgName);
}
