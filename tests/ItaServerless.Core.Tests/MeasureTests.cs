// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;

namespace ItaServerless.Core.Tests;

public class MeasureTests
{
    private static readonly FiscalYear Fy2569 = FiscalYear.Of(2569);
    private static readonly QuestionCatalog Catalog2568 = QuestionCatalog.ForYear(2568).Value;

    // Seed 004 §3, indicator 9.
    private static readonly MeasureDraft ItaDraft = new(
        Plan: "ita", Number: 9, Title: "การเผยแพร่ข้อมูลข่าวสาร",
        Indicators: [9], Questions: ["o1", "o2", "o6"],
        Method: ["ทุกส่วนราชการต้องเปิดเผย เผยแพร่ข้อมูลพื้นฐานเกี่ยวกับการปฏิบัติงานทุกด้าน"],
        Responsible: ["*"], Period: null, FollowUp: "รายงานผลทุก ๖ เดือน", Budget: 0m);

    private static IEnumerable<(string Code, string Field)> Errors(MeasureDraft draft) =>
        Measure.Create(draft, Fy2569, Catalog2568).Errors.Select(e => (e.Code, e.Field));

    [Fact]
    public void A_valid_ita_measure()
    {
        var m = Measure.Create(ItaDraft, Fy2569, Catalog2568).Value;
        Assert.Equal(Plan.Ita, m.Plan);
        Assert.Equal(new MeasureKey(Plan.Ita, 9), m.Key);
        Assert.Equal([Indicator.Of(9)], m.Indicators);
        Assert.Equal(["o1", "o2", "o6"], m.Questions.Select(q => q.Value));
        Assert.True(m.Responsible.IsEveryDivision);
        Assert.True(m.Period.IsWholeYear);
        Assert.Equal("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙", ThaiFormat.Period(m.Period));
        Assert.Equal(Baht.Zero, m.Budget);
        Assert.Null(m.Kind);
        Assert.Null(m.Dimension);
    }

    [Fact]
    public void A_measure_is_recreated_from_its_draft()
    {
        var ita = Measure.Create(ItaDraft, Fy2569, Catalog2568).Value;
        var ac = Measure.Create(new MeasureDraft("anticorruption", 13, "กิจกรรม", Responsible: ["council", "palad"],
            Period: new PeriodDraft("2568-10", "2569-04"), Budget: 100_000m, Kind: "กิจกรรม", Dimension: 4), Fy2569, null).Value;
        foreach (var m in new[] { ita, ac })
        {
            var again = Measure.Create(m.ToDraft(), Fy2569, Catalog2568).Value;
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(m.ToDraft()), System.Text.Json.JsonSerializer.Serialize(again.ToDraft()));
            Assert.Equal((m.Key, m.Period, m.Budget, m.Kind, m.Dimension), (again.Key, again.Period, again.Budget, again.Kind, again.Dimension));
        }
    }

    [Fact]
    public void A_valid_anti_corruption_item()
    {
        var m = Measure.Create(new MeasureDraft("anticorruption", 13, "กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น",
            Responsible: ["council", "palad"], Period: new PeriodDraft("2568-10", "2569-04"),
            Budget: 100_000m, Kind: "กิจกรรม", Dimension: 4), Fy2569, null).Value;
        Assert.Equal(MeasureKind.Activity, m.Kind);
        Assert.Equal(4, m.Dimension);
        Assert.Empty(m.Indicators);
        Assert.Equal(["council", "palad"], m.Responsible.UnitIds);
        Assert.Equal("ต.ค.๖๘ – เม.ย.๖๙", ThaiFormat.Period(m.Period));
        Assert.Equal("100,000.00 บาท", ThaiFormat.Budget(m.Budget));
    }

    [Fact]
    public void All_errors_of_a_measure_are_found_in_one_pass()
    {
        var draft = new MeasureDraft("ita", 0, " ",
            Indicators: [9, 11, 9], Questions: ["o1", "o29", "x", "o1"],
            Method: ["ขั้นตอนที่ ๑", "", "bad\u0001"], Responsible: ["*", "palad"],
            Period: new PeriodDraft("2568-09", "2569-04"), FollowUp: new string('ก', 2001),
            Budget: -1m, Kind: "project", Dimension: 2);
        Assert.Equal(new HashSet<(string, string)>
        {
            ("out_of_range", "number"),
            ("required", "title"),
            ("out_of_range", "indicators[1]"),
            ("duplicate", "indicators[2]"),
            ("unknown_question", "questions[1]"),
            ("invalid_format", "questions[2]"),
            ("duplicate", "questions[3]"),
            ("required", "method[1]"),
            ("control_character", "method[2]"),
            ("not_allowed", "responsible[0]"),
            ("period_outside_year", "period.from"),
            ("too_long", "followUp"),
            ("negative", "budget"),
            ("not_allowed", "kind"),
            ("not_allowed", "dimension"),
        }, Errors(draft).ToHashSet());
    }

    [Fact]
    public void Required_fields_and_plan_rules()
    {
        Assert.Equal(new HashSet<(string, string)>
        {
            ("required", "plan"), ("required", "number"), ("required", "title"), ("required", "responsible"),
            ("required", "kind"), ("required", "dimension"),
        }, Errors(new MeasureDraft(null, null, null)).ToHashSet());
        Assert.Contains(("required", "indicators"), Errors(ItaDraft with { Indicators = [] }));
        Assert.Contains(("unknown_value", "plan"), Errors(ItaDraft with { Plan = "other" }));
        Assert.Equal([("out_of_range", "dimension")],
            Errors(ItaDraft with { Plan = "anticorruption", Kind = "measure", Dimension = 5 }));
        Assert.Equal([("unknown_value", "kind")],
            Errors(ItaDraft with { Plan = "anticorruption", Kind = "plan", Dimension = 1 }));
    }

    [Fact]
    public void Limits_on_text_and_lists()
    {
        Assert.Equal([("too_long", "title")], Errors(ItaDraft with { Title = new string('ก', 501) }));
        Assert.Empty(Errors(ItaDraft with { Title = new string('ก', 500) }));
        Assert.Equal([("control_character", "title")], Errors(ItaDraft with { Title = "สอง\nบรรทัด" }));
        Assert.Equal([("too_many", "method")], Errors(ItaDraft with { Method = Enumerable.Repeat<string?>("ก", 51).ToArray() }));
        Assert.Equal([("too_long", "method[0]")], Errors(ItaDraft with { Method = [new string('ก', 2001)] }));
        Assert.Equal([("too_many_decimals", "budget")], Errors(ItaDraft with { Budget = 1.001m }));
        Assert.Equal([("period_reversed", "period.to")], Errors(ItaDraft with { Period = new PeriodDraft("2569-04", "2569-01") }));
    }

    [Fact]
    public void Whole_year_is_explicit_or_implied_but_not_mixed_with_months()
    {
        Assert.Empty(Errors(ItaDraft with { Period = new PeriodDraft(WholeYear: true) }));
        Assert.Empty(Errors(ItaDraft with { Period = null }));
        Assert.Equal([("not_allowed", "period.wholeYear")],
            Errors(ItaDraft with { Period = new PeriodDraft("2568-10", "2569-03", WholeYear: true) }));
        Assert.Equal([("required", "period.from"), ("required", "period.to")],
            Errors(ItaDraft with { Period = new PeriodDraft(WholeYear: false) }));
    }

    [Fact]
    public void Questions_need_a_catalog()
    {
        var errors = Measure.Create(ItaDraft, Fy2569, null).Errors;
        Assert.Equal(("unknown_assessment_year", "questions"), errors.Select(e => (e.Code, e.Field)).Single());
        Assert.True(Measure.Create(ItaDraft with { Questions = null }, Fy2569, null).IsValid);
    }

    [Fact]
    public void Responsible_units()
    {
        Assert.True(ResponsibleUnits.Create(["ทุกส่วนราชการ"]).Value.IsEveryDivision);
        Assert.Equal([("duplicate", "responsible[1]")],
            ResponsibleUnits.Create(["palad", "palad"]).Errors.Select(e => (e.Code, e.Field)));
        Assert.Equal([("invalid_format", "responsible[0]")],
            ResponsibleUnits.Create(["สำนักปลัด"]).Errors.Select(e => (e.Code, e.Field)));
        Assert.Equal(ResponsibleUnits.Of("a", "b"), ResponsibleUnits.Create(["a", "b"]).Value);
    }

    [Fact]
    public void Stored_responsible_units_are_restored_without_the_count_limit_but_not_without_their_structure()
    {
        var many = Enumerable.Range(1, ResponsibleUnits.MaxUnits + 10).Select(i => (string?)$"unit-{i}").ToArray();
        Assert.Equal(ResponsibleUnits.MaxUnits + 10, ResponsibleUnits.Restore(many).UnitIds.Count);
        Assert.True(ResponsibleUnits.Restore(["*"]).IsEveryDivision);
        Assert.Throws<Persistence.StoredDataException>(() => ResponsibleUnits.Restore(["a", "a"]));
        Assert.Throws<Persistence.StoredDataException>(() => ResponsibleUnits.Restore(["ไม่ใช่ id"]));
        Assert.Throws<Persistence.StoredDataException>(() => ResponsibleUnits.Restore([]));
    }
}
