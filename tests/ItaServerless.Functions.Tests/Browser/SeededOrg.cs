// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// An organization made through the real API for a browser test to start from: two divisions, a
/// signer, three ITA measures of 2569 and a 6-month report on the first.
/// </summary>
public sealed record SeededOrg(string Id, string Name, string EditorToken, ApiClient Editor)
{
    public const int Year = 2569;

    public string Measures => $"/api/orgs/{Id}/years/{Year}/measures";

    public static async Task<SeededOrg> CreateAsync(BrowserApp app)
    {
        var id = AzuriteFixture.UniqueName("kk-");
        const string name = "เทศบาลตำบลคึกคัก";
        var created = (await app.Admin.PostAsync("/api/orgs", new
        {
            id, name, kind = "เทศบาลตำบล", district = "ตะกั่วป่า", province = "พังงา", phone = "0 7642 1234",
            documentPrefix = "พง ๕๒๔๐๑", website = "https://kukkak.go.th",
        })).Is(HttpStatusCode.Created);
        var token = created.Json["editorToken"]!.GetValue<string>();
        var editor = app.Admin.As(token);
        var org = new SeededOrg(id, name, token, editor);
        var path = $"/api/orgs/{id}";

        (await editor.PutAsync($"{path}/units/office", new { name = "สำนักปลัด", contacts = new[] { new { name = "นางสาวสมใจ ใจดี", email = "somjai@kukkak.go.th" } } })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"{path}/units/finance", new { name = "กองคลัง", contacts = Array.Empty<object>() })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"{path}/officials/drafter", new { name = "นายอรรถพร พูลช่วย", position = "นิติกรปฏิบัติการ", role = "drafter" })).Is(HttpStatusCode.Created);

        (await editor.PostAsync(org.Measures, new
        {
            plan = "ita", title = "มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม", indicators = new[] { 1, 9 }, questions = new[] { "o1" },
            method = new[] { "จัดอบรมบุคลากร", "ประเมินผลการอบรม" }, responsible = new[] { "office" },
            period = new { from = "2568-10", to = "2569-03" }, followUp = "รายงานผู้บริหารทุก ๖ เดือน", budget = 20000m,
        })).Is(HttpStatusCode.Created);
        (await editor.PostAsync(org.Measures, new
        {
            plan = "ita", title = "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", indicators = new[] { 9 }, method = new[] { "ปรับปรุงเว็บไซต์" },
            responsible = new[] { "*" }, period = new { wholeYear = true }, budget = 0m,
        })).Is(HttpStatusCode.Created);
        (await editor.PostAsync(org.Measures, new
        {
            plan = "ita", title = "มาตรการสร้างการรับรู้การใช้งบประมาณ", indicators = new[] { 2 }, method = new[] { "ประชาสัมพันธ์แผนการใช้จ่ายงบประมาณ" },
            responsible = new[] { "finance" }, period = new { from = "2568-11", to = "2569-06" }, budget = 5000m,
        })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"{org.Measures}/ita-1/progress/6m", new
        {
            status = "done", result = "จัดอบรมแล้ว ๑ ครั้ง", disbursed = 12000.50m,
            reporter = new { name = "นางสาวสมใจ ใจดี", position = "นักวิเคราะห์นโยบายและแผน" }, evidence = new[] { "https://kukkak.go.th/ita/1" },
        })).Is(HttpStatusCode.Created);
        return org;
    }

    /// <summary>Seed 004's 2568 result (as far as the tests need it): grade B, indicators 9 and 10 weakest.</summary>
    public async Task AddAssessment2568Async() =>
        (await Editor.PutAsync($"/api/orgs/{Id}/assessments/2568", new
        {
            total = 83.03m,
            tools = new Dictionary<string, decimal> { ["IIT"] = 99.87m, ["EIT"] = 98.22m, ["OIT"] = 59.00m },
            indicators = new Dictionary<string, decimal>
            {
                ["1"] = 99.78m, ["2"] = 99.55m, ["3"] = 100m, ["4"] = 100m, ["5"] = 100m,
                ["6"] = 98.00m, ["7"] = 99.20m, ["8"] = 97.47m, ["9"] = 38.00m, ["10"] = 80.00m,
            },
            questions = new Dictionary<string, decimal> { ["i1"] = 99.33m, ["e1"] = 92m, ["o1"] = 0m, ["o3"] = 100m, ["o4"] = 50m },
        })).Is(HttpStatusCode.Created);
}
