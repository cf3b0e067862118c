// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Net;
using ItaServerless.Core.Calendar;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Audit;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ItaServerless.Storage;
using ItaServerless.Testing;
using Xunit.Abstractions;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// The app (the local host and its worker, as processes) is killed (SIGKILL) while reports are queued or rendering and while it
/// is sending a reminder, then started again on the same storage: every report ends ready with one
/// PDF, and every reminder is acknowledged by the webhook exactly once.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string AdminKey = "crash-test-admin-key-of-32-characters";
    private const int Reports = 4;
    private static readonly string[] Units = ["office", "finance"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ita-crash-" + Guid.NewGuid().ToString("N")[..10]);
    private AzuriteServer _azurite = null!;

    // The worker's blob extension speaks the SDK's newest service version, which this Azurite does not know.
    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartNewAsync(Path.Combine(_root, "azurite"), skipApiVersionCheck: true);

    public Task DisposeAsync()
    {
        _azurite.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Killed_mid_work_the_app_completes_every_report_and_reminder_exactly_once()
    {
        var figures = new Figures("crash", output);
        using var webhook = new WebhookReceiver();
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["ITA_ADMIN_KEY"] = AdminKey,
            ["AzureFunctionsWebHost:hostid"] = "crash-test",
            ["Host:BlobPollInterval"] = "00:00:00.200",
            ["Host:BlobLeaseDuration"] = "00:00:15", // a render the kill interrupted is taken over after 15 s
            ["Notifications:FileSink:Directory"] = Path.Combine(_root, "outbox"),
            ["Notifications:Sweep:ClaimLease"] = "00:00:03",
            ["Notifications:Webhook:AllowLocalTargets"] = "true", // the test's webhook listens on the loopback
            ["Logging:LogLevel:Default"] = "Warning",
        };

        // A deadline 10 days ahead for both rounds of the fiscal year that ended most recently.
        var due = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        if (due is { Month: 2, Day: 29 }) due = due.AddDays(1);
        var year = FiscalYear.FromDate(due).Previous;
        var dueDay = due.ToString("MM-dd", CultureInfo.InvariantCulture);
        var org = "crash-" + Guid.NewGuid().ToString("N")[..8];

        var first = await AppProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        string[] reportIds;
        Task<HttpResponseMessage> sweep;
        using (var http = new HttpClient { BaseAddress = first.BaseUrl })
        {
            var admin = new ApiClient(http) { AdminKey = AdminKey };
            await SeedAsync(admin, org, year, dueDay, webhook.Url);
            reportIds = new string[Reports];
            for (var i = 0; i < Reports; i++)
            {
                var queued = (await admin.PostAsync($"/api/orgs/{org}/years/{year.Year}/reports", new { kind = "progress", round = i % 2 == 0 ? "6m" : "12m" }))
                    .Is(HttpStatusCode.Accepted);
                reportIds[i] = queued.Json["id"]!.GetValue<string>();
                figures.Add("reportRequests");
            }
            sweep = RunRemindersAsync(http);
            await Wait.UntilAsync(() => !webhook.Held.IsEmpty, TimeSpan.FromSeconds(60));
            var reports = (await admin.GetAsync($"/api/orgs/{org}/years/{year.Year}/reports")).Json["items"]!.AsArray();
            figures.Add("reportsQueuedAtKill", reports.Count(r => r!["status"]!.GetValue<string>() == "queued"));
            figures.Add("remindersHeldAtKill", webhook.Held.Count);
            first.Kill();
            figures.Add("kills");
        }
        Assert.Equal(HttpStatusCode.Accepted, (await sweep).StatusCode); // the host started the run, which died with the processes
        first.Dispose();

        webhook.Holding = false;
        using var second = await AppProcess.StartAsync(settings, TimeSpan.FromSeconds(60));
        using var http2 = new HttpClient { BaseAddress = second.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var admin2 = new ApiClient(http2) { AdminKey = AdminKey };
        var expectedKeys = Units.Length * 2;
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline && !(webhook.Acknowledged.Count >= expectedKeys && await AllReadyAsync(admin2, org, year, reportIds)))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RunRemindersAsync(http2)).StatusCode);
            figures.Add("sweepRuns");
            await Task.Delay(1000);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await RunRemindersAsync(http2)).StatusCode); // one more run must send nothing new
        await Task.Delay(3000); // the host answers 202 and runs it: let it finish
        figures.Add("remindersAcknowledged", webhook.Acknowledged.Values.Sum());
        figures.Report();

        // Reminders: every one acknowledged exactly once, including those the killed run was sending.
        Assert.Equal(expectedKeys, webhook.Acknowledged.Count);
        Assert.All(webhook.Acknowledged, a => Assert.Equal(1, a.Value));
        Assert.All(webhook.Held, key => Assert.True(webhook.Acknowledged.ContainsKey(key), key));
        var log = (await admin2.GetAsync($"/api/orgs/{org}/reminders")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(expectedKeys, log.Count);
        Assert.All(log, r => Assert.True(r!["delivered"]!.GetValue<bool>(), r.ToJsonString()));

        // Reports: each ready, one PDF each, rendered (recorded ready) once.
        Assert.True(await AllReadyAsync(admin2, org, year, reportIds),
            (await admin2.GetAsync($"/api/orgs/{org}/years/{year.Year}/reports")).Body?.ToJsonString() + "\n" + second.Log);
        var container = StorageAccount.FromConnectionString(_azurite.ConnectionString).Blobs.GetBlobContainerClient("reports");
        var pdfs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{org}/{year.Year}/" })) pdfs.Add(blob.Name);
        Assert.Equal(reportIds.Select(id => $"{org}/{year.Year}/{id}.pdf").Order(), pdfs.Order());
        var trail = (await admin2.GetAsync($"/api/orgs/{org}/audit?fy={year.Year}&limit=500")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        foreach (var id in reportIds)
        {
            Assert.Single(trail, r => r!["entityType"]!.GetValue<string>() == "report" && r["entityId"]!.GetValue<string>() == id
                && r["after"]?["Status"]?.GetValue<string>() == "ready" && r["before"]?["Status"]?.GetValue<string>() == "queued");
        }
        var verdict = await AuditTrailTests.VerifyAsync(admin2, org, year.Year);
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
    }

    private static Task<HttpResponseMessage> RunRemindersAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/SendReminders");
        request.Headers.Add("x-functions-key", AdminKey);
        return http.SendAsync(request);
    }

    private static async Task<bool> AllReadyAsync(ApiClient admin, string org, FiscalYear year, string[] ids)
    {
        var items = (await admin.GetAsync($"/api/orgs/{org}/years/{year.Year}/reports")).Json["items"]!.AsArray();
        return ids.All(id => items.Any(r => r!["id"]!.GetValue<string>() == id && r["status"]!.GetValue<string>() == "ready"));
    }

    private static async Task SeedAsync(ApiClient admin, string org, FiscalYear year, string dueDay, Uri webhook)
    {
        (await admin.PostAsync("/api/orgs", new
        {
            id = org, name = "เทศบาลตำบลนาคำ", kind = "เทศบาลตำบล", province = "นครพนม", documentPrefix = "นพ ๕๒๔๐๑",
            dueDates = new { sixMonths = dueDay, twelveMonths = dueDay }, webhook = webhook.ToString(),
        })).Is(HttpStatusCode.Created);
        foreach (var unit in Units)
            (await admin.PutAsync($"/api/orgs/{org}/units/{unit}", new { name = "ส่วน " + unit, contacts = new[] { new { name = "ผู้ประสานงาน", email = $"{unit}@example.org" } } }))
                .Is(HttpStatusCode.Created);
        var roles = new[] { "drafter", "divisionHead", "permanentSecretary", "executive" };
        foreach (var role in roles)
            (await admin.PutAsync($"/api/orgs/{org}/officials/{role.ToLowerInvariant()}", new { name = "นาย " + role, position = "ตำแหน่ง " + role, role }))
                .Is(HttpStatusCode.Created);
        foreach (var unit in Units)
            (await admin.PostAsync($"/api/orgs/{org}/years/{year.Year}/measures", new
            {
                plan = "ita", title = "มาตรการของ " + unit, indicators = new[] { 9 }, responsible = new[] { unit }, period = new { wholeYear = true },
            })).Is(HttpStatusCode.Created);
    }
}
