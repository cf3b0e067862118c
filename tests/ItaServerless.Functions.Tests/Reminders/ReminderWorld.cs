// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using ItaServerless.Core.Reminders;
using ItaServerless.Functions.Functions.SendReminders;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using Microsoft.Azure.Functions.Worker;
using ItaServerless.Notifications.Channels;
using ItaServerless.Notifications.Messages;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaServerless.Functions.Tests.Reminders;

/// <summary>A channel that keeps what it was given, and fails while <see cref="Failing"/> is set.</summary>
public sealed class RecordingChannel(string name, TimeProvider clock) : IReminderChannel
{
    public string Name => name;

    public bool Failing { get; set; }

    public ConcurrentQueue<(ReminderMessage Message, DateOnly Day)> Sent { get; } = new();

    public int Calls => _calls;

    private int _calls;

    public Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        if (Failing) return Task.FromResult(DeliveryResult.Failure(Name, "the chat service answered 503"));
        Sent.Enqueue((message, Core.Calendar.BangkokTime.DateOf(clock.GetUtcNow())));
        return Task.FromResult(DeliveryResult.Success(Name));
    }

    /// <summary>"2569|6m|finance|-7@2026-04-23" for every message sent, sorted.</summary>
    public string[] Log() => Sent.Select(s => $"{s.Message.Key.Value}@{s.Day:yyyy-MM-dd}").Order(StringComparer.Ordinal).ToArray();
}

/// <summary>
/// One test's reminder world: its own tables (prefix) on the run's Azurite, a manual clock, the
/// in-memory app whose SendReminders the test runs, and an organization with three units, two copied officials and three
/// measures of FY 2569: ita-1 (office), ita-2 (finance and works), ita-3 (every division).
/// </summary>
public sealed class ReminderWorld : IDisposable
{
    public static readonly string[] Units = ["office", "finance", "works"];

    private readonly AzuriteFixture _azurite;
    private readonly List<FunctionsApp> _apps = [];

    public ReminderWorld(AzuriteFixture azurite, DateTimeOffset start)
    {
        _azurite = azurite;
        Clock = new ManualClock(start);
        Prefix = AzuriteFixture.UniqueName("rm");
        Org = "org-" + Guid.NewGuid().ToString("N")[..10];
        Outbox = Path.Combine(Path.GetTempPath(), "ita-outbox-" + Guid.NewGuid().ToString("N")[..10]);
        Recording = new RecordingChannel("test", Clock);
    }

    public ManualClock Clock { get; }

    public string Prefix { get; }

    public string Org { get; }

    public string Outbox { get; }

    public RecordingChannel Recording { get; }

    public ApiClient? Editor { get; private set; }

    /// <summary>An app instance on this world's tables; <paramref name="channels"/> are added to the configured ones.</summary>
    public FunctionsApp NewApp(IReadOnlyDictionary<string, string>? settings = null, bool fileSink = true, params IReminderChannel[] channels)
    {
        var app = new FunctionsApp(_azurite.ConnectionString, clock: Clock, configure: b =>
        {
            b.UseSetting("Notifications:PublicBaseUrl", "https://ita.example.go.th");
            if (fileSink) b.UseSetting("Notifications:FileSink:Directory", Outbox);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) b.UseSetting(key, value);
            b.ConfigureServices(s =>
            {
                s.Replace(ServiceDescriptor.Singleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), Prefix)));
                foreach (var channel in channels) s.AddSingleton<IReminderChannel>(channel);
            });
        });
        _apps.Add(app);
        return app;
    }

    /// <summary>Creates the organization through the API (admin, then its editor token).</summary>
    public async Task SetUpAsync(FunctionsApp app)
    {
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var created = (await admin.PostAsync("/api/orgs", new { id = Org, name = "เทศบาลตำบลนาคำ", kind = "เทศบาลตำบล", province = "นครพนม" })).Is(HttpStatusCode.Created);
        Editor = admin.As(created.Json["editorToken"]!.GetValue<string>());
        var names = new[] { "สำนักปลัด", "กองคลัง", "กองช่าง" };
        for (var i = 0; i < Units.Length; i++)
        {
            (await Editor.PutAsync($"/api/orgs/{Org}/units/{Units[i]}", new { name = names[i], contacts = new[] { new { name = "หัวหน้า" + names[i], email = $"{Units[i]}@na-kham.go.th" } } })).Is(HttpStatusCode.Created);
        }

        (await Editor.PutAsync($"/api/orgs/{Org}/officials/planner", new { name = "นางสาวสมศรี ใจดี", position = "นักวิเคราะห์นโยบายและแผน", role = "drafter", email = "plan@na-kham.go.th" })).Is(HttpStatusCode.Created);
        (await Editor.PutAsync($"/api/orgs/{Org}/officials/palad", new { name = "นายสมชาย รักงาน", position = "ปลัดเทศบาล", role = "permanentSecretary", order = 2, email = "palad@na-kham.go.th" })).Is(HttpStatusCode.Created);
        (await Editor.PutAsync($"/api/orgs/{Org}/officials/mayor", new { name = "นายกเทศมนตรี", position = "นายกเทศมนตรีตำบลนาคำ", role = "executive", order = 3 })).Is(HttpStatusCode.Created);

        var measures = new (string Title, string[] Units)[]
        {
            ("จัดทำคู่มือการปฏิบัติงาน", ["office"]),
            ("เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", ["finance", "works"]),
            ("ประกาศเจตจำนงสุจริตของผู้บริหาร", ["*"]),
        };
        foreach (var (title, units) in measures)
        {
            (await Editor.PostAsync($"/api/orgs/{Org}/years/2569/measures", new { plan = "ita", title, indicators = new[] { 9 }, responsible = units })).Is(HttpStatusCode.Created);
        }
    }

    /// <summary>Reports a measure's progress (ita-1 …) for a round, on the clock's day.</summary>
    public async Task ReportAsync(string measure, string round, DateOnly day)
    {
        Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);
        (await Editor!.PutAsync($"/api/orgs/{Org}/years/2569/measures/{measure}/progress/{round}",
            new { status = "done", reporter = new { name = "นายรังสรรค์ ศรีเพชร" } })).Is(HttpStatusCode.Created);
    }

    /// <summary>Moves the clock to 02:00 UTC of <paramref name="day"/> (plus <paramref name="after"/>) and runs SendReminders, as the host fires it then.</summary>
    public static async Task RunDayAsync(FunctionsApp app, ManualClock clock, DateOnly day, TimeSpan? after = null, bool isPastDue = false)
    {
        clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero) + (after ?? TimeSpan.Zero);
        await RunNowAsync(app, isPastDue);
    }

    public Task RunDayAsync(FunctionsApp app, DateOnly day, TimeSpan? after = null) => RunDayAsync(app, Clock, day, after);

    /// <summary>Runs SendReminders at the clock's time.</summary>
    public static Task RunNowAsync(FunctionsApp app, bool isPastDue = false) =>
        app.RunAsync<SendRemindersFunction>(f => f.RunAsync(new TimerInfo { IsPastDue = isPastDue }, default));

    /// <summary>The expected log entry of a slot: "{fy}|{round}|{unit}|{slot}@{date}".</summary>
    public static string Expect(string round, string unit, int slot)
    {
        var due = round == "6m" ? new DateOnly(2026, 4, 30) : new DateOnly(2026, 10, 31);
        return $"2569|{round}|{unit}|{slot}@{ReminderSlot.FromOffset(slot).DateFor(due):yyyy-MM-dd}";
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
        try { Directory.Delete(Outbox, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
