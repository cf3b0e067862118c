// SPDX-License-Identifier: MIT
using FsCheck.Fluent;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Tests;

public class ScoreTests
{
    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Scores_lie_between_0_and_100(double value) =>
        Assert.Equal(ErrorCodes.OutOfRange, Score.Create((decimal)value, "total").Errors.Single().Code);

    [Fact]
    public void Scores_have_at_most_two_decimals()
    {
        Assert.Equal(ErrorCodes.TooManyDecimals, Score.Create(83.031m).Errors.Single().Code);
        Assert.Equal("83.00", Score.Of(83m).ToString());
        Assert.Equal(Score.Of(83.03m), Score.Parse("๘๓.๐๓").Value);
        Assert.Equal(ErrorCodes.InvalidFormat, Score.Parse("eighty").Errors.Single().Code);
    }

    [Theory]
    [InlineData(100, Grade.AA)]
    [InlineData(95, Grade.AA)]
    [InlineData(94.99, Grade.A)]
    [InlineData(85, Grade.A)]
    [InlineData(84.99, Grade.B)]
    [InlineData(83.03, Grade.B)]
    [InlineData(75, Grade.B)]
    [InlineData(74.99, Grade.C)]
    [InlineData(65, Grade.C)]
    [InlineData(64.99, Grade.D)]
    [InlineData(55, Grade.D)]
    [InlineData(54.99, Grade.E)]
    [InlineData(50, Grade.E)]
    [InlineData(49.99, Grade.F)]
    [InlineData(0, Grade.F)]
    public void Grade_bands(double value, Grade expected) => Assert.Equal(expected, Score.Of((decimal)value).Grade);

    [Fact]
    public void Grade_bands_partition_0_to_100() =>
        PropertyCheck.ForAll(PropertyCheck.Scores, v =>
        {
            var grade = Score.Of(v).Grade;
            var containing = Enum.GetValues<Grade>().Where(g => v >= g.MinScore() && v < Upper(g)).ToArray();
            return containing.Length == 1 && containing[0] == grade && grade.Passes() == (v >= Score.PassMark)
                && Score.Of(v).Passes == (v >= 85m);
        });

    [Fact]
    public void Classification_thresholds_hold_for_all_scores() =>
        PropertyCheck.ForAll(PropertyCheck.Scores, v => Score.Of(v).Classification == (v >= 95m
            ? QuestionClassification.Maintain
            : v >= 90m ? QuestionClassification.Raise : QuestionClassification.Improve));

    [Theory]
    [InlineData(95, QuestionClassification.Maintain)]
    [InlineData(94.99, QuestionClassification.Raise)]
    [InlineData(90, QuestionClassification.Raise)]
    [InlineData(89.99, QuestionClassification.Improve)]
    public void Classification_boundaries(double value, QuestionClassification expected) =>
        Assert.Equal(expected, Score.Of((decimal)value).Classification);

    [Fact]
    public void Labels_in_thai()
    {
        Assert.Equal("รักษาระดับ", QuestionClassification.Maintain.NameTh());
        Assert.Equal("ยกระดับ", QuestionClassification.Raise.NameTh());
        Assert.Equal("ต้องปรับปรุง", QuestionClassification.Improve.NameTh());
        Assert.Equal("red", QuestionClassification.Improve.Colour());
        Assert.Equal(7, Enum.GetValues<Grade>().Select(g => g.NameTh()).Distinct().Count());
        Assert.Equal("ไม่ผ่าน", Grades.PassTh(false));
    }

    private static decimal Upper(Grade g) => g == Grade.AA ? 100.01m : Enum.GetValues<Grade>()[(int)g - 1].MinScore();
}

public class ToolAndIndicatorTests
{
    [Fact]
    public void Ten_indicators_with_their_tools()
    {
        Assert.Equal(Enumerable.Range(1, 10), Indicator.All.Select(i => i.Number));
        Assert.Equal([1, 2, 3, 4, 5], Tool.IIT.Indicators().Select(i => i.Number));
        Assert.Equal([6, 7, 8], Tool.EIT.Indicators().Select(i => i.Number));
        Assert.Equal([9, 10], Tool.OIT.Indicators().Select(i => i.Number));
        Assert.Equal("การใช้ทรัพย์สินของราชการ", Indicator.Of(4).NameTh);
        Assert.Equal("การเปิดเผยข้อมูล", Indicator.Of(9).NameTh);
        Assert.Equal("การป้องกันการทุจริต", Indicator.Of(10).NameTh);
        Assert.Same(Indicator.Of(3), Indicator.Create(3).Value);
        Assert.Equal(("out_of_range", "indicators[0]"),
            Indicator.Create(11, "indicators[0]").Errors.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public void Tools_have_codes_and_thai_names()
    {
        Assert.Equal(Tool.EIT, Tools.Parse("eit").Value);
        Assert.False(Tools.Parse("XIT").IsValid);
        Assert.Equal("แบบตรวจการเปิดเผยข้อมูลสาธารณะ", Tool.OIT.NameTh());
        Assert.Equal('o', Tool.OIT.QuestionPrefix());
    }

    [Theory]
    [InlineData("i1", "i1")]
    [InlineData(" O28 ", "o28")]
    [InlineData("e๙", "e9")]
    public void Question_ids_normalise(string text, string expected) => Assert.Equal(expected, QuestionId.Of(text).Value);

    [Theory]
    [InlineData("x1")]
    [InlineData("o")]
    [InlineData("o0")]
    [InlineData("o01")]
    [InlineData("o100")]
    [InlineData("")]
    public void Bad_question_ids(string text) =>
        Assert.Equal(ErrorCodes.InvalidFormat, QuestionId.Parse(text, "questions[0]").Errors.Single().Code);
}

public class QuestionCatalogTests
{
    private static readonly QuestionCatalog Catalog2568 = QuestionCatalog.ForYear(2568).Value;

    [Fact]
    public void Catalog_2568_has_the_52_questions_of_seed_004()
    {
        Assert.Contains(2568, QuestionCatalog.Years);
        Assert.Equal(2568, Catalog2568.AssessmentYear);
        Assert.Equal(52, Catalog2568.Questions.Count);
        var ids = Catalog2568.Questions.Select(q => q.Id.Value).ToArray();
        var expected = Enumerable.Range(1, 15).Select(n => $"i{n}")
            .Concat(Enumerable.Range(1, 9).Select(n => $"e{n}"))
            .Concat(Enumerable.Range(1, 28).Select(n => $"o{n}"));
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("i1", 1)]
    [InlineData("i3", 1)]
    [InlineData("i4", 2)]
    [InlineData("i9", 3)]
    [InlineData("i12", 4)]
    [InlineData("i15", 5)]
    [InlineData("e3", 6)]
    [InlineData("e6", 7)]
    [InlineData("e7", 8)]
    [InlineData("e9", 8)]
    [InlineData("o1", 9)]
    [InlineData("o20", 9)]
    [InlineData("o21", 10)]
    [InlineData("o28", 10)]
    public void Each_question_has_its_indicator(string id, int indicator) =>
        Assert.Equal(indicator, Catalog2568[QuestionId.Of(id)].Indicator.Number);

    [Fact]
    public void Question_texts_are_the_seeds_without_line_wrap_spaces()
    {
        Assert.Equal("การปฏิบัติงานหรือให้บริการของเจ้าหน้าที่ในหน่วยงานของท่านเป็นไปตามขั้นตอนและระยะเวลา มากน้อยเพียงใด",
            Catalog2568[QuestionId.Of("i1")].TextTh);
        Assert.Equal("โครงสร้างและอำนาจหน้าที่", Catalog2568[QuestionId.Of("o1")].TextTh);
        // Seed 004 printed o6 twice and lacked o7.
        Assert.Equal("รายงานการกำกับติดตามการดำเนินงานและการใช้งบประมาณ ประจำปี รอบ ๖ เดือน", Catalog2568[QuestionId.Of("o7")].TextTh);
        Assert.Contains("ประพฤติมิชอบ", Catalog2568[QuestionId.Of("i8")].TextTh);
        foreach (var q in Catalog2568.Questions)
        {
            Assert.False(string.IsNullOrWhiteSpace(q.TextTh));
            Assert.DoesNotContain("  ", q.TextTh);
            Assert.Equal(q.Id.Tool, q.Indicator.Tool);
            Assert.All(q.TextTh, c => Assert.True(c < '\u0980' || c > '\u09FF', $"{q.Id}: stray Bengali letter"));
        }

        Assert.Equal(20, Catalog2568.QuestionsOf(Indicator.Of(9)).Count);
    }

    [Fact]
    public void An_unknown_year_is_a_validation_error()
    {
        var error = QuestionCatalog.ForYear(2550).Errors.Single();
        Assert.Equal(("unknown_assessment_year", "assessmentYear"), (error.Code, error.Field));
        Assert.Contains("2568", error.MessageEn);
    }

    [Fact]
    public void Resolve_names_the_field()
    {
        Assert.Equal("o28", Catalog2568.Resolve("o28", "questions[0]").Value.Id.Value);
        Assert.Equal(("unknown_question", "questions[1]"),
            Catalog2568.Resolve("o29", "questions[1]").Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Equal(("invalid_format", "questions[2]"),
            Catalog2568.Resolve("q1", "questions[2]").Errors.Select(e => (e.Code, e.Field)).Single());
    }

    [Fact]
    public void A_new_year_is_data()
    {
        var catalog = QuestionCatalog.FromJson("""
            {"assessmentYear": 2569, "questions": [
              {"id": "o2", "indicator": 9, "text": "ข้อมูลผู้บริหาร"},
              {"id": "i1", "indicator": 1, "text": "ก"}]}
            """);
        Assert.Equal(2569, catalog.AssessmentYear);
        Assert.Equal(["i1", "o2"], catalog.Questions.Select(q => q.Id.Value));
    }

    [Theory]
    [InlineData("""{"assessmentYear": 2569, "questions": [{"id": "i1", "indicator": 9, "text": "ก"}]}""")]
    [InlineData("""{"assessmentYear": 2569, "questions": [{"id": "i1", "indicator": 1, "text": "ก"}, {"id": "I1", "indicator": 1, "text": "ข"}]}""")]
    [InlineData("""{"assessmentYear": 2569, "questions": [{"id": "i1", "indicator": 1, "text": " "}]}""")]
    [InlineData("""{"assessmentYear": 2026, "questions": [{"id": "i1", "indicator": 1, "text": "ก"}]}""")]
    [InlineData("""{"assessmentYear": 2569, "questions": []}""")]
    public void Inconsistent_catalog_data_is_refused(string json) =>
        Assert.Throws<FormatException>(() => QuestionCatalog.FromJson(json));
}
