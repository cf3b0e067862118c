// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ItaServerless.Testing;
using OpenQA.Selenium;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// Issue 5's "done when": a new user, with only the form, sets up an organization and enters seed
/// 000's ten measures and their 6-month results; the API gives back the summary the form shows.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WebFormEndToEndTests(BrowserFixture fixture)
{
    private readonly BrowserApp app = fixture.App;
    private readonly ChromeSession chrome = fixture.Chrome;
    private readonly FormPage page = new(fixture.App, fixture.Chrome);

    private IWebDriver Driver => chrome.Driver;

    [Fact]
    public async Task The_app_redirects_root_to_the_form_and_serves_its_files()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/api/app/", root.Headers.Location?.OriginalString);
        var bare = await http.GetAsync("/api/app");
        Assert.Equal("/api/app/", bare.Headers.Location?.OriginalString);
        var index = await http.GetAsync("/api/app/");
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"th\">", await index.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The served files are the checkout's (a stale copy in bin/ would fail here).
        foreach (var file in new[] { "js/main.js", "js/screens/progress.js", "css/app.css" })
        {
            var answer = await http.GetAsync("/api/app/" + file);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(file.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(File.ReadAllText(Path.Combine(WebForm.SourceFolder, file)), await answer.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/app/js/missing.js")).StatusCode);
        var source = await http.GetAsync("/api/source");
        Assert.Equal(HttpStatusCode.Redirect, source.StatusCode);
        Assert.StartsWith("https://", source.Headers.Location?.ToString(), StringComparison.Ordinal);

        // A browser opening the bare address lands on the sign-in screen of the form, in Thai, with the source link.
        chrome.Open(app.BaseUrl.ToString());
        page.WaitForScreen("signin");
        Assert.Equal(app.FormUrl("#/signin"), Driver.Url);
        Assert.Equal("th", Driver.FindElement(By.TagName("html")).GetAttribute("lang"));
        var link = Driver.FindElement(By.CssSelector("footer a"));
        Assert.Equal("ซอร์สโค้ด (MIT)", link.Text);
        Assert.Equal(new Uri(app.BaseUrl, "/api/source").ToString(), link.GetAttribute("href"));
        Assert.StartsWith("Sarabun, Laksaman, \"Noto Sans Thai\"", chrome.Script<string>("return getComputedStyle(document.body).fontFamily;"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_user_enters_seed_000_through_the_form_and_reads_the_same_summary_from_the_API()
    {
        var org = AzuriteFixture.UniqueName("kk-");

        // 1. The administrator creates the organization; the editor token is shown once.
        chrome.Open(app.FormUrl("#/signin"));
        page.WaitForScreen("signin");
        page.Click(Driver.FindElement(By.CssSelector("details.admin > summary")));
        page.Type(page.ByLabel("คีย์ผู้ดูแลระบบ"), BrowserApp.AdminKey);
        page.Type(page.ByLabel("รหัสหน่วยงาน (ภาษาอังกฤษ)"), org);
        var admin = Driver.FindElement(By.CssSelector("details.admin"));
        page.Type(page.ByLabel("ชื่อหน่วยงาน", admin), "เทศบาลตำบลคึกคัก");
        page.Choose(page.ByLabel("ประเภท"), "เทศบาลตำบล");
        page.Type(page.ByLabel("อำเภอ"), "ตะกั่วป่า");
        page.Type(page.ByLabel("จังหวัด"), "พังงา");
        page.Type(page.ByLabel("โทรศัพท์"), "0 7642 1234");
        page.Type(page.ByLabel("เลขที่หนังสือ (คำนำหน้า)"), "พง ๕๒๔๐๑");
        page.Click(page.Button("สร้างหน่วยงาน"));
        var token = chrome.WaitFor("#new-editor-token").GetAttribute("value")!;
        Assert.StartsWith("ita.", token, StringComparison.Ordinal);
        Assert.Contains("แสดงเพียงครั้งเดียว", Driver.FindElement(By.CssSelector(".once")).Text);
        page.ShootBothWidths("signin-admin-token");

        // 2. The planning officer signs in with it.
        chrome.Open(app.FormUrl("#/signin"));
        page.WaitForScreen("signin");
        page.Type(page.ByLabel("รหัสหน่วยงาน"), org);
        page.Type(page.ByLabel("โทเคน"), token);
        page.Click(page.Button("เข้าสู่ระบบ"));
        page.WaitForScreen("org");
        Assert.Contains("หน่วยงาน: เทศบาลตำบลคึกคัก", Driver.FindElement(By.Id("who")).Text);
        Assert.Contains("ผู้แก้ไข", Driver.FindElement(By.Id("who")).Text);

        // 3. Divisions (with a reminder contact) and the memo's four signers.
        foreach (var (id, name) in Seed000.Units)
        {
            var card = AddCard("เพิ่มส่วนราชการ", "#org-units");
            page.Type(page.ByLabel("รหัส (ภาษาอังกฤษ)", card), id);
            page.Type(page.ByLabel("ชื่อส่วนราชการ", card), name);
            if (id == "office")
            {
                page.Click(page.Button("เพิ่มผู้ติดต่อ", card));
                page.Type(card.FindElement(By.CssSelector("[data-field='contacts[0].name']")), "นางสาวนิชามณัฐ สว่างพงศ์");
                page.Type(card.FindElement(By.CssSelector("[data-field='contacts[0].email']")), "nichamanat@kukkak.go.th");
            }
            SaveCard(card);
        }
        foreach (var (id, name, position, role) in Seed000.Signers)
        {
            var card = AddCard("เพิ่มผู้ลงนาม", "#org-officials");
            page.Type(page.ByLabel("รหัส (ภาษาอังกฤษ)", card), id);
            page.Type(page.ByLabel("ชื่อ-สกุล", card), name);
            page.Type(page.ByLabel("ตำแหน่ง", card), position);
            page.Choose(page.ByLabel("บทบาทในการลงนาม", card), role);
            SaveCard(card);
        }
        page.ShootBothWidths("e2e-org");

        // 4. The ten measures of 2566, one by one from the list.
        page.Go($"measures?year={Seed000.Year}&plan=ita", "measures");
        foreach (var m in Seed000.Measures) EnterMeasure(m);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => n.ToString(CultureInfo.InvariantCulture)), page.Texts("table.measures tbody tr td:first-child"));
        Assert.Equal("ต.ค.๖๕ – เม.ย.๖๖", Driver.FindElement(By.CssSelector("tr[data-measure='ita-1'] td[data-label='ระยะเวลา']")).Text);
        Assert.Equal("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๖", Driver.FindElement(By.CssSelector("tr[data-measure='ita-2'] td[data-label='ระยะเวลา']")).Text);
        page.ShootBothWidths("e2e-measures");

        // 5. The 6-month results.
        page.Go($"progress?year={Seed000.Year}&round=6m&plan=ita", "progress");
        Assert.Equal("10", SummaryFigure("waiting"));
        foreach (var m in Seed000.Measures) EnterResult(m);
        chrome.WaitUntil(() => SummaryFigure("waiting") == "0", "the summary counts every report");
        page.ShootBothWidths("e2e-progress");

        // 6. The API's summary is the one the form shows.
        var editor = app.Admin.As(token);
        var summary = (await editor.GetAsync($"/api/orgs/{org}/years/{Seed000.Year}/rounds/6m/summary?plan=ita")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(10, (int)summary["total"]!);
        Assert.Equal(0, (int)summary["waiting"]!);
        Assert.Equal(4, (int)summary["inProgress"]!);
        Assert.Equal(6, (int)summary["done"]!);
        Assert.Equal(0, (int)summary["cannotDo"]!);
        Assert.Equal(100m, summary["implementedPercent"]!.GetValue<decimal>());
        foreach (var key in new[] { "total", "waiting", "inProgress", "done", "cannotDo" })
            Assert.Equal(((int)summary[key]!).ToString(CultureInfo.InvariantCulture), SummaryFigure(key));
        Assert.Equal("ร้อยละ " + summary["implementedPercent"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture), SummaryFigure("implementedPercent"));
        Assert.Equal(summary["budget"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture), SummaryFigure("budget"));
        Assert.Equal(summary["disbursed"]!.GetValue<decimal>().ToString("N2", CultureInfo.InvariantCulture), SummaryFigure("disbursed"));

        // ... and every measure and report was stored as typed.
        var measures = (await editor.GetAsync($"/api/orgs/{org}/years/{Seed000.Year}/measures?plan=ita")).Json["items"]!.AsArray();
        var reports = (await editor.GetAsync($"/api/orgs/{org}/years/{Seed000.Year}/rounds/6m/progress")).Json["items"]!.AsArray()
            .ToDictionary(p => p!["measure"]!.GetValue<string>());
        Assert.Equal(10, measures.Count);
        foreach (var (m, stored) in Seed000.Measures.Zip(measures))
        {
            Assert.Equal($"ita-{m.Number}", stored!["id"]!.GetValue<string>());
            Assert.Equal(m.Title, stored["title"]!.GetValue<string>());
            Assert.Equal([m.Number], stored["indicators"]!.AsArray().Select(n => (int)n!));
            Assert.Equal(m.Method, stored["method"]!.AsArray().Select(n => (string)n!));
            Assert.Equal([UnitId(m.Unit)], stored["responsible"]!.AsArray().Select(n => (string)n!));
            Assert.Equal(m.From is null, stored["period"]!["wholeYear"]!.GetValue<bool>());
            if (m.From is not null) Assert.Equal(MonthValue(m.From), stored["period"]!["from"]!.GetValue<string>());
            if (m.To is not null) Assert.Equal(MonthValue(m.To), stored["period"]!["to"]!.GetValue<string>());
            var report = reports[$"ita-{m.Number}"]!;
            Assert.Equal(m.Status, report["statusTh"]!.GetValue<string>());
            Assert.Equal(m.Result, report["result"]!.GetValue<string>());
            Assert.Equal(m.Recommendation, report["recommendation"]!.GetValue<string>());
            Assert.Equal(Seed000.ReporterName, report["reporter"]!["name"]!.GetValue<string>());
        }
        var officials = (await editor.GetAsync($"/api/orgs/{org}/officials")).Json["items"]!.AsArray();
        Assert.Equal(["divisionHead", "drafter", "executive", "permanentSecretary"],
            officials.Select(o => o!["role"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var office = (await editor.GetAsync($"/api/orgs/{org}/units/office")).Json;
        Assert.Equal("nichamanat@kukkak.go.th", office["contacts"]![0]!["email"]!.GetValue<string>());
    }

    private IWebElement AddCard(string addLabel, string section)
    {
        var before = Driver.FindElements(By.CssSelector($"{section} form.item")).Count;
        page.Click(page.Button(addLabel, Driver.FindElement(By.CssSelector(section))));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector($"{section} form.item")).Count == before + 1, $"a new card in {section}");
        return Driver.FindElements(By.CssSelector($"{section} form.item")).Last();
    }

    private void SaveCard(IWebElement card)
    {
        page.Click(page.Button("บันทึก", card));
        chrome.WaitUntil(() => card.FindElements(By.CssSelector(".notice.ok")).Count == 1, "card saved");
        Assert.Empty(card.FindElements(By.CssSelector(".error-summary")));
    }

    private void EnterMeasure(Seed000Measure m)
    {
        page.Click(Driver.FindElement(By.Id("add-measure")));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector(".measure-form")).Count == 1, "the measure editor");
        page.WaitForScreen("measures");
        page.Type(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), m.Title);
        page.Click(Driver.FindElement(By.CssSelector($"fieldset[data-field='indicators'] input[value='{m.Number}']")));
        var steps = Driver.FindElement(By.CssSelector("fieldset[data-field='method']"));
        page.Type(steps.FindElement(By.CssSelector("[data-field='method[0]']")), m.Method[0]);
        foreach (var step in m.Method.Skip(1))
        {
            page.Click(steps.FindElement(By.CssSelector(".add-row")));
            page.TypeHere(step);
        }
        page.Choose(Driver.FindElement(By.CssSelector("[data-field='responsible[0]']")), m.Unit);
        if (m.From is null) page.Click(page.ByLabel("ตลอดปีงบประมาณ"));
        else
        {
            page.Choose(page.ByLabel("ตั้งแต่เดือน"), m.From);
            page.Choose(page.ByLabel("ถึงเดือน"), m.To!);
        }
        page.Type(page.ByLabel("งบประมาณ (บาท)"), "0");
        if (m.Number == 8) page.ShootBothWidths("measure-new-filled");
        page.Click(page.Button("บันทึกมาตรการ"));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector($"tr[data-measure='ita-{m.Number}']")).Count == 1, $"measure {m.Number} listed");
        Assert.Contains($"บันทึกมาตรการที่ {m.Number} แล้ว", Driver.FindElement(By.CssSelector(".notice.ok")).Text, StringComparison.Ordinal);
    }

    private void EnterResult(Seed000Measure m)
    {
        var card = Driver.FindElement(By.CssSelector($".progress-card[data-measure='ita-{m.Number}']"));
        page.Choose(page.ByLabel("สถานะ", card), m.Status);
        page.Type(page.ByLabel("ผลการดำเนินการ", card), m.Result);
        page.Type(page.ByLabel("ข้อเสนอแนะ", card), m.Recommendation);
        page.Type(page.ByLabel("ผู้รายงาน (ชื่อ-สกุล)", card), Seed000.ReporterName);
        page.Type(page.ByLabel("ตำแหน่ง", card), Seed000.ReporterPosition);
        page.Click(page.Button("บันทึกผล", card));
        chrome.WaitUntil(() => card.FindElement(By.CssSelector("summary .badge")).Text == m.Status, $"result of measure {m.Number} saved");
    }

    private string SummaryFigure(string key) =>
        Driver.FindElement(By.CssSelector($"section.round-summary [data-stat='{key}'] .stat-value")).Text;

    private static string UnitId(string name) =>
        name == "ทุกส่วนราชการ" ? "*" : Seed000.Units.Single(u => u.Name == name).Id;

    /// <summary>"ตุลาคม 2565" → "2565-10".</summary>
    private static string MonthValue(string label)
    {
        string[] months = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
        var parts = label.Split(' ');
        return $"{parts[1]}-{Array.IndexOf(months, parts[0]) + 1:00}";
    }
}
