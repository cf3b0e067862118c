// SPDX-License-Identifier: MIT
using System.Net;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Tests.Hosting;
using ItaServerless.Functions.Tests.Reports;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>
/// What integrators do (API issue): GET a resource, change it, PUT it back with its ETag. Read-only
/// fields (ids, etags, derived text, the parent's keys) are accepted and ignored; unknown fields are still
/// refused, and every bad field of a body is named in one problem.
/// </summary>
[Collection(WorkerFixture.Collection)]
public sealed class RoundTripTests(WorkerFixture app) : ApiTestBase(app)
{
    [Theory]
    [InlineData("", "phone", "0 4252 1234")]
    [InlineData("/units/office", "name", "สำนักปลัดเทศบาล")]
    [InlineData("/officials/planner", "position", "นักวิเคราะห์นโยบายและแผนชำนาญการ")]
    [InlineData("/years/2569/measures/ita-1", "title", "การเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์")]
    [InlineData("/years/2569/measures/ita-1/progress/6m", "result", "ปรับปรุงเว็บไซต์ครบทุกหัวข้อแล้ว")]
    [InlineData("/assessments/2568", "total", null)]
    public async Task What_a_GET_gives_a_PUT_takes_back(string path, string field, string? value)
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var url = $"/api/orgs/{org}{path}";
        var read = (await editor.GetAsync(url)).Is(HttpStatusCode.OK);
        var body = read.Json.DeepClone().AsObject();
        body[field] = value is null ? JsonValue.Create(84.50m) : JsonValue.Create(value);

        var written = (await editor.PutAsync(url, body, read.ETag)).Is(HttpStatusCode.OK);
        Assert.NotEqual(read.ETag, written.ETag);
        var again = (await editor.GetAsync(url)).Is(HttpStatusCode.OK).Json;
        Assert.Equal(body[field]!.ToJsonString(), again[field]!.ToJsonString());
    }

    [Fact]
    public async Task Every_bad_field_of_a_body_is_named_at_once_and_unknown_fields_are_still_refused()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await ReportPipeline.SeedAsync(editor, org);
        var url = $"/api/orgs/{org}/years/2569/measures/ita-1";
        var read = (await editor.GetAsync(url)).Is(HttpStatusCode.OK);
        var body = read.Json.DeepClone().AsObject();
        body["title"] = 5;
        body["indicators"] = "nine";
        body["colour"] = "green";
        body["period"]!["mood"] = "sunny";

        var refused = (await editor.PutAsync(url, body, read.ETag)).Is(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", refused.ContentType);
        Assert.Equal([("colour", "unknown_field"), ("indicators", "wrong_type"), ("period.mood", "unknown_field"), ("title", "wrong_type")],
            refused.Errors.OrderBy(e => e.Field, StringComparer.Ordinal));
        Assert.Equal(read.Json["title"]!.GetValue<string>(), (await editor.GetAsync(url)).Json["title"]!.GetValue<string>()); // nothing written
    }
}
