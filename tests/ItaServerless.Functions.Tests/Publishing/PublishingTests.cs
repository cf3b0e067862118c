// SPDX-License-Identifier: MIT
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using ItaServerless.Functions.Tests.Reports;
using ItaServerless.Testing;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Functions.Tests.Publishing;

/// <summary>Scheduled and manual publishing, and the public routes, on Azurite with a manual clock.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PublishingTests(AzuriteFixture azurite)
{
    /// <summary>The 6m round of FY 2569 is due 30 April 2026 (Bangkok): 17:15 UTC that day is already 1 May in Thailand.</summary>
    private static readonly DateTimeOffset BeforeDue = new(2026, 4, 30, 10, 15, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterDue = new(2026, 4, 30, 17, 15, 0, TimeSpan.Zero);

    private static DateTimeOffset Hours(DateTimeOffset from, int hours) => from.AddHours(hours);

    private static async Task<JsonArray> ReportsAsync(ApiClient editor, string org, string fy = "2569") =>
        (await editor.GetAsync($"/api/orgs/{org}/years/{fy}/reports")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();

    private static async Task<JsonNode> PublicListAsync(FunctionsApp app, string org) =>
        (await new ApiClient(app.CreateClient()).GetAsync($"/api/public/{org}")).Is(HttpStatusCode.OK).Json;

    private static async Task<HttpResponseMessage> AnonymousGetAsync(FunctionsApp app, string path)
    {
        using var http = app.CreateClient();
        return await http.GetAsync(path);
    }

    [Fact]
    public async Task After_the_due_date_one_run_requests_the_progress_report_and_the_next_publishes_it_for_anyone()
    {
        using var world = new PublishingWorld(azurite, BeforeDue);
        using var app = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: true);
        var pipeline = new ReportPipeline(app);

        // Before the due date (30 April, still the day in Bangkok): nothing is requested or published.
        await world.RunAsync(app, BeforeDue);
        Assert.Empty(await ReportsAsync(editor, org));
        Assert.Empty(await ReportsAsync(editor, org, "2568")); // no measures in 2568: nothing to report for that year
        var empty = await PublicListAsync(app, org);
        Assert.Equal(org, empty["organization"]!.GetValue<string>());
        Assert.Equal(ReportPipeline.OrganizationName, empty["name"]!.GetValue<string>());
        Assert.Empty(empty["items"]!.AsArray());

        // The first run after it requests the 6m progress report through the report pipeline.
        await world.RunAsync(app, AfterDue);
        var queued = Assert.Single(await ReportsAsync(editor, org))!;
        Assert.Equal("progress", queued["kind"]!.GetValue<string>());
        Assert.Equal("6m", queued["round"]!.GetValue<string>());
        Assert.Equal("queued", queued["status"]!.GetValue<string>());
        Assert.Equal("system:PublishReports", queued["requestedBy"]!.GetValue<string>());
        var id = queued["id"]!.GetValue<string>();
        await world.RunAsync(app, Hours(AfterDue, 1)); // not rendered yet: still nothing public
        Assert.Empty((await PublicListAsync(app, org))["items"]!.AsArray());

        await pipeline.RenderAsync(org, id);
        await world.RunAsync(app, Hours(AfterDue, 2));

        var report = (await editor.GetAsync($"/api/orgs/{org}/years/2569/reports/{id}")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("ready", report["status"]!.GetValue<string>());
        Assert.Equal(Hours(AfterDue, 2), report["publishedAt"]!.GetValue<DateTimeOffset>());
        var sha256 = report["sha256"]!.GetValue<string>();

        var item = Assert.Single((await PublicListAsync(app, org))["items"]!.AsArray())!;
        Assert.Equal(2569, item["fy"]!.GetValue<int>());
        Assert.Equal("progress", item["kind"]!.GetValue<string>());
        Assert.Equal("6m", item["round"]!.GetValue<string>());
        Assert.Equal(id, item["reportId"]!.GetValue<string>());
        Assert.Equal("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ รอบ ๖ เดือน",
            item["title"]!.GetValue<string>());
        Assert.Equal($"http://localhost/api/public/{org}/2569/progress-6m.pdf", item["url"]!.GetValue<string>());
        Assert.Equal(Hours(AfterDue, 2), item["publishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(report["bytes"]!.GetValue<long>(), item["bytes"]!.GetValue<long>());
        Assert.Equal(sha256, item["sha256"]!.GetValue<string>());

        // Anyone downloads it, without a token; it is the report, byte for byte.
        using var pdf = await AnonymousGetAsync(app, $"/api/public/{org}/2569/progress-6m.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"\"{sha256}\"", pdf.Headers.ETag!.ToString());
        Assert.StartsWith("inline;", pdf.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var text = ReportPipeline.Compact(await ReportPipeline.PdfTextAsync(bytes));
        Assert.Contains(ReportPipeline.Compact(ReportPipeline.MeasureTitles[0]), text, StringComparison.Ordinal);

        // Later and late (past due) runs change nothing: one report, one publication, the same blob.
        var blobs = await PublishingWorld.PublicBlobsAsync(app, org);
        Assert.Equal([$"{org}/2569/progress-6m.pdf"], blobs.Keys);
        await world.RunAsync(app, Hours(AfterDue, 3));
        await world.RunAsync(app, Hours(AfterDue, 30), isPastDue: true);
        Assert.Single(await ReportsAsync(editor, org));
        Assert.Equal(blobs, await PublishingWorld.PublicBlobsAsync(app, org));
        Assert.Equal(Hours(AfterDue, 2), (await editor.GetAsync($"/api/orgs/{org}/years/2569/reports/{id}")).Json["publishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Empty(world.Log.At(LogLevel.Error));
        Assert.Empty(world.Log.At(LogLevel.Warning));
    }

    [Fact]
    public async Task Double_fires_and_two_instances_at_once_make_one_report_and_one_publication()
    {
        using var world = new PublishingWorld(azurite, BeforeDue);
        using var first = world.NewApp();
        using var second = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(first, autoPublish: true);

        // Two instances (different host ids: the runtime's timer lease does not separate them), each firing twice, plus the sweep itself run side by side.
        world.Clock.Now = AfterDue;
        await Task.WhenAll(
            world.RunAsync(first, AfterDue), world.RunAsync(second, AfterDue), world.RunAsync(first, AfterDue), world.RunAsync(second, AfterDue, isPastDue: true));
        await Task.WhenAll(
            first.Get<AutoPublisher>().RunAsync(AfterDue, _ => { }, default), second.Get<AutoPublisher>().RunAsync(AfterDue, _ => { }, default));
        var id = Assert.Single(await ReportsAsync(editor, org))!["id"]!.GetValue<string>();
        var requests = new List<string>();
        await foreach (var blob in first.Get<Storage.AppBlobStore>().Service.GetBlobContainerClient(Reporting.ReportFiles.RequestsContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = org + "/" }))
            requests.Add(blob.Name);
        Assert.Equal([$"{org}/2569/{id}.json"], requests);

        await new ReportPipeline(first).RenderAsync(org, id);
        var next = Hours(AfterDue, 1);
        world.Clock.Now = next;
        await Task.WhenAll(
            world.RunAsync(first, next), world.RunAsync(second, next),
            first.Get<AutoPublisher>().RunAsync(next, _ => { }, default), second.Get<AutoPublisher>().RunAsync(next, _ => { }, default));

        var blobs = await PublishingWorld.PublicBlobsAsync(first, org);
        Assert.Equal([$"{org}/2569/progress-6m.pdf"], blobs.Keys);
        var report = (await editor.GetAsync($"/api/orgs/{org}/years/2569/reports/{id}")).Json;
        var item = Assert.Single((await PublicListAsync(second, org))["items"]!.AsArray())!;
        Assert.Equal(report["publishedAt"]!.GetValue<DateTimeOffset>(), item["publishedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(report["sha256"]!.GetValue<string>(), item["sha256"]!.GetValue<string>());

        await world.RunAsync(second, Hours(AfterDue, 2));
        Assert.Equal(blobs, await PublishingWorld.PublicBlobsAsync(first, org));
        Assert.Single(await ReportsAsync(editor, org));
        Assert.Empty(world.Log.At(LogLevel.Error));
    }

    [Fact]
    public async Task An_organization_without_auto_publishing_gets_nothing_until_it_turns_it_on()
    {
        using var world = new PublishingWorld(azurite, AfterDue);
        using var app = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: false);

        await world.RunAsync(app, AfterDue);
        await world.RunAsync(app, Hours(AfterDue, 1));
        Assert.Empty(await ReportsAsync(editor, org));
        Assert.Empty((await PublicListAsync(app, org))["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await AnonymousGetAsync(app, $"/api/public/{org}/2569/progress-6m.pdf")).StatusCode);

        // Turned on: the directory row carries the flag and the next run requests the report.
        var current = (await editor.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.OK);
        var body = current.Json.AsObject().DeepClone().AsObject();
        body["autoPublish"] = true;
        (await editor.PutAsync($"/api/orgs/{org}", body, current.ETag)).Is(HttpStatusCode.OK);
        await world.RunAsync(app, Hours(AfterDue, 2));
        Assert.Equal("progress", Assert.Single(await ReportsAsync(editor, org))!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_auto_report_is_logged_and_kept_with_its_reason_and_never_requested_again()
    {
        using var world = new PublishingWorld(azurite, AfterDue);
        using var app = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: true);
        // The memo needs its drafter: without one the report fails with a reason.
        var drafter = (await editor.GetAsync($"/api/orgs/{org}/officials/planner")).Is(HttpStatusCode.OK);
        (await editor.DeleteAsync($"/api/orgs/{org}/officials/planner", drafter.ETag)).Is(HttpStatusCode.NoContent);

        await world.RunAsync(app, AfterDue);
        var id = Assert.Single(await ReportsAsync(editor, org))!["id"]!.GetValue<string>();
        await new ReportPipeline(app).RenderAsync(org, id);
        await world.RunAsync(app, Hours(AfterDue, 1));
        await world.RunAsync(app, Hours(AfterDue, 2));

        var failed = Assert.Single(await ReportsAsync(editor, org))!;
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        var reason = failed["reason"]!.GetValue<string>();
        Assert.Contains("drafter", reason, StringComparison.Ordinal);
        Assert.Null(failed["publishedAt"]);
        Assert.Contains(world.Log.At(LogLevel.Warning), m => m.Contains(org, StringComparison.Ordinal) && m.Contains(id, StringComparison.Ordinal) && m.Contains(reason, StringComparison.Ordinal));
        Assert.Empty((await PublicListAsync(app, org))["items"]!.AsArray());
        // A failed report is not published by hand either.
        (await editor.PostAsync($"/api/orgs/{org}/years/2569/reports/{id}/publish", null)).IsProblem(HttpStatusCode.Conflict, "status", "report_failed");
    }

    [Fact]
    public async Task An_editor_publishes_a_ready_report_by_hand_idempotently_and_a_newer_one_replaces_it()
    {
        using var world = new PublishingWorld(azurite, BeforeDue);
        using var app = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: false);
        var pipeline = new ReportPipeline(app);
        var path = $"/api/orgs/{org}/years/2569/reports";

        var id = (await editor.PostAsync(path, new { kind = "measures", memo = new { date = "2025-11-03" } })).Is(HttpStatusCode.Accepted).Json["id"]!.GetValue<string>();
        (await editor.PostAsync($"{path}/{id}/publish", null)).IsProblem(HttpStatusCode.Conflict, "status", "report_not_ready");
        (await editor.PostAsync($"{path}/no-such-report/publish", null)).Is(HttpStatusCode.NotFound);
        await pipeline.RenderAsync(org, id);

        // Only an editor of the organization may publish.
        var reporter = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "กองคลัง" })).Is(HttpStatusCode.Created).Json["token"]!.GetValue<string>();
        (await editor.As(reporter).PostAsync($"{path}/{id}/publish", null)).Is(HttpStatusCode.Forbidden);
        (await editor.As(null).PostAsync($"{path}/{id}/publish", null)).Is(HttpStatusCode.Unauthorized);
        var (other, otherEditor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: false, seed: false);
        (await otherEditor.PostAsync($"{path}/{id}/publish", null)).Is(HttpStatusCode.Unauthorized);

        var published = (await editor.PostAsync($"{path}/{id}/publish", null)).Is(HttpStatusCode.OK).Json;
        Assert.Equal($"http://localhost/api/public/{org}/2569/measures.pdf", published["url"]!.GetValue<string>());
        Assert.Null(published["round"]);
        world.Clock.Now = Hours(BeforeDue, 1);
        var again = (await editor.PostAsync($"{path}/{id}/publish", null)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(published.ToJsonString(), again.ToJsonString());
        var first = (await editor.GetAsync($"{path}/{id}")).Json;
        Assert.Equal(first["sha256"]!.GetValue<string>(), published["sha256"]!.GetValue<string>());
        using (var pdf = await AnonymousGetAsync(app, $"/api/public/{org}/2569/measures.pdf"))
            Assert.Equal(first["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(await pdf.Content.ReadAsByteArrayAsync())));

        // A corrected document of the same kind replaces the public one at the same address.
        var second = (await editor.PostAsync(path, new { kind = "measures", memo = new { date = "2025-11-20" } })).Is(HttpStatusCode.Accepted).Json["id"]!.GetValue<string>();
        await pipeline.RenderAsync(org, second);
        var replaced = (await editor.PostAsync($"{path}/{second}/publish", null)).Is(HttpStatusCode.OK).Json;
        var secondReport = (await editor.GetAsync($"{path}/{second}")).Json;
        Assert.NotEqual(first["sha256"]!.GetValue<string>(), secondReport["sha256"]!.GetValue<string>());
        var item = Assert.Single((await PublicListAsync(app, org))["items"]!.AsArray())!;
        Assert.Equal(second, item["reportId"]!.GetValue<string>());
        Assert.Equal(secondReport["sha256"]!.GetValue<string>(), item["sha256"]!.GetValue<string>());
        Assert.Equal(replaced["publishedAt"]!.GetValue<DateTimeOffset>(), item["publishedAt"]!.GetValue<DateTimeOffset>());
        using (var pdf = await AnonymousGetAsync(app, item["url"]!.GetValue<string>()))
            Assert.Equal(secondReport["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(await pdf.Content.ReadAsByteArrayAsync())));
        Assert.Empty((await PublicListAsync(app, other))["items"]!.AsArray());
    }

    [Fact]
    public async Task Only_published_documents_are_reachable_and_every_other_path_is_a_404_problem()
    {
        using var world = new PublishingWorld(azurite, BeforeDue);
        using var app = world.NewApp();
        var (org, editor) = await PublishingWorld.CreateOrgAsync(app, autoPublish: false);
        var (other, _) = await PublishingWorld.CreateOrgAsync(app, autoPublish: false, seed: false);
        var path = $"/api/orgs/{org}/years/2569/reports";
        var published = (await editor.PostAsync(path, new { kind = "progress", round = "6m" })).Is(HttpStatusCode.Accepted).Json["id"]!.GetValue<string>();
        var unpublished = (await editor.PostAsync(path, new { kind = "progress", round = "12m" })).Is(HttpStatusCode.Accepted).Json["id"]!.GetValue<string>();
        var pipeline = new ReportPipeline(app);
        await pipeline.RenderAsync(org, published);
        await pipeline.RenderAsync(org, unpublished);
        (await editor.PostAsync($"{path}/{published}/publish", null)).Is(HttpStatusCode.OK);
        using (var ok = await AnonymousGetAsync(app, $"/api/public/{org}/2569/progress-6m.pdf"))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        string[] notPublished =
        [
            $"/api/public/{org}/2569/progress-12m.pdf",        // rendered, not published
            $"/api/public/{org}/2568/progress-6m.pdf",         // another year
            $"/api/public/{other}/2569/progress-6m.pdf",       // another organization's address
            $"/api/public/org-{Guid.NewGuid():N}"[..40],       // an unknown organization
            $"/api/public/{org}/2569/{published}.pdf",         // report ids are not addresses
            $"/api/public/{org}/2569/{unpublished}.pdf",
            $"/api/public/{org}/2569/progress-6M.pdf",         // only the canonical spelling
            $"/api/public/{org}/2569/PROGRESS-6m.pdf",
            $"/api/public/{org}/2569/progress-6m.PDF",
            $"/api/public/{org}/2569/progress-6m",
            $"/api/public/{org}/2569/progress-6m.pdf.json",
            $"/api/public/{org}/2569/progress.pdf",            // wrong kinds and rounds
            $"/api/public/{org}/2569/measures-6m.pdf",
            $"/api/public/{org}/2569/progress-9m.pdf",
            $"/api/public/{org}/2569/secret-6m.pdf",
            $"/api/public/{org}/2569/progress-6m-.pdf",
            $"/api/public/{org}/๒๕๖๙/progress-6m.pdf",
            $"/api/public/{org}/02569/progress-6m.pdf",
            $"/api/public/{org}/1900/progress-6m.pdf",
            $"/api/public/{org}/2569",
            $"/api/public/{org.ToUpperInvariant()}/2569/progress-6m.pdf",
            $"/api/public/{org}%2F2569%2Fprogress-6m.pdf",     // encoded slashes
            $"/api/public/{org}/2569%2Fprogress-6m.pdf/x",
            $"/api/public/{org}/2569/..%2Fprogress-6m.pdf",
            $"/api/public/{org}/2569/..%2F..%2F..%2Freports%2F{org}%2F2569%2F{unpublished}.pdf",
            $"/api/public/{org}/2569/%2e%2e%2f%2e%2e%2f{other}%2f2569%2fprogress-6m.pdf",
            $"/api/public/%2e%2e/{org}/2569/progress-6m.pdf",
            $"/api/public/{org}/2569/progress-6m.pdf%20",
            "/api/public/%2e%2e",
            "/api/public/-x",
        ];
        foreach (var path404 in notPublished)
        {
            using var response = await AnonymousGetAsync(app, path404);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path404}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Dot segments leave the public routes altogether (the client or server resolves them): never a document, never a 500.
        foreach (var tricky in new[]
        {
            $"/api/public/{org}/2569/../../../orgs/{org}/years/2569/reports/{unpublished}/pdf",
            $"/api/public/{org}/../../reports/{org}/2569/{unpublished}.pdf",
            $"/api/public/../../report-requests/{org}/2569/{unpublished}.json",
        })
        {
            using var response = await AnonymousGetAsync(app, tricky);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{tricky}: {(int)response.StatusCode}");
            Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        using var post = await app.CreateClient().PostAsync($"/api/public/{org}/2569/progress-6m.pdf", null);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Empty(world.Log.At(LogLevel.Error));
    }

    [Theory]
    [InlineData("na-kham", "2569", "progress-6m.pdf", "na-kham/2569/progress-6m.pdf")]
    [InlineData("na-kham", "2569", "anticorruption-12m.pdf", "na-kham/2569/anticorruption-12m.pdf")]
    [InlineData("na-kham", "2568", "analysis.pdf", "na-kham/2568/analysis.pdf")]
    [InlineData("na-kham", "2569", "measures.pdf", "na-kham/2569/measures.pdf")]
    [InlineData("na-kham", "2569", "analysis-6m.pdf", null)]
    [InlineData("na-kham", "2569", "anticorruption.pdf", null)]
    [InlineData("na-kham", "2569", "progress-12m-6m.pdf", null)]
    [InlineData("na-kham", " 2569", "progress-6m.pdf", null)]
    [InlineData("na-kham", "2469", "progress-6m.pdf", null)]
    [InlineData("Na-kham", "2569", "progress-6m.pdf", null)]
    [InlineData("na kham", "2569", "progress-6m.pdf", null)]
    [InlineData("..", "2569", "progress-6m.pdf", null)]
    [InlineData("na-kham", "2569", ".pdf", null)]
    [InlineData("na-kham", "2569", "progress-6m.pdf/", null)]
    public void A_public_address_parses_only_in_its_canonical_spelling(string org, string fy, string file, string? blobName)
    {
        var document = PublicDocument.TryParse(org, fy, file);
        Assert.Equal(blobName, document?.BlobName);
        if (document is not null)
        {
            Assert.Equal("/api/public/" + blobName, document.Path);
            Assert.Equal(document, PublicDocument.TryParseBlobName(blobName!));
        }
    }

    [Fact]
    public void Due_rounds_are_those_of_this_and_last_fiscal_year_whose_due_date_has_passed_in_Bangkok()
    {
        var defaults = Core.Calendar.RoundDueDates.Default;
        string[] Due(int year, int month, int day) => AutoPublisher.DueRounds(new DateOnly(year, month, day), defaults).Select(r => r.ToString()).ToArray();
        Assert.Equal(["2568/6m"], Due(2025, 10, 31));             // FY 2569 began; 2568's 12m is due that day
        Assert.Equal(["2568/6m", "2568/12m"], Due(2025, 11, 1));
        Assert.Equal(["2568/6m", "2568/12m"], Due(2026, 4, 30));
        Assert.Equal(["2568/6m", "2568/12m", "2569/6m"], Due(2026, 5, 1));
        Assert.Equal(["2569/6m", "2569/12m"], Due(2026, 11, 1));  // FY 2570: last year's rounds only
        Assert.Equal("auto-publish|2569|6m", AutoPublisher.IdempotencyKey(new(Core.Calendar.FiscalYear.Of(2569), Core.Calendar.ReportingRound.SixMonths)));
    }
}
