// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Core.Calendar;
using ItaServerless.Notifications.Messages;

namespace ItaServerless.Notifications.Tests;

public class ReminderMessageTests
{
    [Fact]
    public void Before_the_due_date_the_message_says_round_date_days_left_measures_and_link()
    {
        var m = Samples.Message(new DateOnly(2026, 4, 23));
        Assert.Equal("[ITA] ครบกำหนดรายงานผลมาตรการ ITA รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙ วันที่ ๓๐ เมษายน ๒๕๖๙ (อีก ๗ วัน)", m.Subject);
        Assert.Equal(
            "เรียน กองคลัง\n\n" +
            "องค์การบริหารส่วนตำบลนาคำ ขอเตือนให้รายงานผลการดำเนินงานรอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙ ของมาตรการที่กองคลังรับผิดชอบและยังไม่ได้รายงาน\n" +
            "กำหนดส่งภายในวันที่ ๓๐ เมษายน ๒๕๖๙ (อีก ๗ วัน)\n\n" +
            "มาตรการที่ยังไม่ได้รายงาน (๓ รายการ)\n" +
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n" +
            "  ๒. เปิดเผยข้อมูลการจัดซื้อจัดจ้าง, รายเดือน; ผ่านเว็บไซต์ <อบต.>\n" +
            "  ๕. ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริต\n" +
            "แผนปฏิบัติการป้องกันการทุจริต\n" +
            "  ๓. โครงการอบรมคุณธรรมจริยธรรมผู้บริหารและพนักงาน\n\n" +
            "รายงานผลได้ที่ https://ita.example.go.th/api/app/#/progress/2569/6m\n\n" +
            "ข้อความนี้ส่งจากระบบติดตามมาตรการ ITA โดยอัตโนมัติ\n",
            m.Text);
        Assert.Empty(m.Cc);
        Assert.Equal("2569|6m|finance|-7", m.Key.Value);
    }

    [Fact]
    public void On_the_day_and_overdue_wording()
    {
        Assert.EndsWith("(ครบกำหนดวันนี้)", Samples.Message(new DateOnly(2026, 4, 30)).Subject);
        var late = Samples.Message(new DateOnly(2026, 5, 9));
        Assert.Equal("[ITA] เกินกำหนด: ครบกำหนดรายงานผลมาตรการ ITA รอบ ๖ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙ วันที่ ๓๐ เมษายน ๒๕๖๙ (เกินกำหนด ๙ วัน)", late.Subject);
        Assert.Contains("สำเนาถึง นางสาวแผน งานดี, ปลัด อบต.นาคำ\n", late.Text);
        Assert.Equal(new[] { "plan@na-kham.go.th", "palad@na-kham.go.th" }, late.Cc.Select(c => c.Email));
        Assert.Equal("อีก ๑๔ วัน", ReminderTexts.Timing(14));
    }

    [Fact]
    public void Html_is_escaped_and_links_to_the_report_page()
    {
        var m = Samples.Message(new DateOnly(2026, 4, 23));
        Assert.Contains("<li>๒. เปิดเผยข้อมูลการจัดซื้อจัดจ้าง, รายเดือน; ผ่านเว็บไซต์ &lt;อบต.&gt;</li>", m.Html);
        Assert.Contains("<a href=\"https://ita.example.go.th/api/app/#/progress/2569/6m\">", m.Html);
        Assert.DoesNotContain("<อบต.>", m.Html);
        Assert.StartsWith("<!DOCTYPE html>", m.Html);
    }

    [Fact]
    public void Webhook_json_has_the_documented_shape()
    {
        var m = Samples.Message(new DateOnly(2026, 5, 9));
        using var doc = JsonDocument.Parse(m.WebhookJson);
        var root = doc.RootElement;
        Assert.Equal("ita.reminder", root.GetProperty("type").GetString());
        Assert.Equal("2569|6m|finance|7", root.GetProperty("key").GetString());
        Assert.Equal("na-kham", root.GetProperty("organization").GetString());
        Assert.Equal("finance", root.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal(2569, root.GetProperty("fiscalYear").GetInt32());
        Assert.Equal("6m", root.GetProperty("round").GetString());
        Assert.Equal("รอบ ๖ เดือน", root.GetProperty("roundName").GetString());
        Assert.Equal("2026-04-30", root.GetProperty("dueDate").GetString());
        Assert.Equal("๓๐ เมษายน ๒๕๖๙", root.GetProperty("dueDateTh").GetString());
        Assert.Equal(7, root.GetProperty("slot").GetInt32());
        Assert.True(root.GetProperty("overdue").GetBoolean());
        Assert.Equal(-9, root.GetProperty("daysLeft").GetInt32());
        Assert.Equal(new[] { "ita/2", "ita/5", "anticorruption/3" },
            root.GetProperty("measures").EnumerateArray().Select(x => $"{x.GetProperty("plan").GetString()}/{x.GetProperty("number").GetInt32()}"));
        Assert.Equal(2, root.GetProperty("cc").GetArrayLength());
        Assert.Equal("https://ita.example.go.th/api/app/#/progress/2569/6m", root.GetProperty("link").GetString());
        Assert.StartsWith(m.Subject + "\n\nเรียน กองคลัง", root.GetProperty("text").GetString());
    }

    [Fact]
    public void Progress_link_ignores_a_trailing_slash()
    {
        var round = new FiscalYearRound(FiscalYear.Of(2570), ReportingRound.TwelveMonths);
        Assert.Equal("https://a.example/x/api/app/#/progress/2570/12m",
            new NotificationOptions { PublicBaseUrl = new Uri("https://a.example/x/") }.ProgressLink(round));
        Assert.Equal("https://a.example/x/api/app/#/progress/2570/12m",
            new NotificationOptions { PublicBaseUrl = new Uri("https://a.example/x") }.ProgressLink(round));
    }
}
