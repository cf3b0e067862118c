// SPDX-License-Identifier: MIT
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Layout;
using ItaServerless.Reports.Text;

namespace ItaServerless.Reports.Tests;

public class TableLayoutTests
{
    private static readonly string[] Headers = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "ผลการดำเนินการ"];

    private static readonly Lazy<(string Path, Table Table)> SixtyRows = new(Render);

    private static (string, Table) Render()
    {
        var rows = Enumerable.Range(1, 60).Select(i => TableRow.Of(
            $"{ThaiDigits.ToThaiDigits(i)}. มาตรการ{SampleText.Indicators[(i - 1) % 10]}",
            SampleText.NumberedSteps(i == 7 ? 20 : 1 + i % 4),
            SampleText.Responsible[i % SampleText.Responsible.Length],
            SampleText.Periods[i % SampleText.Periods.Length],
            SampleText.Results[i % SampleText.Results.Length])).ToList();
        var table = new Table(
            [new(Headers[0], 3), new(Headers[1], 5), new(Headers[2], 2.2), new(Headers[3], 2.2), new(Headers[4], 4)], rows);
        using var builder = new ReportBuilder(TestFiles.Laksaman, PageGeometry.A4Memo, "ตาราง ๖๐ มาตรการ");
        builder.Heading("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", TextAlign.Center);
        builder.Table(table);
        var path = TestFiles.Save("table-60-rows.pdf", builder.ToPdf());
        TestFiles.PdfToPng(path, lastPage: 6); // enough to see the 20-step row split and the repeated header
        return (path, table);
    }

    [Fact]
    public void Passes_qpdf_check()
    {
        var (exitCode, output) = TestFiles.QpdfCheck(SixtyRows.Value.Path);
        Assert.True(exitCode == 0, output);
        Assert.Contains("No syntax or stream encoding errors", output);
    }

    [Fact]
    public void Repeats_the_header_once_on_every_page()
    {
        var path = SixtyRows.Value.Path;
        var pages = TestFiles.PageCount(path);
        Assert.True(pages >= 8, $"only {pages} pages");
        for (var page = 1; page <= pages; page++)
        {
            var text = TestFiles.PdfToText(path, page);
            Assert.Equal(1, Occurrences(text, "วิธีการดำเนินการ"));
            Assert.Equal(1, Occurrences(text, "ผลการดำเนินการ"));
        }
    }

    [Fact]
    public void Every_column_keeps_all_its_text_in_order_inside_its_cells()
    {
        var (path, table) = SixtyRows.Value;
        var geometry = PageGeometry.A4Memo;
        var words = PdfWords.Extract(path);
        var bounds = ColumnBounds(table, geometry);
        for (var c = 0; c < bounds.Length; c++)
        {
            var (left, right) = bounds[c];
            var inColumn = words.Where(w => w.XMin >= left - 0.5 && w.XMin < right && InTable(w, words)).ToList();
            Assert.All(inColumn, w => Assert.True(w.XMax <= right + 0.5, $"'{w.Text}' overflows column {c} on page {w.Page}"));
            Assert.All(inColumn, w => Assert.True(w.YMax <= geometry.ContentBottom + 0.5, $"'{w.Text}' below the margin on page {w.Page}"));

            var expected = Headers[c] + string.Concat(table.Rows.Select(r => r.Cells[c].Text));
            var header = Compact(Headers[c]);
            var actual = string.Concat(PdfWords.Lines(inColumn).Select(l => l.Text));
            // Remove the repeated header from each page before comparing with the cells in row order.
            var body = Compact(actual).Replace(header, "");
            var expectedBody = Compact(expected).Replace(header, "");
            var at = Enumerable.Range(0, Math.Min(body.Length, expectedBody.Length)).FirstOrDefault(i => body[i] != expectedBody[i], -1);
            Assert.True(body == expectedBody, $"column {c} differs at {at}: expected '{Around(expectedBody, at)}' got '{Around(body, at)}'");
        }
    }

    [Fact]
    public void No_line_in_the_table_breaks_inside_a_thai_word()
    {
        var (path, table) = SixtyRows.Value;
        var bounds = ColumnBounds(table, PageGeometry.A4Memo);
        var words = PdfWords.Extract(path);
        var typesetter = new Typesetter(TestFiles.Laksaman);
        var checkedLines = 0;
        for (var c = 0; c < bounds.Length; c++)
        {
            var (left, right) = bounds[c];
            var cellTexts = table.Rows.Select(r => r.Cells[c].Text).Append(Headers[c])
                .SelectMany(t => t.Split('\n')).Distinct().ToList();
            var lines = PdfWords.Lines(words.Where(w => w.XMin >= left - 0.5 && w.XMin < right && InTable(w, words)));
            foreach (var (page, _, text) in lines)
            {
                var textWidth = right - left - 2 * table.CellPadding;
                bool Overlong(string segment) =>
                    typesetter.Measure(segment.Trim(), new TextStyle(table.FontSize)) > textWidth ||
                    typesetter.Measure(segment.Trim(), new TextStyle(table.FontSize, Fonts.FontStyle.Bold)) > textWidth;
                Assert.True(cellTexts.Any(cell => StartsAndEndsAtBoundaries(cell, text, Overlong)),
                    $"page {page}, column {c}: '{text}' does not start and end at ICU word boundaries of any cell");
                checkedLines++;
            }
        }
        Assert.True(checkedLines > 500, $"only {checkedLines} lines checked");
    }

    /// <summary>Page 1 starts with a heading (ending in ๒๕๖๙) above the table; page numbers sit in the top margin.</summary>
    private static bool InTable(PdfWord word, IReadOnlyList<PdfWord> words)
    {
        var top = word.Page > 1
            ? PageGeometry.A4Memo.MarginTop
            : words.Where(w => w.Page == 1 && w.Text.Contains("๒๕๖๙", StringComparison.Ordinal)).Min(w => w.YMax) + 1;
        return word.YMax > top;
    }

    /// <summary>
    /// True when the line occurs in the cell starting and ending at ICU break opportunities, or inside a
    /// segment that alone is wider than the column (the only case where a word may be cut).
    /// </summary>
    private static bool StartsAndEndsAtBoundaries(string cell, string line, Func<string, bool> overlong)
    {
        var opportunities = ThaiLineBreaker.Opportunities(cell).Prepend(0).Append(cell.Length).ToList();
        bool IsBoundary(int i)
        {
            if (i == 0 || i == cell.Length || opportunities.Contains(i) || cell[i - 1] == ' ' || cell[i] == ' ') return true;
            var start = opportunities.Last(o => o < i);
            var end = opportunities.First(o => o > i);
            return overlong(cell[start..end]);
        }
        for (var start = cell.IndexOf(line, StringComparison.Ordinal); start >= 0; start = cell.IndexOf(line, start + 1, StringComparison.Ordinal))
            if (IsBoundary(start) && IsBoundary(start + line.Length)) return true;
        return false;
    }

    private static (double Left, double Right)[] ColumnBounds(Table table, PageGeometry geometry) => PdfWords.ColumnBounds(table, geometry);

    private static string Around(string s, int i) => i < 0 ? $"(length {s.Length})" : s.Substring(Math.Max(0, i - 20), Math.Min(40, s.Length - Math.Max(0, i - 20)));

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static int Occurrences(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
