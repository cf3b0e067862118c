// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Testing;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reports;

/// <summary>
/// A measure edited after its progress was reported, as a planning officer does it: every read and
/// every document keeps working, and a budget cut below what was already disbursed is refused.
/// </summary>
[Collection(WorkerFixture.Collection)]
public sealed class BudgetCutTests(WorkerFixture app) : ApiTestBase(app)
{
    private static object Project(decimal budget, string title = ReportPipeline.ProjectTitle) => new
    {
        plan = "anticorruption", number = 1, title, responsible = new[] { "finance" }, budget, kind = "project", dimension = 1,
        method = new[] { "อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน" },
    };

    [Fact]
    public async Task Editing_a_reported_measure_keeps_every_read_and_report_working_and_a_cut_below_disbursed_is_refused()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);   // anticorruption-1: budget 50,000, 12,500.50 disbursed in 6m
        var measures = $"/api/orgs/{org}/years/2569/measures";
        var measure = (await editor.GetAsync($"{measures}/anticorruption-1")).Is(HttpStatusCode.OK);

        // The cut is refused, naming the field and the amount already reported.
        var refused = (await editor.PutAsync($"{measures}/anticorruption-1", Project(10_000m), measure.ETag))
            .IsProblem(HttpStatusCode.BadRequest, "budget", "below_disbursed");
        Assert.Contains("12,500.50", refused.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(50_000m, (await editor.GetAsync($"{measures}/anticorruption-1")).Json["budget"]!.GetValue<decimal>());

        // An edit that keeps the budget is fine; then the officer corrects the report and cuts the budget.
        var renamed = (await editor.PutAsync($"{measures}/anticorruption-1", Project(50_000m, "โครงการอบรมคุณธรรม (ปรับปรุง)"), measure.ETag)).Is(HttpStatusCode.OK);
        var progress = (await editor.GetAsync($"{measures}/anticorruption-1/progress/6m")).Is(HttpStatusCode.OK);
        (await editor.PutAsync($"{measures}/anticorruption-1/progress/6m",
            new { status = "inProgress", result = "จัดอบรมแล้ว ๑ ครั้ง", disbursed = 4_000m, reporter = new { name = "นางสาวสมใจ ใจดี" } }, progress.ETag)).Is(HttpStatusCode.OK);
        (await editor.PutAsync($"{measures}/anticorruption-1", Project(5_000m, "โครงการอบรมคุณธรรม (ปรับปรุง)"), renamed.ETag)).Is(HttpStatusCode.OK);

        // Every read of the round works and agrees: 4,000 of 5,000 disbursed on the anti-corruption plan.
        Assert.Equal(4_000m, (await editor.GetAsync($"{measures}/anticorruption-1/progress/6m")).Is(HttpStatusCode.OK).Json["disbursed"]!.GetValue<decimal>());
        var list = (await editor.GetAsync($"/api/orgs/{org}/years/2569/rounds/6m/progress")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(2, list.Count);
        var summary = (await editor.GetAsync($"/api/orgs/{org}/years/2569/rounds/6m/summary?plan=anticorruption")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(5_000m, summary["budget"]!.GetValue<decimal>());
        Assert.Equal(4_000m, summary["disbursed"]!.GetValue<decimal>());

        // And so does every document of the round.
        var pipeline = new ReportPipeline(App);
        foreach (var kind in new[] { "progress", "anticorruption" })
        {
            var queued = (await pipeline.RequestAsync(org, editor.Token!, new { kind, round = "6m", memo = new { date = "2026-04-30" } })).Is(HttpStatusCode.Accepted);
            var status = await pipeline.RenderedAsync(org, editor.Token!, queued.Id);
            Assert.True(status["status"]!.GetValue<string>() == "ready", status.ToJsonString());
        }
    }
}
