// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Documents;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Tests;

public class AnalysisReportTests
{
    private static readonly Lazy<(AnalysisReportData Data, string Path)> Rendered = new(() =>
    {
        var data = SampleDocuments.Analysis();
        var path = TestFiles.Save("analysis-report.pdf", AnalysisReport.Render(data, TestFiles.Laksaman));
        TestFiles.PdfToPng(path);
        return (data, path);
    });

    [Fact]
    public void Every_entered_string_comes_back_from_pdftotext()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        Assert.Contains(Compact(data.OrganizationName), text);
        Assert.Contains(Compact(data.Location), text);
        Assert.Contains("๘๓.๐๓คะแนน", text);
        Assert.All(data.Tools, t => Assert.Contains(Compact(t.Name), text));

        var words = PdfWords.Extract(path);
        var questions = AnalysisReport.QuestionTable(data, "");
        var plan = AnalysisReport.PlanTable(data);
        var questionColumn = ColumnText(words, questions, 0);
        Assert.All(data.Indicators.SelectMany(i => i.Questions), q => Assert.Contains(Compact(q.Text), questionColumn));
        var classification = ColumnText(words, questions, 3);
        Assert.Contains("ต้องปรับปรุง", classification);
        Assert.Contains("ยกระดับ", classification);
        Assert.Contains("รักษาระดับ", classification);
        Assert.All(data.Plan, p =>
        {
            Assert.Contains(Compact(p.Measure), ColumnText(words, plan, 0));
            Assert.Contains(Compact(p.Approach), ColumnText(words, plan, 1));
            Assert.All(p.Steps, s => Assert.Contains(Compact(s), ColumnText(words, plan, 2)));
        });
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF8FF');
    }

    [Fact]
    public void Passes_qpdf_check()
    {
        var (exitCode, output) = TestFiles.QpdfCheck(Rendered.Value.Path);
        Assert.True(exitCode == 0, output);
    }

    private static string ColumnText(IReadOnlyList<PdfWord> words, Table table, int column)
    {
        return PdfWords.ColumnText(words, table, PageGeometry.A4Memo, column);
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
