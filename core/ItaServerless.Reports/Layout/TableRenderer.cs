// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Text;
using PdfSharp.Drawing;

namespace ItaServerless.Reports.Layout;

/// <summary>
/// Draws a table: every cell is wrapped to its column, a row is as tall as its tallest cell, the header
/// row is repeated on each page, and a row that does not fit is either moved to the next page (short
/// rows) or split line by line across pages (tall rows), so no text is ever clipped.
/// </summary>
internal sealed class TableRenderer
{
    private readonly ReportBuilder _builder;
    private readonly Table _table;
    private readonly double[] _x;
    private readonly double[] _widths;
    private readonly TextStyle _style;
    private readonly TextStyle _bold;
    private readonly double _lineHeight;
    private readonly double _pad;
    private readonly List<string>[] _header;
    private readonly double _headerHeight;

    public TableRenderer(ReportBuilder builder, Table table)
    {
        if (table.Columns.Count == 0) throw new ArgumentException("A table needs at least one column.", nameof(table));
        _builder = builder;
        _table = table;
        _style = new TextStyle(table.FontSize);
        _bold = _style.WithBold();
        _lineHeight = builder.Typesetter.LineHeight(_style);
        _pad = table.CellPadding;

        var total = table.Columns.Sum(c => c.Weight);
        var width = builder.Geometry.ContentWidth;
        _widths = table.Columns.Select(c => width * c.Weight / total).ToArray();
        _x = new double[_widths.Length];
        for (var i = 1; i < _x.Length; i++) _x[i] = _x[i - 1] + _widths[i - 1];
        for (var i = 0; i < _x.Length; i++) _x[i] += builder.Geometry.MarginLeft;

        _header = table.Columns.Select((c, i) => Wrap(c.Header, _widths[i], _bold)).ToArray();
        _headerHeight = _header.Max(l => l.Count) * _lineHeight + 2 * _pad;
    }

    public void Render()
    {
        // The header and at least two lines of the first row belong together.
        _builder.KeepSpace(_headerHeight + 2 * _lineHeight + 2 * _pad);
        DrawHeader();
        for (var i = 0; i < _table.Rows.Count; i++)
        {
            var row = _table.Rows[i];
            // A section row stays with the row after it: all of it when that row is kept together
            // (else DrawRow would move it alone to the next page, orphaning the section), or its first two lines.
            if (row.IsSection && i + 1 < _table.Rows.Count)
            {
                var sectionHeight = Layout(row)[0].Lines.Count * _lineHeight + 2 * _pad;
                var nextHeight = Layout(_table.Rows[i + 1]).Max(c => c.Lines.Count) * _lineHeight + 2 * _pad;
                var keep = nextHeight <= _builder.Geometry.ContentHeight * _table.KeepTogetherShare ? nextHeight : 2 * _lineHeight + 2 * _pad;
                if (sectionHeight + keep > _builder.RemainingHeight) NextPage();
            }
            DrawRow(row);
        }
    }

    private void DrawHeader()
    {
        var top = _builder.Y;
        for (var c = 0; c < _widths.Length; c++)
        {
            Fill(CellShade.Header, _x[c], top, _widths[c], _headerHeight);
            ReportBuilder.StrokeRectangle(_builder.Graphics, _x[c], top, _widths[c], _headerHeight);
            // Header text is centred vertically and horizontally.
            var offset = (_headerHeight - 2 * _pad - _header[c].Count * _lineHeight) / 2;
            for (var l = 0; l < _header[c].Count; l++)
                _builder.DrawAligned(_header[c][l], _bold, _x[c] + _pad, _widths[c] - 2 * _pad, TextAlign.Center, top + _pad + offset + l * _lineHeight);
        }
        _builder.Y = top + _headerHeight;
    }

    private void DrawRow(TableRow row)
    {
        var cells = Layout(row);
        var totalLines = cells.Max(c => c.Lines.Count);
        var done = 0;
        var pageHeight = _builder.Geometry.ContentHeight;
        while (true)
        {
            var remainingLines = totalLines - done;
            var needed = remainingLines * _lineHeight + 2 * _pad;
            if (needed <= _builder.RemainingHeight)
            {
                DrawSlice(cells, done, remainingLines, needed);
                return;
            }
            var fit = (int)Math.Floor((_builder.RemainingHeight - 2 * _pad) / _lineHeight);
            var keepTogether = done == 0 && needed <= pageHeight * _table.KeepTogetherShare;
            if (fit >= 1 && !keepTogether && !(done == 0 && fit < 2))
            {
                DrawSlice(cells, done, fit, fit * _lineHeight + 2 * _pad);
                done += fit;
            }
            NextPage();
        }
    }

    private void NextPage()
    {
        _builder.NewPage();
        DrawHeader();
        if (_builder.RemainingHeight < _lineHeight + 2 * _pad)
            throw new InvalidOperationException("The table header leaves no room for a row on a page.");
    }

    private sealed record CellLayout(double X, double Width, List<string> Lines, TextStyle Style, TextAlign Align, CellShade Shade, CellMark Mark = CellMark.None);

    private List<CellLayout> Layout(TableRow row)
    {
        if (row.IsSection)
        {
            var cell = row.Cells[0];
            var width = _widths.Sum();
            var style = cell.Bold ? _bold : _style;
            return [new CellLayout(_x[0], width, Wrap(cell.Text, width, style), style, cell.Align ?? TextAlign.Left, cell.Shade)];
        }
        if (row.Cells.Count != _widths.Length)
            throw new ArgumentException($"A row has {row.Cells.Count} cells; the table has {_widths.Length} columns.");
        return row.Cells.Select((cell, c) =>
        {
            var style = cell.Bold ? _bold : _style;
            return new CellLayout(_x[c], _widths[c], Wrap(cell.Text, _widths[c], style), style,
                cell.Align ?? _table.Columns[c].Align, cell.Shade, cell.Mark);
        }).ToList();
    }

    private void DrawSlice(List<CellLayout> cells, int firstLine, int lineCount, double height)
    {
        var top = _builder.Y;
        foreach (var cell in cells)
        {
            Fill(cell.Shade, cell.X, top, cell.Width, height);
            ReportBuilder.StrokeRectangle(_builder.Graphics, cell.X, top, cell.Width, height);
            var last = Math.Min(cell.Lines.Count, firstLine + lineCount);
            for (var l = firstLine; l < last; l++)
                _builder.DrawAligned(cell.Lines[l], cell.Style, cell.X + _pad, cell.Width - 2 * _pad, cell.Align, top + _pad + (l - firstLine) * _lineHeight);
            if (cell.Mark == CellMark.Check && firstLine == 0) DrawCheck(cell.X + cell.Width / 2, top + _pad + _lineHeight / 2);
        }
        _builder.Y = top + height;
    }

    /// <summary>A tick about one x-height tall, centred on (x, y).</summary>
    private void DrawCheck(double x, double y)
    {
        var s = _style.Size * 0.5;
        var pen = new XPen(XColors.Black, Math.Max(1, _style.Size / 10)) { LineJoin = XLineJoin.Round, LineCap = XLineCap.Round };
        _builder.Graphics.DrawLines(pen, [new XPoint(x - 0.5 * s, y), new XPoint(x - 0.15 * s, y + 0.4 * s), new XPoint(x + 0.55 * s, y - 0.5 * s)]);
    }

    private List<string> Wrap(string text, double columnWidth, TextStyle style) =>
        _builder.Typesetter.Wrap(text, Math.Max(1, columnWidth - 2 * _pad), style).ToList();

    private void Fill(CellShade shade, double x, double y, double width, double height)
    {
        XColor? color = shade switch
        {
            CellShade.Header => XColor.FromArgb(230, 230, 230),
            CellShade.Section => XColor.FromArgb(242, 242, 242),
            CellShade.Maintain => XColor.FromArgb(198, 239, 206),
            CellShade.Raise => XColor.FromArgb(255, 235, 156),
            CellShade.Improve => XColor.FromArgb(255, 199, 206),
            _ => null,
        };
        if (color is { } c) _builder.Graphics.DrawRectangle(new XSolidBrush(c), x, y, width, height);
    }
}
