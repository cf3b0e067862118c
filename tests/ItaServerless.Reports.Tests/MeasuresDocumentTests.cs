// SPDX-License-Identifier: MIT
using ItaServerless.Core.Scoring;
using ItaServerless.Reports.Documents;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Tests;

public class MeasuresDocumentTests
{
    private static readonly Lazy<(MeasuresDocumentData Data, string Path)> Rendered = new(() =>
    {
        var data = SampleMeasures.Seed();
        var path = TestFiles.Save("measures-document.pdf", MeasuresDocument.Render(data, TestFiles.Laksaman));
        TestFiles.PdfToPng(path);
        return (data, path);
    });

    private static readonly Lazy<(MeasuresDocumentData Data, string Path)> Large = new(() =>
    {
        var data = SampleMeasures.Large(60);
        var path = TestFiles.Save("measures-60.pdf", MeasuresDocument.Render(data, TestFiles.Laksaman));
        TestFiles.PdfToPng(path, lastPage: 5); // the analysis, the table start and the 20-step measure
        return (data, path);
    });

    [Fact]
    public void Every_entered_string_comes_back_from_pdftotext()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        var result = data.LastYearResult!;
        var entered = new List<string>
        {
            MeasuresDocument.Name, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", data.OrganizationName, "อำเภอศรีสงคราม จังหวัดนครพนม",
            "๑. การวิเคราะห์ผลการประเมิน ITA ของเทศบาลตำบลนาคำ ปีงบประมาณ พ.ศ. ๒๕๖๘",
            "มีผลการประเมินในภาพรวม ๘๓.๐๓ คะแนน อยู่ในระดับ B (ดี) ซึ่งไม่ผ่านเกณฑ์ค่าเป้าหมาย",
            "ประกาศ ณ วันที่ ๒๕ พฤศจิกายน พ.ศ. ๒๕๖๘", $"({data.Approver.Name})",
        };
        entered.AddRange(data.Approver.Positions);
        entered.AddRange(result.Tools.Select(t => $"{t.Name} ({t.Code})"));
        entered.AddRange(result.Indicators.Select(i => i.Name));
        Assert.All(entered, s => Assert.True(text.Contains(Compact(s), StringComparison.Ordinal), $"missing: {s}"));
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF8FF');
    }

    [Fact]
    public void Analysis_shows_core_classification_counts_and_the_weakest_indicators_lowest_first()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        var analysis = Analysis.Of(SampleMeasures.Seed004Assessment());
        // 52 questions of 2568: 15 OIT items below 90, none between 90 and 95.
        Assert.Equal(37, analysis.ByClassification[QuestionClassification.Maintain].Count);
        Assert.Equal(15, analysis.ByClassification[QuestionClassification.Improve].Count);
        Assert.Contains(Compact("รักษาระดับ ๙๕ คะแนนขึ้นไป ๓๗"), text);
        Assert.Contains(Compact("ยกระดับ ๙๐ – ๙๔.๙๙ คะแนน ๐"), text);
        Assert.Contains(Compact("ต้องปรับปรุง ต่ำกว่า ๙๐ คะแนน ๑๕"), text);
        Assert.Contains(Compact("รวม ๕๒"), text);

        var weak9 = text.IndexOf(Compact("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (๓๘.๐๐ คะแนน) ข้อคำถามที่ต้องปรับปรุง"), StringComparison.Ordinal);
        var weak10 = text.IndexOf(Compact("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต (๘๐.๐๐ คะแนน) ข้อคำถามที่ต้องปรับปรุง"), StringComparison.Ordinal);
        Assert.True(weak9 > 0 && weak10 > weak9, $"weakest indicators missing or out of order ({weak9}, {weak10})");
        Assert.Contains(Compact("- o๑ โครงสร้างและอำนาจหน้าที่ (๐.๐๐ คะแนน)"), text);
        Assert.DoesNotContain(Compact("- o๓ "), text); // 100: maintained, not listed
        Assert.Equal([9, 10], data.LastYearResult!.WeakestIndicators);
    }

    [Fact]
    public void Measures_table_is_grouped_by_indicator_and_read_back_column_by_column()
    {
        var (data, path) = Rendered.Value;
        var table = MeasuresDocument.MeasuresTable(data.Measures, data.LastYearResult);
        var all = PdfWords.Extract(path);
        var firstTablePage = all.First(w => w.Text == "วิธีการดำเนินการ").Page;
        var words = all.Where(w => w.Page >= firstTablePage).ToList();
        var columns = table.Columns.Select((_, c) => PdfWords.ColumnText(words, table, PageGeometry.A4Landscape, c)).ToList();
        foreach (var m in data.Measures)
        {
            Assert.Contains(Compact(m.Title), columns[0]);
            Assert.All(m.Steps, s => Assert.Contains(Compact(s), columns[1]));
            Assert.Contains(Compact(m.Responsible), columns[2]);
            Assert.Contains(Compact(m.Period), columns[3]);
            Assert.Contains(Compact(m.FollowUp), columns[4]);
        }

        // Section rows in indicator order, each above its measures; indicator 9 holds measures 3 and 4.
        var order = new[]
        {
            "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (๙๙.๗๘ คะแนน)", "๑. กระบวนการ",
            "ตัวชี้วัดที่ ๒ การใช้งบประมาณ (๙๙.๕๕ คะแนน)", "๒. กระบวนการ",
            "ตัวชี้วัดที่ ๕ การแก้ไขปัญหาการทุจริต (๑๐๐.๐๐ คะแนน) / ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต (๘๐.๐๐ คะแนน)", "๕. กลไก",
            "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล (๓๘.๐๐ คะแนน)", "๓. การเผยแพร่", "๔. ปรับปรุงข้อมูล",
        };
        // Where each starts, top to bottom: section rows span every column, titles are read in column 0.
        var (left, right) = PdfWords.ColumnBounds(table, PageGeometry.A4Landscape)[0];
        var rowLines = PdfWords.Lines(words).Concat(PdfWords.Lines(words.Where(w => w.XMin >= left - 0.5 && w.XMin < right)))
            .Select(l => (l.Page, l.Y, Text: Compact(l.Text))).ToList();
        var positions = order.Select(s => rowLines.Where(l => l.Text.StartsWith(Compact(s), StringComparison.Ordinal))
            .Select(l => (l.Page, l.Y)).DefaultIfEmpty((-1, -1)).First()).ToList();
        Assert.All(order.Zip(positions), p => Assert.True(p.Second.Page >= 0, $"missing: {p.First}"));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Without_an_assessment_says_the_result_is_not_entered_and_invents_no_numbers()
    {
        var data = SampleMeasures.Seed(withAssessment: false);
        var path = TestFiles.Save("measures-no-assessment.pdf", MeasuresDocument.Render(data, TestFiles.Laksaman));
        var text = Compact(TestFiles.PdfToText(path));
        Assert.Contains(Compact("ยังไม่ได้บันทึกผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ของเทศบาลตำบลนาคำ"), text);
        Assert.DoesNotContain("คะแนน", text[..text.IndexOf(Compact("๒. มาตรการ"), StringComparison.Ordinal)]);
        Assert.DoesNotContain("เครื่องมือการประเมิน", text);
        // Groups still name their indicators, without a score.
        Assert.Contains(Compact("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"), text);
        Assert.DoesNotContain(Compact("(๓๘.๐๐ คะแนน)"), text);
    }

    [Fact]
    public void Passes_qpdf_check()
    {
        var (exitCode, output) = TestFiles.QpdfCheck(Rendered.Value.Path);
        Assert.True(exitCode == 0, output);
        (exitCode, output) = TestFiles.QpdfCheck(Large.Value.Path);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void Sixty_measures_and_a_twenty_step_measure_lay_out_without_clipping_under_repeated_headers()
    {
        var (data, path) = Large.Value;
        var table = MeasuresDocument.MeasuresTable(data.Measures, data.LastYearResult);
        var geometry = PageGeometry.A4Landscape;
        var pages = TestFiles.PageCount(path);
        var allWords = PdfWords.Extract(path);
        var firstTablePage = allWords.First(w => w.Text == "วิธีการดำเนินการ").Page;
        var signaturePage = allWords.Last(w => w.Text.Contains(data.Approver.Name.Split(' ')[1], StringComparison.Ordinal)).Page;
        Assert.True(signaturePage - firstTablePage >= 8, $"the table spans only pages {firstTablePage}–{signaturePage}");
        for (var page = firstTablePage; page <= signaturePage; page++)
        {
            var pageText = TestFiles.PdfToText(path, page);
            if (page < signaturePage || pageText.Contains("การติดตามผล", StringComparison.Ordinal))
                Assert.Equal(1, Occurrences(pageText, "การติดตามผล"));
        }
        Assert.Equal(pages, signaturePage);

        // The table's words: below its first header, above the signature, without the section rows (they span all columns).
        var headerTop = allWords.First(w => w.Text == "วิธีการดำเนินการ").YMin - 12;
        var signatureTop = allWords.Last(w => w.Text == "ประกาศ").YMin;
        var sectionLines = allWords.Where(w => w.Text == "ตัวชี้วัดที่").Select(w => (w.Page, Math.Round(w.YMax))).ToHashSet();
        var words = allWords.Where(w => w.Page >= firstTablePage
            && !(w.Page == firstTablePage && w.YMax < headerTop)
            && !(w.Page == signaturePage && w.YMin >= signatureTop)
            && !sectionLines.Contains((w.Page, Math.Round(w.YMax)))).ToList();
        Assert.All(words, w => Assert.True(w.YMax <= geometry.ContentBottom + 0.5 && w.XMax <= geometry.Width - geometry.MarginRight + 0.5,
            $"'{w.Text}' outside the text area on page {w.Page}"));
        var bounds = PdfWords.ColumnBounds(table, geometry);
        var body = words.Where(w => w.YMax > geometry.MarginTop).ToList();
        for (var c = 1; c < bounds.Length; c++)
        {
            var (left, right) = bounds[c];
            Assert.All(body.Where(w => w.XMin >= left - 0.5 && w.XMin < right),
                w => Assert.True(w.XMax <= right + 0.5, $"'{w.Text}' overflows column {c} on page {w.Page}"));
        }

        // Every step of every measure, and the 20 steps of measure 7 in order.
        var steps = PdfWords.ColumnText(words, table, geometry, 1);
        var seven = data.Measures.Single(m => m.Number == 7);
        Assert.Equal(20, seven.Steps.Count);
        var at = 0;
        for (var s = 0; s < seven.Steps.Count; s++)
        {
            var step = Compact($"{ItaServerless.Core.Thai.ThaiDigits.ToThaiDigits(s + 1)}. {seven.Steps[s]}");
            at = steps.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(at >= 0, $"step {s + 1} of measure 7 missing or out of order");
        }
        Assert.All(data.Measures, m => Assert.Contains(Compact($"{ItaServerless.Core.Thai.ThaiDigits.ToThaiDigits(m.Number)}.{m.Title}"),
            PdfWords.ColumnText(words, table, geometry, 0)));
    }

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
