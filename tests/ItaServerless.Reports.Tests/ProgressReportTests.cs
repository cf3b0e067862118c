// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Documents;

namespace ItaServerless.Reports.Tests;

public class ProgressReportTests
{
    private static readonly Lazy<(ProgressReportData Data, string Path)> Rendered = new(() =>
    {
        var data = SampleDocuments.Progress();
        var path = TestFiles.Save("progress-report.pdf", ProgressReport.Render(data, TestFiles.Laksaman));
        TestFiles.PdfToPng(path);
        return (data, path);
    });

    [Fact]
    public void Every_entered_string_comes_back_from_pdftotext()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        var entered = new List<string>
        {
            data.OrganizationName, data.Memo.Department, data.Memo.Number, data.Memo.To, data.Drafter.Name,
            "บันทึกข้อความ", "๒๐ เมษายน ๒๕๖๙",
        };
        entered.AddRange(data.Endorsements.SelectMany(e => new[] { e.Heading, e.Comment, e.Signer.Name }.Concat(e.Signer.Positions)));
        // Words broken over lines are compared without white space.
        Assert.All(entered.Where(s => s.Length > 0), s => Assert.Contains(Compact(s), text));

        // Table cells: read column by column (poppler interleaves the cells of a row).
        var table = ProgressReport.MeasuresTable(data.Measures);
        var words = PdfWords.Extract(path);
        var columns = table.Columns.Select((_, c) => PdfWords.ColumnText(words, table, Layout.PageGeometry.A4Landscape, c)).ToList();
        foreach (var m in data.Measures)
        {
            Assert.Contains(Compact(m.Title), columns[0]);
            Assert.All(m.Steps, s => Assert.Contains(Compact(s), columns[1]));
            Assert.Contains(Compact(m.Responsible), columns[2]);
            Assert.Contains(Compact(m.Period), columns[3]);
            Assert.Contains(Compact(m.Result), columns[4]);
            Assert.Contains(Compact(m.Outcome), columns[4]);
            Assert.Contains(Compact(m.Recommendation), columns[5]);
        }
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF8FF');
    }

    [Fact]
    public void Is_a_valid_pdf_with_embedded_subset_fonts()
    {
        var path = Rendered.Value.Path;
        var (exitCode, output) = TestFiles.QpdfCheck(path);
        Assert.True(exitCode == 0, output);
        var fonts = TestFiles.PdfFonts(path);
        Assert.All(fonts, f => Assert.Matches(@"^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes", f));
        Assert.True(TestFiles.PageCount(path) >= 4);
    }

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
