// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ItaServerless.Reports.Tests;

/// <summary>Words with their boxes as poppler extracts them (pdftotext -bbox), in points from the top-left.</summary>
internal sealed record PdfWord(int Page, double XMin, double YMin, double XMax, double YMax, string Text);

internal static partial class PdfWords
{
    public static IReadOnlyList<PdfWord> Extract(string pdfPath)
    {
        var html = Path.ChangeExtension(pdfPath, ".bbox.html");
        System.Diagnostics.Process.Start("pdftotext", $"-bbox -enc UTF-8 \"{pdfPath}\" \"{html}\"")!.WaitForExit();
        var words = new List<PdfWord>();
        var page = 0;
        foreach (var line in File.ReadLines(html))
        {
            if (line.Contains("<page ", StringComparison.Ordinal)) page++;
            var match = WordPattern().Match(line);
            if (!match.Success) continue;
            double D(int group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
            words.Add(new PdfWord(page, D(1), D(2), D(3), D(4), WebUtility.HtmlDecode(match.Groups[5].Value)));
        }
        return words;
    }

    /// <summary>Groups words into lines: same page, same column, same baseline (yMax within 1 pt).</summary>
    public static IReadOnlyList<(int Page, double Y, string Text)> Lines(IEnumerable<PdfWord> words) =>
        words.GroupBy(w => (w.Page, Y: Math.Round(w.YMax)))
            .OrderBy(g => g.Key.Page).ThenBy(g => g.Key.Y)
            .Select(g => (g.Key.Page, g.Key.Y, string.Join(" ", g.OrderBy(w => w.XMin).Select(w => w.Text))))
            .ToList();

    /// <summary>
    /// The text of one table column, read line by line down the pages (poppler's own reading order
    /// interleaves the cells of a row). Compacted: no white space.
    /// </summary>
    public static string ColumnText(IEnumerable<PdfWord> words, double left, double right) =>
        string.Concat(Lines(words.Where(w => w.XMin >= left - 0.5 && w.XMin < right)).SelectMany(l => l.Text.Where(c => !char.IsWhiteSpace(c))));

    /// <summary>The text of a table column without its header (repeated on each page, it would split cells continued over a page).</summary>
    public static string ColumnText(IEnumerable<PdfWord> words, Layout.Table table, Layout.PageGeometry geometry, int column)
    {
        var (left, right) = ColumnBounds(table, geometry)[column];
        var header = string.Concat(table.Columns[column].Header.Where(c => !char.IsWhiteSpace(c)));
        // Page numbers sit in the top margin, above the column.
        return ColumnText(words.Where(w => w.YMax > geometry.MarginTop), left, right).Replace(header, "");
    }

    /// <summary>Column edges of a table laid out on the content width.</summary>
    public static (double Left, double Right)[] ColumnBounds(Layout.Table table, Layout.PageGeometry geometry)
    {
        var total = table.Columns.Sum(c => c.Weight);
        var x = geometry.MarginLeft;
        return table.Columns.Select(c =>
        {
            var width = geometry.ContentWidth * c.Weight / total;
            var bound = (x, x + width);
            x += width;
            return bound;
        }).ToArray();
    }

    [GeneratedRegex("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">(.*)</word>")]
    private static partial Regex WordPattern();
}
