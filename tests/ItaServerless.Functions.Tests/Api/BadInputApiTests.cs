// SPDX-License-Identifier: MIT
using System.Net;
using System.Text;
using ItaServerless.Testing;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>Every class of bad input gets a 4xx problem naming the field, and writes nothing.</summary>
[Collection(WorkerFixture.Collection)]
public sealed class BadInputApiTests(WorkerFixture app) : ApiTestBase(app)
{
    private static readonly object GoodMeasure = new { plan = "ita", title = "มาตรการ", indicators = new[] { 1 }, responsible = new[] { "*" } };

    public static TheoryData<string, string, string> BadMeasures => new()
    {
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"colour":"red"}""", "colour", "unknown_field" },
        { """{"plan":"ita","title":5,"indicators":[1],"responsible":["*"]}""", "title", "wrong_type" },
        { """{"plan":"ita","title":"x","indicators":[1,"two"],"responsible":["*"]}""", "indicators[1]", "wrong_type" },
        { """{"plan":"ita","title":"x","indicators":[11],"responsible":["*"]}""", "indicators[0]", "out_of_range" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"budget":"5"}""", "budget", "wrong_type" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"budget":-1}""", "budget", "negative" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"period":{"from":"2569-10","to":"2569-12"}}""", "period.from", "period_outside_year" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"period":{"from":"2568-10","to":"2569-13"}}""", "period.to", "out_of_range" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"period":{"from":"October","to":"2569-03"}}""", "period.from", "invalid_format" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"questions":["o99"]}""", "questions[0]", "unknown_question" },
        { """{"plan":"ita","title":"x\u0000y","indicators":[1],"responsible":["*"]}""", "title", "control_character" },
        { """{"plan":"ita","title":"","indicators":[1],"responsible":["*"]}""", "title", "required" },
        { """{"plan":"ita","title":"x","indicators":[1],"responsible":["*"],"dimension":2}""", "dimension", "not_allowed" },
        { """{"plan":"itaa","title":"x","indicators":[1],"responsible":["*"]}""", "plan", "unknown_value" },
        { """{"plan":"ita","title":"x","indicators":[1],""", "$body", "malformed_json" },
        { """[1,2,3]""", "$body", "wrong_type" },
        { """null""", "$body", "malformed_json" },
    };

    [Theory]
    [MemberData(nameof(BadMeasures))]
    public async Task Bad_measures_are_refused_with_the_field_named(string body, string field, string code)
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2569/measures";
        (await editor.SendRawAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes(body))).IsProblem(HttpStatusCode.BadRequest, field, code);
        Assert.Empty((await editor.GetAsync(path)).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task A_common_era_year_is_refused_with_a_hint()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var answer = (await editor.PostAsync($"/api/orgs/{org}/years/2026/measures", GoodMeasure)).IsProblem(HttpStatusCode.BadRequest, "fy", "year_looks_like_ce");
        Assert.Contains("2569", answer.Json["errors"]![0]!["en"]!.GetValue<string>(), StringComparison.Ordinal);
        (await editor.GetAsync($"/api/orgs/{org}/years/abc/measures")).IsProblem(HttpStatusCode.BadRequest, "fy", "invalid_format");
    }

    [Fact]
    public async Task Out_of_range_scores_and_unknown_indicators_are_refused_without_a_partial_write()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var answer = await editor.PutAsync($"/api/orgs/{org}/assessments/2568",
            new { total = 101, indicators = new Dictionary<string, decimal> { ["11"] = 50, ["1"] = 99.999m }, questions = new Dictionary<string, decimal> { ["o29"] = 50 } });
        answer.IsProblem(HttpStatusCode.BadRequest, "total", "out_of_range");
        Assert.Contains(("indicators.11", "out_of_range"), answer.Errors);
        Assert.Contains(("indicators.1", "too_many_decimals"), answer.Errors);
        Assert.Contains(("questions.o29", "unknown_question"), answer.Errors);
        (await editor.GetAsync($"/api/orgs/{org}/assessments/2568")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bodies_that_are_not_utf8_json_or_too_large_are_refused()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2569/measures";
        (await editor.SendRawAsync(HttpMethod.Post, path, [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D])).IsProblem(HttpStatusCode.BadRequest, "$body", "malformed_json");
        (await editor.SendRawAsync(HttpMethod.Post, path, Encoding.UTF8.GetBytes("title=x"), "application/x-www-form-urlencoded")).IsProblem(HttpStatusCode.UnsupportedMediaType, "Content-Type", "unsupported_media_type");
        var huge = Encoding.UTF8.GetBytes($$"""{"plan":"ita","title":"{{new string('ก', 200_000)}}"}""");
        (await editor.SendRawAsync(HttpMethod.Post, path, huge)).IsProblem(HttpStatusCode.RequestEntityTooLarge, "$body", "too_large");
        var longTitle = new { plan = "ita", title = new string('ก', 501), indicators = new[] { 1 }, responsible = new[] { "*" } };
        (await editor.PostAsync(path, longTitle)).IsProblem(HttpStatusCode.BadRequest, "title", "too_long");
        Assert.Empty((await editor.GetAsync(path)).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Bad_organizations_name_every_field_at_once()
    {
        var answer = await Admin.PostAsync("/api/orgs", new { id = "Bad Id", name = "", kind = "city", website = "nakham.go.th", dueDates = new { sixMonths = "02-30" } });
        answer.IsProblem(HttpStatusCode.BadRequest, "id", "invalid_format");
        Assert.Contains(("name", "required"), answer.Errors);
        Assert.Contains(("kind", "unknown_value"), answer.Errors);
        Assert.Contains(("website", "invalid_url"), answer.Errors);
        Assert.Contains(("dueDates.sixMonths", "out_of_range"), answer.Errors);
    }
}
