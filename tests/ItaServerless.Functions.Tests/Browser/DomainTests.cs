// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>GET /api/domain against core.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class DomainTests(BrowserFixture fixture)
{
    private readonly BrowserApp app = fixture.App;

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

    private static HashSet<string> Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
}
