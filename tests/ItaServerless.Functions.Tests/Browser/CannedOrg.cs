// SPDX-License-Identifier: AGPL-3.0-or-later
namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// An organization as the API contract (docs/api.md) describes it, registered as canned routes:
/// two units, a signer, a token, a small 2569 catalog, ITA measures of 2570 and their 6-month progress.
/// </summary>
public static class CannedOrg
{
    public const string Id = "canned-org";
    public const string Token = "ita.tok1.secret-for-tests";
    public const string Base = "/api/orgs/" + Id;
    public const int MeasureYear = 2570;
    public const int AssessmentYear = 2569;
    public const string Measures = Base + "/years/2570/measures";

    private static object NotFound => new { type = "https://ita-serverless.dev/problems/not_found", title = "Not found.", titleTh = "ไม่พบข้อมูล", status = 404 };

    public static void Register(CannedApi api, string role = "editor", string? unit = null)
    {
        api.On("GET", Base, 200, new
        {
            id = Id, name = "เทศบาลตำบลคึกคัก", kind = "เทศบาลตำบล", district = "ตะกั่วป่า", province = "พังงา",
            phone = "0 7642 1234", documentPrefix = "พง ๕๒๔๐๑", website = "https://kukkak.example", dueDates = new { sixMonths = "04-30", twelveMonths = "10-31" },
        }, "\"org-1\"");
        api.On("GET", Base + "/tokens/current", 200, new { id = "tok1", role, unit });
        api.On("GET", Base + "/units", 200, new
        {
            items = new object[]
            {
                new { id = "office", name = "สำนักปลัด", contacts = new[] { new { name = "นางสาวสมใจ ใจดี", email = "somjai@example.org" } }, etag = "\"u-1\"" },
                new { id = "finance", name = "กองคลัง", contacts = Array.Empty<object>(), etag = "\"u-2\"" },
            },
        });
        api.On("GET", Base + "/officials", 200, new
        {
            items = new[] { new { id = "official-1", name = "นายสมชาย ตั้งใจ", position = "ปลัดเทศบาล", role = "permanentSecretary", etag = "\"of-1\"" } },
        });
        api.On("GET", Base + "/tokens", 200, new
        {
            items = new[] { new { id = "tok2", role = "reporter", unit = "finance", name = "กองคลัง — ผู้รายงาน", etag = "\"t-2\"" } },
        });
        api.On("GET", $"{Base}/catalog/{AssessmentYear}", 200, new
        {
            year = AssessmentYear,
            tools = new[] { new { code = "IIT", name = "IIT" }, new { code = "EIT", name = "EIT" }, new { code = "OIT", name = "OIT" } },
            indicators = new[]
            {
                new { number = 1, name = "การปฏิบัติหน้าที่", tool = "IIT" }, new { number = 2, name = "การใช้งบประมาณ", tool = "IIT" },
                new { number = 6, name = "คุณภาพการดำเนินงาน", tool = "EIT" }, new { number = 9, name = "การเปิดเผยข้อมูล", tool = "OIT" },
            },
            questions = new[]
            {
                new { id = "i1", indicator = 1, text = "บุคลากรในหน่วยงานของท่าน ปฏิบัติงานตามหน้าที่ที่ได้รับมอบหมายอย่างเต็มความสามารถ" },
                new { id = "i2", indicator = 2, text = "บุคลากรในหน่วยงานของท่าน ใช้งบประมาณอย่างคุ้มค่า" },
                new { id = "e1", indicator = 6, text = "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่านตามขั้นตอนที่กำหนด" },
                new { id = "o1", indicator = 9, text = "แผนดำเนินงานและการใช้งบประมาณประจำปี" },
                new { id = "o2", indicator = 9, text = "รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ รอบ ๖ เดือน" },
            },
        });
        api.On("GET", $"{Base}/assessments/{AssessmentYear}", 200, new
        {
            year = AssessmentYear, total = 88.5, tools = new Dictionary<string, decimal> { ["IIT"] = 95.1m, ["EIT"] = 90.2m, ["OIT"] = 80 },
            indicators = new Dictionary<string, decimal> { ["1"] = 96, ["2"] = 91, ["6"] = 92.5m, ["9"] = 75 },
            questions = new Dictionary<string, decimal> { ["i1"] = 97, ["i2"] = 92, ["e1"] = 93, ["o1"] = 100, ["o2"] = 50 },
        }, "\"a-1\"");
        api.On("GET", $"{Base}/assessments/{AssessmentYear}/analysis", 200, new
        {
            grade = "A", gradeTh = "ผ่าน", passed = true, passMark = 85, weakestIndicators = new[] { 9, 2 },
            questions = new object[]
            {
                new { id = "i1", indicator = 1, text = "…", score = 97, classification = "maintain" },
                new { id = "i2", indicator = 2, text = "…", score = 92, classification = "raise" },
                new { id = "e1", indicator = 6, text = "…", score = 93, classification = "raise" },
                new { id = "o1", indicator = 9, text = "…", score = 100, classification = "maintain" },
                new { id = "o2", indicator = 9, text = "…", score = 50, classification = "improve" },
            },
        });
        api.On("GET", $"{Base}/catalog/{MeasureYear}", 404, NotFound);
        api.On("GET", $"{Measures}?plan=ita", 200, new { items = new[] { Measure1, Measure2 } });
        api.On("GET", $"{Measures}?plan=anticorruption", 200, new { items = Array.Empty<object>() });
        api.On("GET", $"{Measures}/m1", 200, Measure1, "\"m1-v1\"");
        api.On("GET", $"{Measures}/m2", 200, Measure2, "\"m2-v1\"");
        api.On("GET", $"{Measures}/m1/progress/6m", 200, new
        {
            status = "done", result = "จัดอบรมแล้ว ๑ ครั้ง", disbursed = 12000.5, reporter = new { name = "นางสาวสมใจ ใจดี", position = "นักวิเคราะห์นโยบายและแผน" },
            evidence = new[] { "https://kukkak.example/ita/1" },
        }, "\"p1-v1\"");
        api.On("GET", $"{Measures}/m2/progress/6m", 404, NotFound);
        api.On("GET", $"{Base}/years/{MeasureYear}/rounds/6m/summary?plan=ita", 200, new
        {
            total = 2, waiting = 1, inProgress = 0, done = 1, cannotDo = 0, budget = 20000, disbursed = 12000.5, disbursedPercent = 60.0025, implementedPercent = 50,
        });
    }

    public static object Measure1 => new
    {
        id = "m1", plan = "ita", number = 1, title = "มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม",
        indicators = new[] { 1, 9 }, questions = new[] { "o1" }, method = new[] { "จัดอบรมบุคลากร", "ประเมินผลการอบรม" },
        responsible = new[] { "office" }, period = new { from = "2569-10", to = "2570-03" }, followUp = "รายงานผู้บริหารทุก ๖ เดือน", budget = 20000,
        etag = "\"m1-v1\"",
    };

    public static object Measure2 => new
    {
        id = "m2", plan = "ita", number = 2, title = "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
        indicators = new[] { 9 }, questions = Array.Empty<string>(), method = new[] { "ปรับปรุงเว็บไซต์" },
        responsible = new[] { "*" }, period = new { wholeYear = true }, budget = 0, etag = "\"m2-v1\"",
    };

    /// <summary>The sessionStorage entry the sign-in screen writes.</summary>
    public static string SessionScript(string role = "editor", string? unit = null) =>
        $"sessionStorage.setItem('ita.session', JSON.stringify({{ org: '{Id}', token: '{Token}', orgName: 'เทศบาลตำบลคึกคัก', role: '{role}'{(unit is null ? "" : $", unit: '{unit}'")} }}));";
}
