// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Testing;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

[Collection(WorkerFixture.Collection)]
public sealed class PlanApiTests(WorkerFixture app) : ApiTestBase(app)
{
    /// <summary>Seed 004 (เทศบาลตำบลนาคำ, ITA 2568): total, tools (EIT given as one score), indicators, some questions.</summary>
    private static readonly object Seed004 = new
    {
        total = 83.03m,
        tools = new Dictionary<string, decimal> { ["IIT"] = 99.87m, ["OIT"] = 59.00m },
        indicators = new Dictionary<string, decimal>
        {
            ["1"] = 99.78m, ["2"] = 99.55m, ["3"] = 100m, ["4"] = 100m, ["5"] = 100m,
            ["6"] = 98.00m, ["7"] = 99.20m, ["8"] = 97.47m, ["9"] = 38.00m, ["10"] = 80.00m,
        },
        questions = new Dictionary<string, decimal> { ["i1"] = 99.33m, ["o1"] = 0m, ["o3"] = 100m, ["o4"] = 50m, ["e1"] = 92m },
    };

    [Fact]
    public async Task An_ita_result_is_stored_and_analysed()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var put = (await editor.PutAsync($"/api/orgs/{org}/assessments/2568", Seed004)).Is(HttpStatusCode.Created);
        Assert.Equal(83.03m, put.Json["total"]!.GetValue<decimal>());

        var analysis = (await editor.GetAsync($"/api/orgs/{org}/assessments/2568/analysis")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("B", analysis["grade"]!.GetValue<string>());
        Assert.False(analysis["passed"]!.GetValue<bool>());
        Assert.Equal([9, 10], analysis["weakestIndicators"]!.AsArray().Select(i => i!["number"]!.GetValue<int>()));
        var classes = analysis["questions"]!.AsArray().ToDictionary(q => q!["id"]!.GetValue<string>(), q => q!["classification"]!.GetValue<string>());
        Assert.Equal("maintain", classes["i1"]);
        Assert.Equal("raise", classes["e1"]);
        Assert.Equal("improve", classes["o1"]);
        Assert.Equal("improve", classes["o4"]);

        (await editor.PutAsync($"/api/orgs/{org}/assessments/2568", Seed004)).Is(HttpStatusCode.PreconditionRequired);
        (await editor.PutAsync($"/api/orgs/{org}/assessments/2568", new { total = 86.5m }, put.ETag)).Is(HttpStatusCode.OK);
        Assert.True((await editor.GetAsync($"/api/orgs/{org}/assessments/2568/analysis")).Json["passed"]!.GetValue<bool>());

        var catalog = (await editor.GetAsync($"/api/orgs/{org}/catalog/2568")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(52, catalog["questions"]!.AsArray().Count);
        (await editor.GetAsync($"/api/orgs/{org}/catalog/2540")).IsProblem(HttpStatusCode.BadRequest, "fy", "unknown_assessment_year");
    }

    [Fact]
    public async Task Measures_are_numbered_listed_edited_and_deleted()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2569/measures";
        var first = (await editor.PostAsync(path, new
        {
            plan = "ita", title = "การเผยแพร่ข้อมูลข่าวสาร", indicators = new[] { 9 }, questions = new[] { "o1", "o2" },
            method = new[] { "ปรับปรุงเว็บไซต์", "เผยแพร่ข้อมูลให้ครบถ้วน" }, responsible = new[] { "*" },
            period = new { from = "2568-10", to = "2569-03" }, followUp = "รายงานผู้บริหารทุกไตรมาส", budget = 0,
        })).Is(HttpStatusCode.Created);
        Assert.Equal("ita-1", first.Json["id"]!.GetValue<string>());
        Assert.Equal("ต.ค.๖๘ – มี.ค.๖๙", first.Json["period"]!["text"]!.GetValue<string>());
        var second = (await editor.PostAsync(path, new { plan = "ita", title = "การป้องกันการทุจริต", indicators = new[] { 10 }, responsible = new[] { "*" }, period = new { wholeYear = true } })).Is(HttpStatusCode.Created);
        Assert.Equal("ita-2", second.Json["id"]!.GetValue<string>());
        var ac = (await editor.PostAsync(path, new { plan = "anticorruption", number = 13, title = "กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น", responsible = new[] { "*" }, budget = 100000, kind = "activity", dimension = 4 })).Is(HttpStatusCode.Created);
        Assert.Equal("anticorruption-13", ac.Json["id"]!.GetValue<string>());
        (await editor.PostAsync(path, new { plan = "anticorruption", number = 13, title = "ซ้ำ", responsible = new[] { "*" }, kind = "activity", dimension = 4 })).IsProblem(HttpStatusCode.Conflict, "number", "already_exists");

        var all = (await editor.GetAsync(path)).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["ita-1", "ita-2", "anticorruption-13"], all.Select(m => m!["id"]!.GetValue<string>()));
        var onlyIta = (await editor.GetAsync(path + "?plan=ita")).Json["items"]!.AsArray();
        Assert.Equal(2, onlyIta.Count);

        var edited = (await editor.PutAsync($"{path}/ita-2", new { title = "การป้องกันการทุจริต (ปรับปรุง)", indicators = new[] { 10 }, responsible = new[] { "*" } }, second.ETag)).Is(HttpStatusCode.OK);
        Assert.Equal("ita", edited.Json["plan"]!.GetValue<string>());
        (await editor.PutAsync($"{path}/ita-2", new { title = "เขียนทับ", indicators = new[] { 10 }, responsible = new[] { "*" } }, second.ETag)).Is(HttpStatusCode.PreconditionFailed);
        (await editor.PutAsync($"{path}/ita-2", new { number = 5, title = "x", indicators = new[] { 10 }, responsible = new[] { "*" } }, edited.ETag)).IsProblem(HttpStatusCode.BadRequest, "number", "not_allowed");
        Assert.Equal("การป้องกันการทุจริต (ปรับปรุง)", (await editor.GetAsync($"{path}/ita-2")).Json["title"]!.GetValue<string>());

        (await editor.DeleteAsync($"{path}/ita-1", first.ETag)).Is(HttpStatusCode.NoContent);
        (await editor.GetAsync($"{path}/ita-1")).Is(HttpStatusCode.NotFound);
        (await editor.GetAsync($"{path}/nonsense")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_idempotency_key_creates_one_measure()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2569/measures";
        var retrying = editor.WithIdempotencyKey("form-7f3a2c");
        var measure = new { plan = "ita", title = "การเผยแพร่ข้อมูลข่าวสาร", indicators = new[] { 9 }, responsible = new[] { "*" } };

        var first = (await retrying.PostAsync(path, measure)).Is(HttpStatusCode.Created);
        var again = (await retrying.PostAsync(path, measure)).Is(HttpStatusCode.Created);
        Assert.Equal(first.Json["id"]!.GetValue<string>(), again.Json["id"]!.GetValue<string>());
        Assert.Equal(first.ETag, again.ETag);
        Assert.Single((await editor.GetAsync(path)).Json["items"]!.AsArray());

        (await retrying.PostAsync(path, measure with { title = "อีกเรื่อง" })).IsProblem(HttpStatusCode.UnprocessableEntity, "Idempotency-Key", "key_reused");
        var refused = editor.WithIdempotencyKey("form-bad");
        (await refused.PostAsync(path, new { plan = "ita" })).Is(HttpStatusCode.BadRequest);
        (await refused.PostAsync(path, new { plan = "ita" })).Is(HttpStatusCode.BadRequest);
        Assert.Single((await editor.GetAsync(path)).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Seed_003_summary_comes_back_from_the_api()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2566/measures";
        for (var n = 1; n <= 15; n++)
        {
            var budget = n == 13 ? 100000m : 0m;
            var created = (await editor.PostAsync(path, new { plan = "anticorruption", number = n, title = $"โครงการที่ {n}", responsible = new[] { "*" }, budget, kind = "project", dimension = 1 + (n % 4) })).Is(HttpStatusCode.Created);
            var disbursed = n == 13 ? 4840m : 0m;
            (await editor.PutAsync($"{path}/{created.Json["id"]}/progress/12m", new { status = "done", disbursed, reporter = new { name = "นายรังสรรค์ ศรีเพชร", position = "หัวหน้าสำนักปลัดเทศบาล" } })).Is(HttpStatusCode.Created);
        }

        var summary = (await editor.GetAsync($"/api/orgs/{org}/years/2566/rounds/12m/summary")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(15, summary["total"]!.GetValue<int>());
        Assert.Equal(15, summary["done"]!.GetValue<int>());
        Assert.Equal(0, summary["waiting"]!.GetValue<int>());
        Assert.Equal(100000m, summary["budget"]!.GetValue<decimal>());
        Assert.Equal(4840m, summary["disbursed"]!.GetValue<decimal>());
        Assert.Equal(4.84m, summary["disbursedPercent"]!.GetValue<decimal>());
        Assert.Equal(100m, summary["implementedPercent"]!.GetValue<decimal>());

        var sixMonths = (await editor.GetAsync($"/api/orgs/{org}/years/2566/rounds/6m/summary")).Json;
        Assert.Equal(15, sixMonths["waiting"]!.GetValue<int>());
    }

    [Fact]
    public async Task Progress_is_reported_read_back_and_guarded_by_etag()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var measure = (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", new { plan = "ita", title = "คู่มือการปฏิบัติงาน", indicators = new[] { 1 }, responsible = new[] { "*" }, budget = 5000 })).Is(HttpStatusCode.Created);
        var path = $"/api/orgs/{org}/years/2569/measures/{measure.Json["id"]}/progress/6m";
        (await editor.GetAsync(path)).Is(HttpStatusCode.NotFound);
        var report = new { status = "inProgress", result = "ร่างคู่มือแล้ว", disbursed = 1200.50m, reporter = new { name = "นายอรรถพร พูลช่วย" }, evidence = new[] { "https://nakham.go.th/ita/manual.pdf" } };
        var created = (await editor.PutAsync(path, report)).Is(HttpStatusCode.Created);
        Assert.Equal("อยู่ระหว่างดำเนินการ", created.Json["statusTh"]!.GetValue<string>());
        (await editor.PutAsync(path, report with { status = "done" })).Is(HttpStatusCode.PreconditionRequired);
        (await editor.PutAsync(path, report with { status = "done" }, created.ETag)).Is(HttpStatusCode.OK);
        Assert.Equal("done", (await editor.GetAsync(path)).Json["status"]!.GetValue<string>());
        (await editor.PutAsync(path, new { status = "cannotDo", reporter = new { name = "x" } }, (await editor.GetAsync(path)).ETag))
            .IsProblem(HttpStatusCode.BadRequest, "reason", "required");
        (await editor.PutAsync(path.Replace("/6m", "/9m", StringComparison.Ordinal), report)).IsProblem(HttpStatusCode.BadRequest, "round", "unknown_value");
    }
}
