// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Headers;
using ItaServerless.Core.Persistence;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Reminders;

/// <summary>The SendReminders timer function in the in-memory app, on Azurite, with a manual clock.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ReminderTests(AzuriteFixture azurite)
{
    private static DateOnly D(int month, int day, int year = 2026) => new(year, month, day);

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }

    private static string[] Expected(string round, string unit, params int[] slots) => slots.Select(s => ReminderWorld.Expect(round, unit, s)).ToArray();

    [Fact]
    public async Task A_whole_fiscal_year_run_daily_delivers_exactly_the_expected_reminders()
    {
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var app = world.NewApp(channels: world.Recording);
        await world.SetUpAsync(app);

        // 6m round (due 30 Apr 2026): office reports on 25 Apr, finance and works on 10 May.
        // 12m round (due 31 Oct 2026): office reports on 20 Oct, finance and works on 20 Nov.
        var reports = new Dictionary<DateOnly, (string Measure, string Round)[]>
        {
            [D(4, 25)] = [("ita-1", "6m"), ("ita-3", "6m")],
            [D(5, 10)] = [("ita-2", "6m")],
            [D(10, 20)] = [("ita-1", "12m"), ("ita-3", "12m")],
            [D(11, 20)] = [("ita-2", "12m")],
        };
        foreach (var day in Days(D(3, 28), D(12, 5)))
        {
            foreach (var (measure, round) in reports.GetValueOrDefault(day, []))
                await world.ReportAsync(measure, round, day);
            await world.RunDayAsync(app, day);
        }

        var expected = new[]
        {
            Expected("6m", "office", -30, -14, -7),
            Expected("6m", "finance", -30, -14, -7, -3, -1, 0, 7),
            Expected("6m", "works", -30, -14, -7, -3, -1, 0, 7),
            Expected("12m", "office", -30, -14),
            Expected("12m", "finance", -30, -14, -7, -3, -1, 0, 7, 14),
            Expected("12m", "works", -30, -14, -7, -3, -1, 0, 7, 14),
        }.SelectMany(e => e).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, world.Recording.Log());

        var sent = world.Recording.Sent.Select(s => s.Message).ToArray();
        // Copies to the planning officer and the permanent secretary from the first overdue reminder only.
        Assert.All(sent, m => Assert.Equal(m.Key.Slot.IsOverdue ? ["palad@na-kham.go.th", "plan@na-kham.go.th"] : [], m.Cc.Select(c => c.Email).Order()));
        Assert.All(sent, m => Assert.Equal($"{m.Key.UnitId}@na-kham.go.th", Assert.Single(m.To).Email));
        var first = sent.Single(m => m.Key.Value == "2569|6m|finance|-30");
        Assert.Contains("๓๐ เมษายน ๒๕๖๙", first.Subject);
        Assert.Contains("เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", first.Text);
        Assert.Contains("ประกาศเจตจำนงสุจริตของผู้บริหาร", first.Text);
        Assert.Contains("https://ita.example.go.th/api/app/#/progress/2569/6m", first.Text);
        // After office's report of the every-division measure, finance is reminded of its own measure only.
        Assert.DoesNotContain("ประกาศเจตจำนงสุจริตของผู้บริหาร", sent.Single(m => m.Key.Value == "2569|6m|finance|-3").Text);

        // The file sink wrote the same reminders (.eml and .json), and both rounds are closed in the work index.
        Assert.Equal(expected.Length, Directory.GetFiles(world.Outbox, "*.eml").Length);
        var candidate = Assert.Single(await app.Get<IReminderWorkIndex>().ListAsync().ToListAsync());
        Assert.Empty(candidate.OpenRounds);
    }

    [Fact]
    public async Task A_double_fire_and_a_past_due_run_after_ten_days_down_send_one_current_reminder()
    {
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 3, 30, 23, 0, 0, TimeSpan.Zero));
        using (var before = world.NewApp(channels: world.Recording))
        {
            await world.SetUpAsync(before);
            foreach (var day in Days(D(3, 31), D(4, 13)))
            {
                await world.RunDayAsync(before, day);
                // The host fires again an hour later the same day, and someone runs it by hand (POST /admin/functions/SendReminders).
                await world.RunDayAsync(before, day, TimeSpan.FromHours(1));
                await ReminderWorld.RunNowAsync(before);
            }
        }

        Assert.Equal(ReminderWorld.Units.Select(u => ReminderWorld.Expect("6m", u, -30)).Order(StringComparer.Ordinal), world.Recording.Log());

        // Down from 14 to 24 April: the -14 (16 Apr) and -7 (23 Apr) slots were missed; the host's run at start is past due.
        world.Clock.Now = new DateTimeOffset(2026, 4, 24, 5, 30, 0, TimeSpan.Zero);
        using var after = world.NewApp(channels: world.Recording);
        await ReminderWorld.RunNowAsync(after, isPastDue: true);
        await ReminderWorld.RunNowAsync(after, isPastDue: true);

        var expected = ReminderWorld.Units.SelectMany(u => new[] { ReminderWorld.Expect("6m", u, -30), $"2569|6m|{u}|-7@2026-04-24" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), world.Recording.Log());
        var late = world.Recording.Sent.Last().Message;
        Assert.Contains("อีก ๖ วัน", late.Subject);
    }

    [Fact]
    public async Task Two_instances_running_at_once_never_send_a_reminder_twice()
    {
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var webhookless = new RecordingChannel("chat", world.Clock);
        using var first = world.NewApp(channels: [world.Recording, webhookless]);
        using var second = world.NewApp(channels: [world.Recording, webhookless]);
        await world.SetUpAsync(first);
        foreach (var day in new[] { D(3, 31), D(4, 16), D(4, 17), D(4, 23), D(4, 30), D(5, 7) })
        {
            // Different host ids: the runtime's timer lease does not separate them; only the reminder log does.
            world.Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
            await Task.WhenAll(ReminderWorld.RunDayAsync(first, world.Clock, day), ReminderWorld.RunDayAsync(second, world.Clock, day));
            await Task.WhenAll(ReminderWorld.RunDayAsync(first, world.Clock, day, TimeSpan.FromMinutes(1)),
                ReminderWorld.RunDayAsync(second, world.Clock, day, TimeSpan.FromMinutes(1)));
        }

        var keys = world.Recording.Sent.Select(s => s.Message.Key.Value).ToArray();
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(3 * 5, keys.Length); // 3 units × (-30, -14, -7, 0, +7)
        Assert.Equal(keys.Order(), webhookless.Sent.Select(s => s.Message.Key.Value).Order());
    }

    [Fact]
    public async Task A_failing_channel_is_retried_the_next_day_and_a_delivered_one_is_never_repeated()
    {
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var chat = new RecordingChannel("chat", world.Clock) { Failing = true };
        using var app = world.NewApp(channels: [world.Recording, chat]);
        await world.SetUpAsync(app);

        await world.RunDayAsync(app, D(4, 16)); // -14: chat fails
        Assert.Equal(3, world.Recording.Sent.Count);
        Assert.Empty(chat.Sent);
        Assert.Equal(3, chat.Calls);

        var log = (await world.Editor!.GetAsync($"/api/orgs/{world.Org}/reminders")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(3, log.Count);
        var entry = log.Single(e => e!["unit"]!.GetValue<string>() == "finance")!;
        Assert.Equal("2569|6m|finance|-14", entry["key"]!.GetValue<string>());
        Assert.Equal("6m", entry["round"]!.GetValue<string>());
        Assert.Equal(-14, entry["slot"]!.GetValue<int>());
        Assert.Equal("2026-04-30", entry["dueDate"]!.GetValue<string>());
        Assert.False(entry["delivered"]!.GetValue<bool>());
        Assert.Equal(["finance@na-kham.go.th"], entry["recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
        var channels = entry["channels"]!.AsArray();
        Assert.Equal(["chat", "file", "test"], channels.Select(c => c!["channel"]!.GetValue<string>()));
        Assert.Equal(["failed", "delivered", "delivered"], channels.Select(c => c!["status"]!.GetValue<string>()));
        Assert.Contains("503", channels[0]!["detail"]!.GetValue<string>());

        chat.Failing = false;
        await world.RunDayAsync(app, D(4, 17)); // still the -14 slot: chat is retried, test is not repeated
        await world.RunDayAsync(app, D(4, 18));
        Assert.Equal(3, world.Recording.Sent.Count);
        Assert.Equal(3, chat.Sent.Count);
        Assert.Equal(6, chat.Calls);

        log = (await world.Editor.GetAsync($"/api/orgs/{world.Org}/reminders")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.All(log, e => Assert.True(e!["delivered"]!.GetValue<bool>()));
        Assert.All(log, e => Assert.Equal(2, e!["channels"]![0]!["attempts"]!.GetValue<int>()));

        await world.RunDayAsync(app, D(4, 23)); // -7: both channels, once
        Assert.Equal(6, world.Recording.Sent.Count);
        Assert.Equal(6, chat.Sent.Count);
        log = (await world.Editor.GetAsync($"/api/orgs/{world.Org}/reminders?limit=2")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(2, log.Count);
        Assert.All(log, e => Assert.EndsWith("|-7", e!["key"]!.GetValue<string>(), StringComparison.Ordinal));
        (await new ApiClient(app.CreateClient()).GetAsync($"/api/orgs/{world.Org}/reminders")).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reminders_go_by_email_through_a_real_smtp_server()
    {
        await using var smtp = new SmtpTestServer();
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        using var app = world.NewApp(fileSink: false, settings: new Dictionary<string, string>
        {
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:EnableTls"] = "false",
            ["Notifications:Smtp:FromAddress"] = "ita@na-kham.go.th",
        });
        await world.SetUpAsync(app);

        await world.RunDayAsync(app, D(5, 7)); // +7 overdue: the unit, copied to the planning officer and the permanent secretary
        await world.RunDayAsync(app, D(5, 8));
        var messages = smtp.Messages.ToArray();
        Assert.Equal(3, messages.Length);
        var finance = messages.Single(m => m.RcptTo.Contains("finance@na-kham.go.th"));
        Assert.Equal("ita@na-kham.go.th", finance.MailFrom);
        Assert.Equal(["finance@na-kham.go.th", "palad@na-kham.go.th", "plan@na-kham.go.th"], finance.RcptTo.Order());
        Assert.Contains($"X-ITA-Reminder-Key: {world.Org}|2569|6m|finance|7", finance.Data);

        var log = (await world.Editor!.GetAsync($"/api/orgs/{world.Org}/reminders")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(3, log.Count);
        Assert.All(log, e => Assert.Equal("email", e!["channels"]![0]!["channel"]!.GetValue<string>()));
        Assert.Contains("cc:plan@na-kham.go.th", log[0]!["recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task The_calendar_feed_parses_and_takes_only_a_calendar_token_in_the_query()
    {
        using var world = new ReminderWorld(azurite, new DateTimeOffset(2026, 4, 20, 2, 0, 0, TimeSpan.Zero));
        using var app = world.NewApp();
        await world.SetUpAsync(app);
        var reporter = (await world.Editor!.PostAsync($"/api/orgs/{world.Org}/tokens", new { role = "reporter", unit = "finance", name = "กองคลัง" }))
            .Is(HttpStatusCode.Created).Json["token"]!.GetValue<string>();
        var issued = (await world.Editor.PostAsync($"/api/orgs/{world.Org}/tokens", new { role = "calendar", name = "ปฏิทินของกองคลัง" })).Is(HttpStatusCode.Created);
        Assert.Equal("calendar", issued.Json["grant"]!["role"]!.GetValue<string>());
        var token = issued.Json["token"]!.GetValue<string>();
        var http = app.CreateClient();

        var response = await http.GetAsync($"/api/orgs/{world.Org}/calendar.ics?token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var parsed = ICalendarParser.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, parsed.GetProperty("errors").GetInt32());
        Assert.Equal("กำหนดรายงานผลมาตรการ ITA เทศบาลตำบลนาคำ", parsed.GetProperty("name").GetString());
        var events = parsed.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(["2026-04-30", "2026-10-31", "2027-04-30", "2027-10-31"], events.Select(e => e.GetProperty("start").GetString()));
        Assert.Equal($"2569-6m-due.{world.Org}@ita-serverless", events[0].GetProperty("uid").GetString());
        Assert.Equal("https://ita.example.go.th/api/app/#/progress/2569/6m", events[0].GetProperty("url").GetString());

        // Any token of the organization in the header (it is not logged there); in the URL, where logs and proxies see it,
        // only a calendar token (security issue, item 5), which opens nothing else.
        using var withHeader = new HttpRequestMessage(HttpMethod.Get, $"/api/orgs/{world.Org}/calendar.ics");
        withHeader.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reporter);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(withHeader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/orgs/{world.Org}/calendar.ics?token={Uri.EscapeDataString(reporter)}")).StatusCode);
        var calendarOnly = world.Editor.As(token);
        (await calendarOnly.GetAsync($"/api/orgs/{world.Org}")).Is(HttpStatusCode.Forbidden);
        (await calendarOnly.GetAsync($"/api/orgs/{world.Org}/years/2569/measures")).Is(HttpStatusCode.Forbidden);
        (await calendarOnly.GetAsync($"/api/orgs/{world.Org}/reminders")).Is(HttpStatusCode.Forbidden);
        (await calendarOnly.PostAsync($"/api/orgs/{world.Org}/tokens", new { role = "editor", name = "x" })).Is(HttpStatusCode.Forbidden);
        (await world.Editor.PostAsync($"/api/orgs/{world.Org}/tokens", new { role = "calendar", name = "x", unit = "finance" })).IsProblem(HttpStatusCode.BadRequest, "unit", "not_allowed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/orgs/{world.Org}/calendar.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/orgs/{world.Org}/calendar.ics?token=ita.nope.nope")).StatusCode);
        // A token works only for its own organization.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync($"/api/orgs/other-org/calendar.ics?token={Uri.EscapeDataString(token)}")).StatusCode);
    }
}
