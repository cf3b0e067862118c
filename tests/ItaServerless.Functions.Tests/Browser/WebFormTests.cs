// SPDX-License-Identifier: MIT
using System.Net;
using OpenQA.Selenium;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The web form in headless Chromium against the real API on Azurite: each test starts from its
/// own organization made through the API (SeededOrg) and checks what the user sees and what the
/// API then holds. Screenshots go to TestResults/screenshots.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class WebFormTests(BrowserFixture fixture)
{
    private readonly BrowserApp app = fixture.App;
    private readonly ChromeSession chrome = fixture.Chrome;
    private readonly FormPage page = new(fixture.App, fixture.Chrome);

    private IWebDriver Driver => chrome.Driver;

    [Fact]
    public async Task A_wrong_token_is_explained_in_Thai_and_what_was_typed_stays()
    {
        var org = await SeededOrg.CreateAsync(app);
        chrome.Open(app.FormUrl("#/measures"));
        page.WaitForScreen("signin");
        Assert.False(Driver.FindElement(By.CssSelector("#tabs a[data-route='measures']")).Displayed);
        page.Type(page.ByLabel("รหัสหน่วยงาน"), org.Id);
        page.Type(page.ByLabel("โทเคน"), org.EditorToken[..^2] + "xx");
        page.Click(page.Button("เข้าสู่ระบบ"));
        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("รหัสหน่วยงานหรือโทเคนไม่ถูกต้อง", summary.Text, StringComparison.Ordinal);
        Assert.Equal("true", page.ByLabel("โทเคน").GetAttribute("aria-invalid"));
        Assert.Equal(org.EditorToken[..^2] + "xx", page.ByLabel("โทเคน").GetAttribute("value"));
        Assert.Equal(org.Id, page.ByLabel("รหัสหน่วยงาน").GetAttribute("value"));
        Assert.Null(chrome.Script<object?>("return sessionStorage.getItem('ita.session');"));
        page.ShootBothWidths("signin-error");
    }

    [Fact]
    public async Task The_period_pickers_offer_the_months_of_the_fiscal_year_in_Thai()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "measures?year=2570&plan=ita&new=1", "measures");
        var from = new SelectElement(page.ByLabel("ตั้งแต่เดือน"));
        var to = new SelectElement(page.ByLabel("ถึงเดือน"));
        string[] values = ["2569-10", "2569-11", "2569-12", "2570-01", "2570-02", "2570-03", "2570-04", "2570-05", "2570-06", "2570-07", "2570-08", "2570-09"];
        Assert.Equal(values, from.Options.Select(o => o.GetAttribute("value")));
        Assert.Equal(values, to.Options.Select(o => o.GetAttribute("value")));
        Assert.Equal("ตุลาคม 2569", from.Options[0].Text);
        Assert.Equal("กันยายน 2570", to.Options[11].Text);
        Assert.Equal("2570-09", to.SelectedOption.GetAttribute("value"));
        page.Click(page.ByLabel("ตลอดปีงบประมาณ"));
        Assert.False(page.ByLabel("ตั้งแต่เดือน").Enabled);
        page.Click(page.ByLabel("ตลอดปีงบประมาณ"));
        Assert.True(page.ByLabel("ถึงเดือน").Enabled);
        // 2570's measures answer the latest question list before it (2568): the questions can be chosen.
        Assert.Contains("2568", Driver.FindElement(By.CssSelector("details.questions > summary")).Text, StringComparison.Ordinal);
        // kind and dimension only for the anti-corruption plan
        Assert.False(Driver.FindElement(By.CssSelector(".ac-only")).Displayed);
        page.Choose(page.ByLabel("แผน"), "แผนปฏิบัติการป้องกันการทุจริต");
        Assert.True(Driver.FindElement(By.CssSelector(".ac-only")).Displayed);
        Assert.Equal(5, new SelectElement(page.ByLabel("มิติ")).Options.Count);
    }

    [Fact]
    public async Task Steps_and_units_are_lists_and_an_anticorruption_item_keeps_its_kind()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "measures?year=2569&plan=anticorruption&new=1", "measures");
        page.Type(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "โครงการอบรมคุณธรรมจริยธรรม");
        page.Choose(page.ByLabel("ประเภท"), "โครงการ");
        page.Choose(page.ByLabel("มิติ"), "มิติที่ ๑ การสร้างวัฒนธรรมสุจริต");
        IWebElement Steps() => Driver.FindElement(By.CssSelector("fieldset[data-field='method']"));
        page.Type(Steps().FindElement(By.CssSelector("[data-field='method[0]']")), "ขั้นที่ A");
        page.Click(Steps().FindElement(By.CssSelector(".add-row")));
        Assert.Equal(Steps().FindElement(By.CssSelector("[data-field='method[1]']")), Driver.SwitchTo().ActiveElement());
        page.TypeHere("ขั้นที่ B");
        page.Click(Steps().FindElement(By.CssSelector(".add-row")));
        page.TypeHere("ขั้นที่ C");
        page.Click(Steps().FindElement(By.CssSelector("button[aria-label='เลื่อนขั้นตอนที่ 3ขึ้น']")));
        page.Click(Steps().FindElement(By.CssSelector("button[aria-label='ลบขั้นตอนที่ 1']")));
        Assert.Equal("ขั้นตอนที่ 1", Steps().FindElement(By.CssSelector("[data-field='method[0]']")).GetAttribute("aria-label"));
        var units = Driver.FindElement(By.CssSelector("fieldset[data-field='responsible']"));
        page.Choose(units.FindElement(By.CssSelector("[data-field='responsible[0]']")), "สำนักปลัด");
        page.Click(units.FindElement(By.CssSelector(".add-row")));
        page.Choose(units.FindElement(By.CssSelector("[data-field='responsible[1]']")), "กองคลัง");
        page.Type(page.ByLabel("งบประมาณ (บาท)"), "15,000.50");
        page.Choose(page.ByLabel("ตั้งแต่เดือน"), "พฤศจิกายน 2568");
        page.Choose(page.ByLabel("ถึงเดือน"), "เมษายน 2569");
        page.Click(page.Button("บันทึกมาตรการ"));
        chrome.WaitFor("table.measures");
        Assert.Contains("บันทึกมาตรการที่ 1 แล้ว", Driver.FindElement(By.CssSelector(".notice")).Text, StringComparison.Ordinal);

        var stored = (await org.Editor.GetAsync($"{org.Measures}/anticorruption-1")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["ขั้นที่ C", "ขั้นที่ B"], stored["method"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(["office", "finance"], stored["responsible"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("2568-11", (string?)stored["period"]!["from"]);
        Assert.Equal("2569-04", (string?)stored["period"]!["to"]);
        Assert.Equal(15000.50m, stored["budget"]!.GetValue<decimal>());
        Assert.Equal("project", (string?)stored["kind"]);
        Assert.Equal(1, (int)stored["dimension"]!);

        // Opened again, the editor shows what was stored (the kind code as its Thai name).
        page.Click(Driver.FindElement(By.CssSelector("tr[data-measure='anticorruption-1'] a.button")));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector(".measure-form")).Count == 1, "editor open");
        page.WaitForScreen("measures");
        Assert.Equal("โครงการ", new SelectElement(page.ByLabel("ประเภท")).SelectedOption.Text);
        Assert.Equal("2568-11", new SelectElement(page.ByLabel("ตั้งแต่เดือน")).SelectedOption.GetAttribute("value"));
        Assert.Equal(["ขั้นที่ C", "ขั้นที่ B"], Driver.FindElements(By.CssSelector("fieldset[data-field='method'] .list-row input")).Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task API_errors_appear_in_Thai_next_to_their_fields_and_nothing_typed_is_lost()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "measures?year=2569&plan=ita&new=1", "measures");
        page.Type(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "มาตรการเผยแพร่ข้อมูล");
        page.Click(Driver.FindElement(By.CssSelector("fieldset[data-field='indicators'] input[value='9']")));
        page.Type(Driver.FindElement(By.CssSelector("[data-field='method[0]']")), "ปรับปรุงเว็บไซต์");
        page.Type(page.ByLabel("งบประมาณ (บาท)"), "100.555");
        // The pickers offer only the year's months; a page left open from another year can still send one outside it.
        chrome.Script<object?>("const o = document.createElement('option'); o.value = '2569-10'; o.text = 'ตุลาคม 2569'; arguments[0].append(o); arguments[0].value = '2569-10';",
            page.ByLabel("ตั้งแต่เดือน"));
        page.Click(page.Button("บันทึกมาตรการ"));

        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("ข้อมูลที่ส่งมาไม่ถูกต้อง", summary.Text, StringComparison.Ordinal);
        Assert.Contains("ปีงบประมาณ", page.ErrorFor(page.ByLabel("ตั้งแต่เดือน")), StringComparison.Ordinal);
        Assert.Contains("ทศนิยม", page.ErrorFor(page.ByLabel("งบประมาณ (บาท)")), StringComparison.Ordinal);
        Assert.Equal("true", page.ByLabel("งบประมาณ (บาท)").GetAttribute("aria-invalid"));
        Assert.Equal("", page.ErrorFor(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม")));
        Assert.Equal("มาตรการเผยแพร่ข้อมูล", page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));
        Assert.Equal("100.555", page.ByLabel("งบประมาณ (บาท)").GetAttribute("value"));
        page.ShootBothWidths("measure-errors");
        Assert.Equal(3, (await org.Editor.GetAsync(org.Measures)).Json["items"]!.AsArray().Count);

        // A client-side check (not a number) lands next to its field without calling the API.
        page.Type(page.ByLabel("งบประมาณ (บาท)"), "หนึ่งร้อย");
        page.Click(page.Button("บันทึกมาตรการ"));
        chrome.WaitUntil(() => page.ErrorFor(page.ByLabel("งบประมาณ (บาท)")).Contains("ต้องเป็นตัวเลข", StringComparison.Ordinal), "client-side number check");
        Assert.Equal("", page.ErrorFor(page.ByLabel("ตั้งแต่เดือน")));

        // A bad e-mail lands on the right contact row of the right division; a bad web address on its field.
        page.Go("org", "org");
        var office = Driver.FindElement(By.CssSelector("#org-units form.item[data-item-id='office']"));
        page.Click(page.Button("เพิ่มผู้ติดต่อ", office));
        page.Type(office.FindElement(By.CssSelector("[data-field='contacts[1].name']")), "นายสอง");
        var email = office.FindElement(By.CssSelector("[data-field='contacts[1].email']"));
        page.Type(email, "song@kukkak");
        page.Click(page.Button("บันทึก", office));
        chrome.WaitFor("#org-units .error-summary");
        Assert.Contains("อีเมลไม่ถูกต้อง", page.ErrorFor(email), StringComparison.Ordinal);
        Assert.Equal("song@kukkak", email.GetAttribute("value"));
        Assert.Equal("ผู้ติดต่อคนที่ 2 อีเมล", email.GetAttribute("aria-label"));
        var details = Driver.FindElement(By.CssSelector("#org-details form"));
        page.Type(page.ByLabel("เว็บไซต์", details), "kukkak.go.th");
        page.Click(page.Button("บันทึกข้อมูลหน่วยงาน", details));
        chrome.WaitFor("#org-details .error-summary");
        Assert.NotEqual("", page.ErrorFor(page.ByLabel("เว็บไซต์", details)));
        page.ShootBothWidths("org-errors");
        Assert.Single((await org.Editor.GetAsync($"/api/orgs/{org.Id}/units/office")).Json["contacts"]!.AsArray());
    }

    [Fact]
    public async Task The_calendar_link_opens_the_deadline_calendar_and_nothing_else()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "org", "org");
        var section = Driver.FindElement(By.CssSelector("#org-tokens"));
        page.Click(page.Button("สร้างลิงก์ปฏิทิน", section));
        chrome.WaitUntil(() => section.FindElements(By.CssSelector("input.token")).Count == 1, "calendar link shown");
        var link = new Uri(section.FindElement(By.CssSelector("input.token")).GetAttribute("value")!);
        Assert.Equal("/api/orgs/" + org.Id + "/calendar.ics", link.AbsolutePath);
        page.ShootBothWidths("org-calendar-link");

        using var feed = await app.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        (await app.Admin.As(token).GetAsync($"/api/orgs/{org.Id}")).Is(HttpStatusCode.Forbidden);
        chrome.WaitUntil(() => section.FindElements(By.CssSelector("table.tokens td")).Any(td => td.Text.StartsWith("ปฏิทิน", StringComparison.Ordinal)), "listed as a calendar token");
    }

    [Fact]
    public async Task Saving_the_organization_screen_keeps_what_it_does_not_show()
    {
        var org = await SeededOrg.CreateAsync(app);
        var path = $"/api/orgs/{org.Id}";
        // Set through the API what the screen has no field for: publishing settings, a signer's e-mail and order.
        var current = await org.Editor.GetAsync(path);
        var draft = current.Json.DeepClone();
        draft["autoPublish"] = true;
        draft["webhook"] = "https://chat.example.org/hooks/kukkak";
        (await org.Editor.PutAsync(path, draft, current.ETag)).Is(HttpStatusCode.OK);
        var signer = await org.Editor.GetAsync($"{path}/officials/drafter");
        (await org.Editor.PutAsync($"{path}/officials/drafter", new
        {
            name = "นายอรรถพร พูลช่วย", position = "นิติกรปฏิบัติการ", role = "drafter", order = 3, email = "atthaporn@kukkak.go.th",
        }, signer.ETag)).Is(HttpStatusCode.OK);

        page.OpenSignedIn(org, "org", "org");
        var details = Driver.FindElement(By.CssSelector("#org-details form"));
        Assert.Equal("กำหนดส่งรายงานรอบ ๖ เดือน (ค่าเริ่มต้น 30 เมษายน)", details.FindElement(By.CssSelector("fieldset legend")).Text);
        page.Type(page.ByLabel("โทรศัพท์", details), "0 7642 9999");
        page.Type(page.ByLabel("อำเภอ", details), "");
        page.Click(page.Button("บันทึกข้อมูลหน่วยงาน", details));
        chrome.WaitUntil(() => details.FindElements(By.CssSelector(".notice.ok")).Count == 1, "details saved");
        var card = Driver.FindElement(By.CssSelector("#org-officials form.item[data-item-id='drafter']"));
        page.Type(page.ByLabel("ตำแหน่ง", card), "นิติกรชำนาญการ");
        page.Click(page.Button("บันทึก", card));
        chrome.WaitUntil(() => card.FindElements(By.CssSelector(".notice.ok")).Count == 1, "signer saved");
        page.ShootBothWidths("org-saved");

        var stored = (await org.Editor.GetAsync(path)).Is(HttpStatusCode.OK).Json;
        Assert.Equal("0 7642 9999", (string?)stored["phone"]);
        Assert.Null(stored["district"]);                      // emptied in the form: cleared
        Assert.Equal("พังงา", (string?)stored["province"]);
        Assert.True((bool)stored["autoPublish"]!);
        Assert.Equal("https://chat.example.org/hooks/kukkak", (string?)stored["webhook"]);
        var official = (await org.Editor.GetAsync($"{path}/officials/drafter")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("นิติกรชำนาญการ", (string?)official["position"]);
        Assert.Equal(3, (int)official["order"]!);
        Assert.Equal("atthaporn@kukkak.go.th", (string?)official["email"]);

        // A second save of the same card starts from the first save's answer: still nothing lost.
        page.Type(page.ByLabel("ชื่อ-สกุล", card), "นายอรรถพร พูลช่วย");
        page.Choose(page.ByLabel("บทบาทในการลงนาม", card), "หัวหน้าส่วนราชการ");
        page.Click(page.Button("บันทึก", card));
        chrome.WaitUntil(() => card.FindElement(By.CssSelector("h3")).Text.EndsWith("หัวหน้าส่วนราชการ", StringComparison.Ordinal), "signer saved again");
        official = (await org.Editor.GetAsync($"{path}/officials/drafter")).Json;
        Assert.Equal("divisionHead", (string?)official["role"]);
        Assert.Equal("atthaporn@kukkak.go.th", (string?)official["email"]);
        Assert.Equal(3, (int)official["order"]!);
    }

    [Fact]
    public async Task Editing_sends_If_Match_and_a_real_412_offers_to_reload_without_losing_the_edit()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "measures?year=2569&plan=ita", "measures");
        Assert.Equal(["1", "2", "3"], page.Texts("table.measures tbody tr td:first-child"));
        Assert.Equal("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙", Driver.FindElement(By.CssSelector("tr[data-measure='ita-2'] td[data-label='ระยะเวลา']")).Text);
        Assert.Equal("ทุกส่วนราชการ", Driver.FindElement(By.CssSelector("tr[data-measure='ita-2'] td[data-label='ผู้รับผิดชอบ']")).Text);
        page.ShootBothWidths("measures-list");

        page.Click(Driver.FindElement(By.CssSelector("tr[data-measure='ita-1'] a.button")));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector(".measure-form")).Count == 1, "editor open");
        page.WaitForScreen("measures");
        Assert.Equal("มาตรการส่งเสริมการปฏิบัติหน้าที่อย่างมีคุณธรรม", page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));
        Assert.Equal("2568-10", new SelectElement(page.ByLabel("ตั้งแต่เดือน")).SelectedOption.GetAttribute("value"));
        Assert.Equal("2569-03", new SelectElement(page.ByLabel("ถึงเดือน")).SelectedOption.GetAttribute("value"));
        Assert.True(Driver.FindElement(By.CssSelector("fieldset[data-field='indicators'] input[value='9']")).Selected);
        Assert.False(Driver.FindElement(By.CssSelector("fieldset[data-field='indicators'] input[value='2']")).Selected);
        Assert.True(Driver.FindElement(By.CssSelector("details.questions input[value='o1']")).Selected);
        Assert.False(page.ByLabel("แผน").Enabled);
        page.ShootBothWidths("measure-edit");

        // Someone else saves first.
        var current = await org.Editor.GetAsync($"{org.Measures}/ita-1");
        (await org.Editor.PutAsync($"{org.Measures}/ita-1", new
        {
            title = "ชื่อที่ผู้อื่นแก้ไข", indicators = new[] { 1 }, responsible = new[] { "office" }, period = new { wholeYear = true },
            budget = current.Json["budget"]!.GetValue<decimal>(),   // progress already reports spending against it
        }, current.ETag)).Is(HttpStatusCode.OK);

        page.Type(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "ชื่อใหม่ของฉัน");
        page.Click(page.Button("บันทึกการแก้ไข"));
        var summary = chrome.WaitFor(".error-summary");
        Assert.Contains("มีผู้อื่นแก้ไขข้อมูลนี้", summary.Text, StringComparison.Ordinal);
        Assert.Equal("ชื่อใหม่ของฉัน", page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value"));
        page.ShootBothWidths("measure-stale");
        Assert.Equal("ชื่อที่ผู้อื่นแก้ไข", (string?)(await org.Editor.GetAsync($"{org.Measures}/ita-1")).Json["title"]);

        page.Click(summary.FindElement(By.XPath(".//button[starts-with(., 'โหลดข้อมูลล่าสุด')]")));
        chrome.WaitUntil(() => page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม").GetAttribute("value") == "ชื่อที่ผู้อื่นแก้ไข", "reloaded");
        page.WaitForScreen("measures");
        page.Type(page.ByLabel("ชื่อมาตรการ / โครงการ / กิจกรรม"), "ชื่อใหม่ของฉัน");
        page.Click(page.Button("บันทึกการแก้ไข"));
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector(".measure-form > .notice.ok")).Count == 1, "saved after reload");
        Assert.Equal("ชื่อใหม่ของฉัน", (string?)(await org.Editor.GetAsync($"{org.Measures}/ita-1")).Json["title"]);
    }

    [Fact]
    public async Task Scores_entered_in_the_2568_grid_are_analysed_in_colour_with_Thai_labels()
    {
        var org = await SeededOrg.CreateAsync(app);
        page.OpenSignedIn(org, "scores?year=2568", "scores");
        Assert.Equal(52, Driver.FindElements(By.CssSelector("table.grid tr[data-question]")).Count);
        Assert.Equal("i1", page.Texts("table.grid tr[data-question] td.qid")[0]);
        Assert.Equal("o28", page.Texts("table.grid tr[data-question] td.qid")[^1]);
        page.Type(page.ByLabel("คะแนนรวม"), "83.03");
        page.Type(page.ByLabel("แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"), "59");
        page.Type(page.ByLabel("9. การเปิดเผยข้อมูล (OIT)"), "38");
        page.Type(page.ByLabel("10. การป้องกันการทุจริต (OIT)"), "80");
        page.Type(page.ByLabel("1. การปฏิบัติหน้าที่ (IIT)"), "99.78");
        foreach (var (q, score) in new[] { ("i1", "99.33"), ("e1", "92"), ("o1", "0"), ("o3", "100"), ("o4", "50") })
            page.Type(Driver.FindElement(By.Id("q-" + q)), score);
        page.Click(page.Button("บันทึกและวิเคราะห์"));
        chrome.WaitFor("section.analysis h2");

        string Cell(string q) => Driver.FindElement(By.CssSelector($"tr[data-question='{q}'] td.cls")).Text;
        string Css(string q) => Driver.FindElement(By.CssSelector($"tr[data-question='{q}'] td.cls")).GetAttribute("class")!;
        Assert.Equal("รักษาระดับ", Cell("i1"));
        Assert.Contains("good", Css("i1"), StringComparison.Ordinal);
        Assert.Equal("ยกระดับ", Cell("e1"));
        Assert.Contains("warn", Css("e1"), StringComparison.Ordinal);
        Assert.Equal("ต้องปรับปรุง", Cell("o4"));
        Assert.Contains("bad", Css("o4"), StringComparison.Ordinal);
        Assert.Equal("", Cell("i2"));
        var analysis = Driver.FindElement(By.CssSelector("section.analysis")).Text;
        Assert.Contains("✘ ไม่ผ่าน", analysis, StringComparison.Ordinal);
        Assert.Contains("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล — 38 คะแนน", analysis, StringComparison.Ordinal);
        page.ShootBothWidths("scores");

        var stored = (await org.Editor.GetAsync($"/api/orgs/{org.Id}/assessments/2568")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(83.03m, stored["total"]!.GetValue<decimal>());
        Assert.Equal(50m, stored["questions"]!["o4"]!.GetValue<decimal>());

        // Out of range: the API's Thai message sits next to the score.
        page.Type(Driver.FindElement(By.Id("q-o4")), "150");
        page.Click(page.Button("บันทึกและวิเคราะห์"));
        chrome.WaitFor("form .error-summary");
        Assert.NotEqual("", page.ErrorFor(Driver.FindElement(By.Id("q-o4"))));
    }

    [Fact]
    public async Task A_reporter_bound_to_a_unit_sees_and_reports_only_its_measures()
    {
        var org = await SeededOrg.CreateAsync(app);
        // The editor issues a token for กองคลัง on the organization screen.
        page.OpenSignedIn(org, "org", "org");
        var tokens = Driver.FindElement(By.Id("org-tokens"));
        page.Choose(page.ByLabel("ส่วนราชการ", tokens), "กองคลัง");
        page.Type(page.ByLabel("ชื่อเรียกโทเคน", tokens), "กองคลัง — นางสาวสมใจ");
        page.Click(page.Button("ออกโทเคน", tokens));
        var reporterToken = chrome.WaitFor("#org-tokens .once input.token").GetAttribute("value")!;
        Assert.StartsWith("ita.", reporterToken, StringComparison.Ordinal);
        chrome.WaitUntil(() => Driver.FindElements(By.CssSelector("#org-tokens tbody tr")).Count == 2, "token listed");
        page.ShootBothWidths("org");

        // The division signs in with it.
        page.Click(page.Button("ออกจากระบบ"));
        page.WaitForScreen("signin");
        page.Type(page.ByLabel("รหัสหน่วยงาน"), org.Id);
        page.Type(page.ByLabel("โทเคน"), reporterToken);
        page.Click(page.Button("เข้าสู่ระบบ"));
        page.WaitForScreen("progress");
        Assert.Contains("ผู้รายงาน (กองคลัง)", Driver.FindElement(By.Id("who")).Text, StringComparison.Ordinal);
        Assert.False(Driver.FindElement(By.CssSelector("#tabs a[data-route='measures']")).Displayed);
        Assert.True(Driver.FindElement(By.CssSelector("#tabs a[data-route='progress']")).Displayed);

        page.Go("progress?year=2569&round=6m&plan=ita", "progress");
        // ita-1 is สำนักปลัด's; ita-2 every division's; ita-3 กองคลัง's.
        Assert.Equal(["ita-2", "ita-3"], Driver.FindElements(By.CssSelector(".progress-card")).Select(e => e.GetAttribute("data-measure")));
        Assert.Equal("1", Driver.FindElement(By.CssSelector("[data-stat='done'] .stat-value")).Text);

        var card = Driver.FindElement(By.CssSelector(".progress-card[data-measure='ita-3']"));
        page.Choose(page.ByLabel("สถานะ", card), "ไม่สามารถดำเนินการได้");
        page.Click(page.Button("บันทึกผล", card));
        chrome.WaitUntil(() => page.ErrorFor(page.ByLabel("เหตุผลที่ไม่สามารถดำเนินการได้", card)) != "", "reason required");
        Assert.Contains("กรุณาระบุเหตุผล", page.ErrorFor(page.ByLabel("เหตุผลที่ไม่สามารถดำเนินการได้", card)), StringComparison.Ordinal);

        page.Choose(page.ByLabel("สถานะ", card), "อยู่ระหว่างดำเนินการ");
        page.Type(page.ByLabel("ผลการดำเนินการ", card), "ประชาสัมพันธ์แผนการใช้จ่ายงบประมาณทางเว็บไซต์แล้ว");
        var disbursed = page.ByLabel("เบิกจ่าย (บาท) — งบประมาณ 5,000.00 บาท", card);
        page.Type(disbursed, "6,000");
        page.Type(page.ByLabel("ผู้รายงาน (ชื่อ-สกุล)", card), "นางสาวสมใจ ใจดี");
        page.Click(page.Button("เพิ่มลิงก์", card));
        page.TypeHere("https://kukkak.go.th/ita/budget");
        page.Click(page.Button("บันทึกผล", card));
        chrome.WaitUntil(() => page.ErrorFor(disbursed) != "", "the API refuses more than the budget");
        Assert.Matches("[ก-๙]", page.ErrorFor(disbursed));
        page.ShootBothWidths("progress-errors");

        page.Type(disbursed, "1,250.75");
        page.Click(page.Button("บันทึกผล", card));
        chrome.WaitUntil(() => card.FindElement(By.CssSelector("summary .badge")).Text == "อยู่ระหว่างดำเนินการ", "saved");
        chrome.WaitUntil(() => Driver.FindElement(By.CssSelector("[data-stat='inProgress'] .stat-value")).Text == "1", "summary refreshed");
        page.ShootBothWidths("progress-reporter");

        var stored = (await org.Editor.GetAsync($"{org.Measures}/ita-3/progress/6m")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("inProgress", (string?)stored["status"]);
        Assert.Equal(1250.75m, stored["disbursed"]!.GetValue<decimal>());
        Assert.Equal(["https://kukkak.go.th/ita/budget"], stored["evidence"]!.AsArray().Select(n => (string)n!));
        // The reporter's token may not write measures, and may not report another division's.
        var reporter = app.Admin.As(reporterToken);
        (await reporter.PostAsync(org.Measures, new { plan = "ita", title = "x", indicators = new[] { 1 }, responsible = new[] { "*" } })).Is(HttpStatusCode.Forbidden);
        (await reporter.PutAsync($"{org.Measures}/ita-1/progress/6m", new { status = "done", reporter = new { name = "x" } }, "*")).Is(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_editor_sees_the_round_summary_on_a_phone_and_a_desktop()
    {
        var org = await SeededOrg.CreateAsync(app);
        await org.AddAssessment2568Async();
        page.OpenSignedIn(org, "progress?year=2569&round=6m&plan=ita", "progress");
        Assert.Equal("ดำเนินการแล้วเสร็จ", Driver.FindElement(By.CssSelector(".progress-card[data-measure='ita-1'] summary .badge")).Text);
        Assert.Equal("รอรายงาน", Driver.FindElement(By.CssSelector(".progress-card[data-measure='ita-2'] summary .badge")).Text);
        Assert.Equal("2", Driver.FindElement(By.CssSelector("[data-stat='waiting'] .stat-value")).Text);
        Assert.Equal("12,000.50", Driver.FindElement(By.CssSelector("[data-stat='disbursed'] .stat-value")).Text);
        Assert.Equal("ร้อยละ 48.00", Driver.FindElement(By.CssSelector("[data-stat='disbursedPercent']")).Text);
        page.ShootBothWidths("progress");
        page.Go("scores?year=2568", "scores");
        chrome.WaitFor("td.cls .badge");
        page.ShootBothWidths("scores-seed004");
        chrome.Open(app.FormUrl("#/signin"));
        page.WaitForScreen("signin");
        page.Click(Driver.FindElement(By.CssSelector("details.admin > summary")));
        page.ShootBothWidths("signin");
    }
}
