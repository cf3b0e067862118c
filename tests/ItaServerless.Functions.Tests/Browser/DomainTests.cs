// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// GET /api/domain against core, and the web form reading the domain's words from it instead of
/// keeping copies: no file of the form may spell an indicator, a status, a plan, … itself.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class DomainTests(BrowserFixture fixture)
{
    private readonly BrowserApp app = fixture.App;
    private readonly FormPage page = new(fixture.App, fixture.Chrome);

    private async Task<(HttpResponseMessage Response, JsonNode Json)> GetDomainAsync()
    {
        var response = await app.Http.GetAsync("/api/domain");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task The_domain_is_core_s_vocabulary_without_a_token_and_is_revalidated_by_its_ETag()
    {
        var (response, json) = await GetDomainAsync();
        using (response)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Indicator.All.Select(i => $"{i.Number} {i.Tool} {i.NameTh}"),
                json["indicators"]!.AsArray().Select(i => $"{i!["number"]} {i["tool"]} {i["nameTh"]}"));
            Assert.Equal(Enum.GetValues<ProgressStatus>().Select(s => $"{s.Code()} {s.NameTh()} {s != ProgressStatus.Waiting}"),
                json["progressStatuses"]!.AsArray().Select(s => $"{s!["code"]} {s["nameTh"]} {(bool)s["reportable"]!}"));
            Assert.Equal(Enum.GetValues<Plan>().Select(p => $"{p.Code()} {p.NameTh()} {p.NameEn()}"),
                json["plans"]!.AsArray().Select(p => $"{p!["code"]} {p["nameTh"]} {p["nameEn"]}"));
            Assert.Equal(Enum.GetValues<MeasureKind>().Select(k => $"{k.Code()} {k.NameTh()}"),
                json["measureKinds"]!.AsArray().Select(k => $"{k!["code"]} {k["nameTh"]}"));
            Assert.Equal([1, 2, 3, 4], json["dimensions"]!.AsArray().Select(d => (int)d!["number"]!));
            Assert.Equal(PlanNames.DimensionNameTh(4), (string?)json["dimensions"]![3]!["nameTh"]);
            var year = FiscalYear.Of(2569);
            Assert.Equal(ReportingRound.All.Select(r => $"{r.Code} {ThaiFormat.RoundName(r)} {r.PeriodEnd(year).Month} {RoundDueDates.Default.For(r)}"),
                json["rounds"]!.AsArray().Select(r => $"{r!["code"]} {r["nameTh"]} {r["lastMonth"]} {r["defaultDueDate"]}"));
            Assert.Equal("04-30", (string?)json["rounds"]![0]!["defaultDueDate"]);
            Assert.Equal("ต.ค. – มี.ค.", (string?)json["rounds"]![0]!["periodTh"]);
            Assert.Equal(10, (int)json["fiscalYearFirstMonth"]!);
            Assert.Equal(QuestionCatalog.Years, json["assessmentYears"]!.AsArray().Select(y => (int)y!));
            Assert.Equal(Score.PassMark, (decimal)json["passMark"]!);
            Assert.Equal(["maintain 95 ", "raise 90 95", "improve  90"],
                json["classifications"]!.AsArray().Select(c => $"{c!["code"]} {c["from"]} {c["below"]}"));
            Assert.Equal("*", (string?)json["everyDivision"]!["code"]);
            Assert.Equal(["drafter", "divisionHead", "permanentSecretary", "executive"], json["officialRoles"]!.AsArray().Select(r => (string)r!["code"]!));
            Assert.Contains("อบต.", json["organizationKinds"]!.AsArray().Select(k => (string)k!["code"]!));

            // What each PUT accepts, read from the routes themselves: the fields a client must send back.
            var editable = json["editable"]!;
            Assert.Superset(new HashSet<string> { "id", "name", "kind", "dueDates", "autoPublish", "webhook" }, Strings(editable["organization"]));
            Assert.Equal(["contacts", "name"], Strings(editable["unit"]).Order(StringComparer.Ordinal));
            Assert.Superset(new HashSet<string> { "name", "position", "role", "order", "email" }, Strings(editable["official"]));
            Assert.DoesNotContain("etag", Strings(editable["official"]));

            Assert.True(response.Headers.CacheControl?.Public, "Cache-Control: public");
            Assert.True(response.Headers.CacheControl?.NoCache, "Cache-Control: no-cache (revalidate)");
            var etag = response.Headers.ETag;
            Assert.NotNull(etag);

            using var again = new HttpRequestMessage(HttpMethod.Get, "/api/domain");
            again.Headers.IfNoneMatch.Add(etag);
            using var revalidated = await app.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Equal(etag, revalidated.Headers.ETag);
            using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/domain");
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
            Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(stale)).StatusCode);
        }

        var openApi = JsonNode.Parse(await app.Http.GetStringAsync("/api/openapi.json"))!;
        var described = openApi["paths"]!["/api/domain"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"];
        Assert.NotNull(described);
    }

    [Fact]
    public async Task The_form_keeps_no_copy_of_the_domain()
    {
        var (response, json) = await GetDomainAsync();
        response.Dispose();
        var words = new List<string>();
        foreach (var list in new[] { "indicators", "tools", "plans", "dimensions", "progressStatuses", "rounds", "classifications" })
            words.AddRange(json[list]!.AsArray().Select(t => (string)t!["nameTh"]!));
        // Kinds whose label is more than their code (the codes themselves are the API's values).
        words.AddRange(json["organizationKinds"]!.AsArray().Where(k => (string?)k!["nameTh"] != (string?)k["code"]).Select(k => (string)k!["nameTh"]!));
        words.Add((string)json["everyDivision"]!["nameTh"]!);
        foreach (var round in json["rounds"]!.AsArray())
        {
            var due = (string)round!["defaultDueDate"]!;
            words.Add(due);
            words.Add($"{int.Parse(due[3..], System.Globalization.CultureInfo.InvariantCulture)} {ThaiMonths.Full(int.Parse(due[..2], System.Globalization.CultureInfo.InvariantCulture))}");
        }
        Assert.True(words.Count > 30, $"only {words.Count} words");

        var copies = Directory.EnumerateFiles(WebForm.SourceFolder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".js", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
            .SelectMany(f => words.Where(w => File.ReadAllText(f).Contains(w, StringComparison.Ordinal))
                .Select(w => $"{Path.GetRelativePath(WebForm.SourceFolder, f)}: {w}"))
            .ToList();
        Assert.Empty(copies);
    }

    [Fact]
    public async Task The_progress_screen_opens_on_the_round_due_next_by_the_organizations_own_due_dates()
    {
        var org = await SeededOrg.CreateAsync(app);
        // Without a year or round in the address the screen works them out (from the organization's due dates).
        page.OpenSignedIn(org, "progress", "progress");
        Assert.Empty(page.Driver.FindElements(OpenQA.Selenium.By.CssSelector(".error-summary")));
        Assert.Matches("^สรุปผลรอบ (๖|๑๒) เดือน ปีงบประมาณ พ.ศ. 25[0-9]{2}$", page.Driver.FindElement(OpenQA.Selenium.By.CssSelector("section.round-summary h2")).Text);

        var own = RoundDueDates.Create(5, 31, 11, 30).Value;
        DateOnly[] days = [new(2025, 10, 15), new(2025, 11, 1), new(2025, 11, 30), new(2025, 12, 1), new(2026, 4, 30), new(2026, 5, 1), new(2026, 5, 31), new(2026, 6, 1), new(2026, 9, 30)];
        foreach (var (dueDates, json) in new[] { (RoundDueDates.Default, "null"), (own, """{ "sixMonths": "05-31", "twelveMonths": "11-30" }""") })
        {
            var chosen = fixture.Chrome.Driver.ExecuteAsyncScript("""
                const [dueDatesJson, days, done] = arguments;
                const dueDates = JSON.parse(dueDatesJson);
                import(new URL('js/screens/progress.js', document.baseURI).href)
                  .then((m) => done(days.map((d) => { const r = m.defaultRound(dueDates, new Date(d[0], d[1] - 1, d[2])); return `${r.fy} ${r.round}`; })))
                  .catch((e) => done(String(e)));
                """, json, days.Select(d => new[] { d.Year, d.Month, d.Day }).ToArray());
            var expected = days.Select(d => Expected(d, dueDates));
            Assert.Equal(expected, Assert.IsAssignableFrom<IEnumerable<object>>(chosen).Select(o => (string)o));
        }
    }

    /// <summary>The oracle, from core's due dates: last year's 12 months, then this year's rounds, the first not yet past.</summary>
    private static string Expected(DateOnly day, RoundDueDates dueDates)
    {
        var fy = FiscalYear.FromDate(day);
        var candidates = new[] { (fy.Previous, ReportingRound.TwelveMonths), (fy, ReportingRound.SixMonths), (fy, ReportingRound.TwelveMonths) };
        var (year, round) = candidates.FirstOrDefault(c => dueDates.DueDate(c.Item1, c.Item2) >= day, candidates[^1]);
        return $"{year} {round}";
    }

    private static HashSet<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
}
