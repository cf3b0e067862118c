// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ItaServerless.Core.Calendar;
using ItaServerless.Notifications.Calendar;
using ItaServerless.Testing;

namespace ItaServerless.Notifications.Tests;

public class DeadlineCalendarTests
{
    // Commas, semicolons and a backslash exercise TEXT escaping.
    private const string OrgName = @"องค์การบริหารส่วนตำบลนาคำ, อำเภอเมือง; จังหวัดทดสอบ\ทดสอบ";
    private static readonly DateTimeOffset Now = new(2026, 4, 20, 2, 0, 0, TimeSpan.Zero);

    private static string Feed(DateTimeOffset now, RoundDueDates? dueDates = null) =>
        DeadlineCalendar.Build("na-kham", OrgName, dueDates ?? RoundDueDates.Default, now, Samples.Options);

    [Fact]
    public void Lines_end_in_crlf_and_are_folded_at_75_octets_without_splitting_a_character()
    {
        var ics = Feed(Now);
        Assert.EndsWith("END:VCALENDAR\r\n", ics);
        Assert.DoesNotContain("\n", ics.Replace("\r\n", ""));
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        var bytes = Encoding.UTF8.GetBytes(ics);
        var lines = SplitCrlf(bytes);
        Assert.Contains(lines, l => l.Length == 75 || l.Length >= 73); // some line really was folded near the limit
        Assert.Contains(lines, l => l.Length > 0 && l[0] == (byte)' ');
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 75, $"line of {line.Length} octets");
            strict.GetString(line); // throws if a multi-byte character was split
        }
    }

    [Fact]
    public void Text_values_are_escaped()
    {
        var unfolded = Feed(Now).Replace("\r\n ", "");
        Assert.Contains(@"X-WR-CALNAME:กำหนดรายงานผลมาตรการ ITA องค์การบริหารส่วนตำบลนาคำ\, อำเภอเมือง\; จังหวัดทดสอบ\\ทดสอบ", unfolded);
        Assert.Contains(@"\nรายงานผลได้ที่ https://ita.example.go.th/api/app/#/progress/2569/6m", unfolded);
    }

    [Fact]
    public void Feed_has_the_rounds_of_this_and_next_year_and_last_years_not_yet_due()
    {
        Assert.Equal(new[] { "2569/6m", "2569/12m", "2570/6m", "2570/12m" },
            DeadlineCalendar.Rounds(new DateOnly(2026, 4, 20), RoundDueDates.Default).Select(r => r.ToString()));
        Assert.Equal(new[] { "2569/12m", "2570/6m", "2570/12m", "2571/6m", "2571/12m" },
            DeadlineCalendar.Rounds(new DateOnly(2026, 10, 5), RoundDueDates.Default).Select(r => r.ToString()));
    }

    [Fact]
    public void A_real_icalendar_parser_reads_the_feed()
    {
        var parsed = ICalendarParser.Parse(Feed(Now));
        var root = parsed.RootElement;
        Assert.Equal(0, root.GetProperty("errors").GetInt32());
        Assert.Equal(DeadlineCalendar.ProductId, root.GetProperty("prodid").GetString());
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("GREGORIAN", root.GetProperty("calscale").GetString());
        Assert.Equal("PUBLISH", root.GetProperty("method").GetString());
        Assert.Equal("กำหนดรายงานผลมาตรการ ITA " + OrgName, root.GetProperty("name").GetString());

        var events = root.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(4, events.Length);
        var first = events[0];
        Assert.Equal("2569-6m-due.na-kham@ita-serverless", first.GetProperty("uid").GetString());
        Assert.Equal("ครบกำหนดรายงานผลมาตรการ ITA รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙", first.GetProperty("summary").GetString());
        Assert.Equal("2026-04-30", first.GetProperty("start").GetString());
        Assert.Equal("2026-05-01", first.GetProperty("end").GetString());
        Assert.Equal("2026-04-20T02:00:00+00:00", first.GetProperty("stamp").GetString());
        Assert.Equal("https://ita.example.go.th/api/app/#/progress/2569/6m", first.GetProperty("url").GetString());
        Assert.Equal(
            OrgName + ": รายงานผลการดำเนินงานตามมาตรการรอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙ (ช่วง ๑ ตุลาคม ๒๕๖๘ – ๓๑ มีนาคม ๒๕๖๙) ภายในวันที่ ๓๐ เมษายน ๒๕๖๙\n" +
            "รายงานผลได้ที่ https://ita.example.go.th/api/app/#/progress/2569/6m",
            first.GetProperty("description").GetString());
        Assert.Equal(new[] { "-7 days, 0:00:00", "-1 day, 0:00:00" }, first.GetProperty("alarms").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(new[] { "2026-04-30", "2026-10-31", "2027-04-30", "2027-10-31" },
            events.Select(e => e.GetProperty("start").GetString()));
        Assert.Equal("ครบกำหนดรายงานผลมาตรการ ITA รอบ ๑๒ เดือน ปีงบประมาณ พ.ศ. ๒๕๗๐", events[3].GetProperty("summary").GetString());
    }

    [Fact]
    public void Uids_are_stable_and_due_date_overrides_move_the_events()
    {
        var custom = RoundDueDates.Create(5, 15, 11, 15).Value;
        var a = ICalendarParser.Parse(Feed(Now, custom)).RootElement.GetProperty("events").EnumerateArray().ToArray();
        var b = ICalendarParser.Parse(Feed(Now.AddHours(5))).RootElement.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(a.Select(e => e.GetProperty("uid").GetString()), b.Select(e => e.GetProperty("uid").GetString()));
        Assert.Equal("2026-05-15", a[0].GetProperty("start").GetString());
        Assert.Equal("2026-11-15", a[1].GetProperty("start").GetString());
    }

    private static List<byte[]> SplitCrlf(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] != '\r' || bytes[i + 1] != '\n') continue;
            lines.Add(bytes[start..i]);
            start = i + 2;
            i++;
        }

        Assert.Equal(bytes.Length, start);
        return lines;
    }
}
