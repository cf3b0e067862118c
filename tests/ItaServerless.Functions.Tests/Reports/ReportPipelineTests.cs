// SPDX-License-Identifier: MIT
using System.Net;
using System.Security.Cryptography;
using ItaServerless.Functions.Reporting;
using ItaServerless.Functions.Storage;
using ItaServerless.Functions.Tests.Api;
using Microsoft.AspNetCore.Hosting;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reports;

[Collection(WorkerFixture.Collection)]
public sealed class ReportPipelineTests : ApiTestBase
{
    private readonly ReportPipeline _pipeline;

    public ReportPipelineTests(WorkerFixture app) : base(app)
    {
        _pipeline = new ReportPipeline(App);
    }

    private static string Token(ApiClient client) => client.Token!;

    [Fact]
    public async Task A_measures_report_is_queued_rendered_and_downloaded()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);

        var queued = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "measures", memo = new { date = "2025-11-03" } })).Is(HttpStatusCode.Accepted);
        Assert.Equal("queued", queued.Json!["status"]!.GetValue<string>());
        Assert.Equal("measures", queued.Json["kind"]!.GetValue<string>());
        Assert.Null(queued.Json["round"]);
        Assert.Equal($"/api/orgs/{org}/years/2569/reports/{queued.Id}", queued.Header("Location"));
        // Before the renderer ran: the status says queued and the PDF is not there yet.
        Assert.Equal("queued", (await _pipeline.StatusAsync(org, Token(editor), queued.Id)).Is(HttpStatusCode.OK).Json!["status"]!.GetValue<string>());
        (await _pipeline.PdfAsync(org, Token(editor), queued.Id)).Is(HttpStatusCode.NotFound);

        // The worker's RenderReport runs when the local host sees the request blob (Event Grid does it in Azure).
        var ready = await _pipeline.RenderedAsync(org, Token(editor), queued.Id);
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.True(ready["pages"]!.GetValue<int>() > 1);
        Assert.Null(ready["reason"]);
        Assert.NotNull(ready["renderedAt"]);
        var pdf = (await _pipeline.PdfAsync(org, Token(editor), queued.Id)).Is(HttpStatusCode.OK);
        Assert.Equal("application/pdf", pdf.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ready["bytes"]!.GetValue<long>(), pdf.Body.LongLength);
        Assert.Equal(ready["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(pdf.Body)));
        Assert.Equal($"\"{ready["sha256"]!.GetValue<string>()}\"", pdf.Header("ETag"));
        var cached = await _pipeline.SendAsync(HttpMethod.Get, $"{ReportPipeline.Path(org)}/{queued.Id}/pdf", Token(editor), ifNoneMatch: pdf.Header("ETag"));
        Assert.Equal(HttpStatusCode.NotModified, cached.Status);
        Assert.Empty(cached.Body);
        var disposition = pdf.Header("Content-Disposition")!;
        Assert.Contains($"filename=\"{org}-2569-measures-{queued.Id}.pdf\"", disposition, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("มาตรการส่งเสริมคุณธรรมและความโปร่งใส 2569.pdf"), disposition, StringComparison.Ordinal);

        var text = ReportPipeline.Compact(await ReportPipeline.PdfTextAsync(pdf.Body));
        Assert.Contains(ReportPipeline.Compact(ReportPipeline.OrganizationName), text, StringComparison.Ordinal);
        foreach (var title in ReportPipeline.MeasureTitles)
            Assert.Contains(ReportPipeline.Compact(title), text, StringComparison.Ordinal);
        Assert.Contains("นายสวัสดิ์ตันแกง", text, StringComparison.Ordinal); // the executive approves it

        var list = (await editor.GetAsync(ReportPipeline.Path(org))).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(queued.Id, Assert.Single(list)!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_host_admin_api_runs_RenderReport_again_with_the_master_key_only()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var id = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "progress", round = "6m" })).Is(HttpStatusCode.Accepted).Id;
        var first = await _pipeline.RenderedAsync(org, Token(editor), id);
        Assert.Equal("ready", first["status"]!.GetValue<string>());

        var input = new { input = $"{ReportFiles.RequestsContainer}/{org}/2569/{id}.json" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _pipeline.SendAsync(HttpMethod.Post, "/admin/functions/RenderReport", null, input)).Status);
        using var http = App.CreateClient();
        http.DefaultRequestHeaders.Add("x-functions-key", WorkerFixture.AdminKey);
        var again = await http.PostAsync("/admin/functions/RenderReport", new StringContent(
            System.Text.Json.JsonSerializer.Serialize(input), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);

        // Run again, it changes nothing: the report was ready (the host's log says "nothing to do").
        await Task.Delay(1000);
        var only = Assert.Single((await editor.GetAsync(ReportPipeline.Path(org))).Json["items"]!.AsArray())!;
        Assert.Equal(first["sha256"]!.GetValue<string>(), only["sha256"]!.GetValue<string>());
        Assert.Equal(first["renderedAt"]!.GetValue<DateTimeOffset>(), only["renderedAt"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("progress", "6m")]
    [InlineData("anticorruption", "6m")]
    [InlineData("analysis", null)]
    public async Task Every_kind_renders_from_the_stored_data(string kind, string? round)
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var fy = kind == "analysis" ? "2568" : ReportPipeline.Year;
        var queued = (await _pipeline.RequestAsync(org, Token(editor), new { kind, round }, fy: fy)).Is(HttpStatusCode.Accepted);
        var status = await _pipeline.RenderedAsync(org, Token(editor), queued.Id, fy);
        Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString());
        var text = ReportPipeline.Compact(await ReportPipeline.PdfTextAsync((await _pipeline.PdfAsync(org, Token(editor), queued.Id, fy)).Is(HttpStatusCode.OK).Body));
        Assert.Contains(ReportPipeline.Compact(ReportPipeline.OrganizationName), text, StringComparison.Ordinal);
        string[] expected = kind switch
        {
            // The memo's default subject, the measure and what was reported on it.
            "progress" => ["รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานประจำปีงบประมาณพ.ศ.๒๕๖๙รอบ๖เดือน",
                ReportPipeline.MeasureTitles[0], ReportPipeline.ProgressResult, "นางสาวสมใจใจดี"],
            "anticorruption" => [ReportPipeline.ProjectTitle, "12,500.50", "นายสวัสดิ์ตันแกง"],
            // The scores of 2568 and the 2569 measure as the development plan.
            _ => ["๘๓.๐๓", "๓๘.๐๐", ReportPipeline.MeasureTitles[0]],
        };
        foreach (var part in expected) Assert.Contains(ReportPipeline.Compact(part), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_data_fails_the_report_at_once_with_a_reason()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org, withAssessment: false);
        var id = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "analysis" }, fy: "2568")).Is(HttpStatusCode.Accepted).Id;

        var status = await _pipeline.RenderedAsync(org, Token(editor), id, "2568");
        Assert.Equal("failed", status["status"]!.GetValue<string>());
        Assert.Equal("ยังไม่มีผลการประเมิน ITA ปี 2568 / no ITA result for 2568", status["reason"]!.GetValue<string>());
        Assert.Equal(0, status["attempts"]!.GetValue<int>()); // failed at once, not retried
        Assert.Null(status["sha256"]);
        var pdf = (await _pipeline.PdfAsync(org, Token(editor), id, "2568")).Is(HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", pdf.Response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no ITA result for 2568", pdf.Json!["title"]!.GetValue<string>(), StringComparison.Ordinal);

        // The measures document needs the ITA result of the year before as well.
        var measures = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "measures" })).Is(HttpStatusCode.Accepted).Id;
        Assert.Contains("no ITA result for 2568", (await _pipeline.RenderedAsync(org, Token(editor), measures))["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organization_cannot_read_the_report_or_its_pdf()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var (other, otherEditor, _) = await CreateOrgAsync();
        var id = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "measures" })).Is(HttpStatusCode.Accepted).Id;
        await _pipeline.RenderedAsync(org, Token(editor), id);

        (await _pipeline.StatusAsync(org, Token(otherEditor), id)).Is(HttpStatusCode.Unauthorized);
        (await _pipeline.PdfAsync(org, Token(otherEditor), id)).Is(HttpStatusCode.Unauthorized);
        (await _pipeline.SendAsync(HttpMethod.Get, ReportPipeline.Path(org), Token(otherEditor))).Is(HttpStatusCode.Unauthorized);
        (await _pipeline.RequestAsync(org, Token(otherEditor), new { kind = "measures" })).Is(HttpStatusCode.Unauthorized);
        // Its own path with the other organization's report id finds nothing.
        (await _pipeline.StatusAsync(other, Token(otherEditor), id)).Is(HttpStatusCode.NotFound);
        (await _pipeline.PdfAsync(other, Token(otherEditor), id)).Is(HttpStatusCode.NotFound);
        (await _pipeline.PdfAsync(org, Token(editor), id)).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_report()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var body = new { kind = "progress", round = "6m", memo = new { number = "นพ ๕๒๔๐๑/๑๒๓" } };
        var first = (await _pipeline.RequestAsync(org, Token(editor), body, "retry-7f3a")).Is(HttpStatusCode.Accepted);
        var second = (await _pipeline.RequestAsync(org, Token(editor), body, "retry-7f3a")).Is(HttpStatusCode.Accepted);
        Assert.Equal(first.Id, second.Id);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal("true", second.Header("Idempotent-Replayed"));
        Assert.Equal(first.Json!["createdAt"]!.GetValue<DateTimeOffset>(), second.Json!["createdAt"]!.GetValue<DateTimeOffset>());
        Assert.Single((await editor.GetAsync(ReportPipeline.Path(org))).Json["items"]!.AsArray());

        // The key names this request: another body with it is refused; another key is another report.
        var reused = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "measures" }, "retry-7f3a")).Is(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("key_reused", reused.Json!["errors"]![0]!["code"]!.GetValue<string>());
        var third = (await _pipeline.RequestAsync(org, Token(editor), body, "retry-8b21")).Is(HttpStatusCode.Accepted);
        Assert.NotEqual(first.Id, third.Id);
        var listed = (await editor.GetAsync(ReportPipeline.Path(org))).Json["items"]!.AsArray();
        Assert.Equal([third.Id, first.Id], listed.Select(r => r!["id"]!.GetValue<string>())); // newest first

        // Another organization using the same key gets its own report.
        var (other, otherEditor, _) = await CreateOrgAsync();
        var theirs = (await _pipeline.RequestAsync(other, Token(otherEditor), body, "retry-7f3a")).Is(HttpStatusCode.Accepted);
        Assert.NotEqual(first.Id, theirs.Id);

        // The memo number given is the one stored in the request the renderer reads.
        var stored = await App.Get<ReportFiles>().ReadRequestAsync(org, Core.Calendar.FiscalYear.Of(2569), first.Id, default);
        Assert.Equal("นพ ๕๒๔๐๑/๑๒๓", stored!.Memo.Number);
        Assert.Equal("นายกเทศมนตรีตำบลนาคำ", stored.Memo.To);
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_name_one_report()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var body = new { kind = "progress", round = "12m" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _pipeline.RequestAsync(org, Token(editor), body, "burst-1")));
        // Never 409 "in progress": the key names the report, so every retry gets it.
        Assert.All(answers, a => a.Is(HttpStatusCode.Accepted));
        Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Single(answers, a => a.Header("Idempotent-Replayed") is null);
        Assert.Single((await editor.GetAsync(ReportPipeline.Path(org))).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task The_memo_defaults_come_from_the_organization_and_today_in_Bangkok()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var id = (await _pipeline.RequestAsync(org, Token(editor), new { kind = "anticorruption", round = "12m" })).Is(HttpStatusCode.Accepted).Id;
        var memo = (await App.Get<ReportFiles>().ReadRequestAsync(org, Core.Calendar.FiscalYear.Of(2569), id, default))!.Memo;
        Assert.Equal(Core.Calendar.BangkokTime.DateOf(DateTimeOffset.UtcNow), memo.Date);
        Assert.Equal("นพ ๕๒๔๐๑/", memo.Number);
        Assert.Equal("รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ รอบ ๑๒ เดือน", memo.Subject);
        Assert.Equal("นายกเทศมนตรีตำบลนาคำ", memo.To);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_problems()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = ReportPipeline.Path(org);
        (await editor.PostAsync(path, new { kind = "budget" })).IsProblem(HttpStatusCode.BadRequest, "kind", "unknown_value");
        (await editor.PostAsync(path, new { round = "6m" })).IsProblem(HttpStatusCode.BadRequest, "kind", "required");
        (await editor.PostAsync(path, new { kind = "analysis", round = "12m" })).IsProblem(HttpStatusCode.BadRequest, "round", "not_allowed");
        (await editor.PostAsync(path, new { kind = "measures", round = "6m" })).IsProblem(HttpStatusCode.BadRequest, "round", "not_allowed");
        (await editor.PostAsync(path, new { kind = "progress" })).IsProblem(HttpStatusCode.BadRequest, "round", "required");
        (await editor.PostAsync(path, new { kind = "anticorruption", round = "9m" })).IsProblem(HttpStatusCode.BadRequest, "round", "unknown_value");
        (await editor.PostAsync(path, new { kind = "measures", memo = new { date = "30/04/2026" } })).IsProblem(HttpStatusCode.BadRequest, "memo.date", "invalid_format");
        (await editor.PostAsync(path, new { kind = "measures", memo = new { date = "2569-04-30" } })).IsProblem(HttpStatusCode.BadRequest, "memo.date", "year_looks_like_be");
        (await editor.PostAsync(path, new { kind = "measures", memo = new { to = "นายก\u0007" } })).IsProblem(HttpStatusCode.BadRequest, "memo.to", "control_character");
        (await editor.PostAsync(path, new { kind = "measures", format = "docx" })).IsProblem(HttpStatusCode.BadRequest, "format", "unknown_field");
        (await editor.PostAsync(ReportPipeline.Path(org, "2026"), new { kind = "measures" })).IsProblem(HttpStatusCode.BadRequest, "fy", "year_looks_like_ce");
        (await editor.SendRawAsync(HttpMethod.Post, path, "kind=measures"u8.ToArray(), "application/x-www-form-urlencoded"))
            .IsProblem(HttpStatusCode.UnsupportedMediaType, "Content-Type", "unsupported_media_type");
        var badKey = await _pipeline.RequestAsync(org, Token(editor), new { kind = "measures" }, "key with spaces");
        badKey.Is(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", (await editor.GetAsync($"{path}/no-such-report")).Is(HttpStatusCode.NotFound).ContentType);
        (await Anonymous.PostAsync(path, new { kind = "measures" })).Is(HttpStatusCode.Unauthorized);
        // Nothing was queued by any of them.
        Assert.Empty((await editor.GetAsync(path)).Json["items"]!.AsArray());
    }
}
