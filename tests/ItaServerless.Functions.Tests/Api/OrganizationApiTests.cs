// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Testing;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

[Collection(WorkerFixture.Collection)]
public sealed class OrganizationApiTests(WorkerFixture app) : ApiTestBase(app)
{
    [Fact]
    public async Task Admin_creates_an_organization_and_gets_its_editor_token_once()
    {
        var (org, editor, created) = await CreateOrgAsync();
        Assert.Equal(org, created.Json["organization"]!["id"]!.GetValue<string>());
        Assert.StartsWith("ita.", created.Json["editorToken"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(created.ETag);

        var read = (await editor.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.OK);
        Assert.Equal("เทศบาลตำบลนาคำ", read.Json["name"]!.GetValue<string>());
        Assert.Equal("04-30", read.Json["dueDates"]!["sixMonths"]!.GetValue<string>());
        Assert.Null(read.Json["editorToken"]);

        (await Admin.PostAsync("/api/orgs", new { id = org, name = "ซ้ำ", kind = "อบต." })).IsProblem(HttpStatusCode.Conflict, "id", "already_exists");
    }

    [Fact]
    public async Task Creating_needs_the_admin_key()
    {
        (await Anonymous.PostAsync("/api/orgs", new { id = NewOrgId(), name = "x", kind = "อบต." })).Is(HttpStatusCode.Unauthorized);
        var (_, editor, _) = await CreateOrgAsync();
        (await editor.PostAsync("/api/orgs", new { id = NewOrgId(), name = "x", kind = "อบต." })).Is(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Updates_need_the_current_etag()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var read = await editor.GetAsync($"/api/orgs/{org}");
        var update = new { name = "เทศบาลตำบลนาคำ", kind = "เทศบาลตำบล", phone = "0 4253 2000", dueDates = new { sixMonths = "05-15" } };

        (await editor.PutAsync($"/api/orgs/{org}", update)).IsProblem(HttpStatusCode.PreconditionRequired, "If-Match", "if_match_required");
        var written = (await editor.PutAsync($"/api/orgs/{org}", update, read.ETag)).Is(HttpStatusCode.OK);
        Assert.NotEqual(read.ETag, written.ETag);
        Assert.Equal("05-15", written.Json["dueDates"]!["sixMonths"]!.GetValue<string>());
        (await editor.PutAsync($"/api/orgs/{org}", update, read.ETag)).IsProblem(HttpStatusCode.PreconditionFailed, "If-Match", "stale_etag");
        (await editor.PutAsync($"/api/orgs/{org}", new { id = "other", name = "x", kind = "อบต." }, written.ETag)).IsProblem(HttpStatusCode.BadRequest, "id", "id_mismatch");
    }

    [Fact]
    public async Task Units_and_officials_are_edited_with_etags()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var unit = new { name = "กองคลัง", contacts = new[] { new { name = "นางสาวสมใจ ใจดี", email = "somjai@nakham.go.th" } } };
        var created = (await editor.PutAsync($"/api/orgs/{org}/units/finance", unit)).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/units/finance", unit)).IsProblem(HttpStatusCode.PreconditionRequired, "If-Match", "if_match_required");
        (await editor.PutAsync($"/api/orgs/{org}/units/finance", unit with { name = "กองคลัง (แก้ไข)" }, created.ETag)).Is(HttpStatusCode.OK);
        (await editor.PutAsync($"/api/orgs/{org}/units/office", new { name = "สำนักปลัด" })).Is(HttpStatusCode.Created);

        var units = (await editor.GetAsync($"/api/orgs/{org}/units")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["finance", "office"], units.Select(u => u!["id"]!.GetValue<string>()).Order());
        Assert.Equal("กองคลัง (แก้ไข)", units.Single(u => u!["id"]!.GetValue<string>() == "finance")!["name"]!.GetValue<string>());

        var official = (await editor.PutAsync($"/api/orgs/{org}/officials/mayor",
            new { name = "นายสวัสดิ์ ตันแกง", position = "นายกเทศมนตรีตำบลนาคำ", role = "executive" })).Is(HttpStatusCode.Created);
        Assert.Equal("executive", official.Json["role"]!.GetValue<string>());
        (await editor.DeleteAsync($"/api/orgs/{org}/officials/mayor")).Is(HttpStatusCode.PreconditionRequired);
        (await editor.DeleteAsync($"/api/orgs/{org}/officials/mayor", official.ETag)).Is(HttpStatusCode.NoContent);
        (await editor.GetAsync($"/api/orgs/{org}/officials/mayor")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_never_reaches_another_organization()
    {
        var (orgA, editorA, _) = await CreateOrgAsync();
        var (orgB, editorB, _) = await CreateOrgAsync();
        var readB = await editorB.GetAsync($"/api/orgs/{orgB}");

        (await editorA.GetAsync($"/api/orgs/{orgB}")).Is(HttpStatusCode.Unauthorized);
        (await editorA.GetAsync($"/api/orgs/{orgB}/units")).Is(HttpStatusCode.Unauthorized);
        (await editorA.PutAsync($"/api/orgs/{orgB}", new { name = "ยึด", kind = "อบต." }, readB.ETag)).Is(HttpStatusCode.Unauthorized);
        (await editorA.PutAsync($"/api/orgs/{orgB}/units/x", new { name = "x" })).Is(HttpStatusCode.Unauthorized);
        (await editorA.PostAsync($"/api/orgs/{orgB}/years/2569/measures", new { plan = "ita", title = "x", indicators = new[] { 1 }, responsible = new[] { "*" } })).Is(HttpStatusCode.Unauthorized);
        (await Anonymous.GetAsync($"/api/orgs/{orgA}")).Is(HttpStatusCode.Unauthorized);
        (await Anonymous.As("ita.0123456789abcdef.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").GetAsync($"/api/orgs/{orgA}")).Is(HttpStatusCode.Unauthorized);
        Assert.Equal("เทศบาลตำบลนาคำ", (await editorB.GetAsync($"/api/orgs/{orgB}")).Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reporter_tokens_report_progress_only_for_their_unit_and_can_be_revoked()
    {
        var (org, editor, _) = await CreateOrgAsync();
        await editor.PutAsync($"/api/orgs/{org}/units/finance", new { name = "กองคลัง" });
        await editor.PutAsync($"/api/orgs/{org}/units/office", new { name = "สำนักปลัด" });
        var issued = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", unit = "finance", name = "กองคลัง" })).Is(HttpStatusCode.Created);
        var reporter = Anonymous.As(issued.Json["token"]!.GetValue<string>());
        (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", unit = "nowhere", name = "x" })).IsProblem(HttpStatusCode.BadRequest, "unit", "unknown_value");

        var finance = (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", new { plan = "ita", title = "งบประมาณโปร่งใส", indicators = new[] { 2 }, responsible = new[] { "finance" } })).Is(HttpStatusCode.Created);
        var office = (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", new { plan = "ita", title = "คู่มือ", indicators = new[] { 1 }, responsible = new[] { "office" } })).Is(HttpStatusCode.Created);
        var report = new { status = "done", result = "ประชาสัมพันธ์แล้ว", reporter = new { name = "นางสาวสมใจ ใจดี", position = "ผู้อำนวยการกองคลัง" } };

        (await reporter.PostAsync($"/api/orgs/{org}/years/2569/measures", new { plan = "ita", title = "x", indicators = new[] { 1 }, responsible = new[] { "*" } })).Is(HttpStatusCode.Forbidden);
        (await reporter.PutAsync($"/api/orgs/{org}/years/2569/measures/{finance.Json["id"]}/progress/6m", report)).Is(HttpStatusCode.Created);
        (await reporter.PutAsync($"/api/orgs/{org}/years/2569/measures/{office.Json["id"]}/progress/6m", report)).Is(HttpStatusCode.Forbidden);
        (await reporter.GetAsync($"/api/orgs/{org}/tokens")).Is(HttpStatusCode.Forbidden);

        var tokenId = issued.Json["grant"]!["id"]!.GetValue<string>();
        (await editor.DeleteAsync($"/api/orgs/{org}/tokens/{tokenId}")).Is(HttpStatusCode.NoContent);
        (await reporter.GetAsync($"/api/orgs/{org}")).Is(HttpStatusCode.Unauthorized);
        var grants = (await editor.GetAsync($"/api/orgs/{org}/tokens")).Json["items"]!.AsArray();
        Assert.NotNull(grants.Single(g => g!["id"]!.GetValue<string>() == tokenId)!["revokedAt"]);
    }
}
