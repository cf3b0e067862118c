// SPDX-License-Identifier: MIT
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ItaServerless.Reports.Layout;

/// <summary>
/// Top-to-bottom flow of blocks onto A4 pages: paragraphs, headings, memo fields, tables whose rows
/// grow with their text and split across pages under a repeated header, signatures and images.
/// Page numbers ("- ๒ -") are written at the top from page 2, as in official letters.
/// </summary>
public sealed class ReportBuilder : IDisposable
{
    private static readonly XPen GridPen = new(XColors.Black, 0.6);

    private readonly PdfDocument _document = new();
    private XGraphics? _gfx;
    private double _y;

    public ReportBuilder(ThaiFontFamily family, PageGeometry geometry, string title)
    {
        Typesetter = new Typesetter(family);
        Geometry = geometry;
        _document.Info.Title = title;
        _document.Info.Creator = "ITA Serverless";
        _document.Options.CompressContentStreams = false; // see PdfStreams
        NewPage();
    }

    public Typesetter Typesetter { get; }
    /// <summary>The geometry of the current page (and of the pages that follow until changed).</summary>
    public PageGeometry Geometry { get; private set; }
    public int PageCount => _document.PageCount;
    public TextStyle BodyStyle { get; init; } = new(16);

    private XGraphics Gfx => _gfx ?? throw new ObjectDisposedException(nameof(ReportBuilder));
    private double Left => Geometry.MarginLeft;
    private double Remaining => Geometry.ContentBottom - _y;

    public void Space(double points)
    {
        _y += points;
        if (_y > Geometry.ContentBottom) NewPage();
    }

    /// <summary>Blank space of one body line.</summary>
    public void BlankLine() => Space(Typesetter.LineHeight(BodyStyle));

    public void PageBreak() => NewPage();

    /// <summary>Starts a new page with another geometry (e.g. landscape for a wide table); later pages keep it.</summary>
    public void PageBreak(PageGeometry geometry)
    {
        Geometry = geometry;
        NewPage();
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void KeepSpace(double height)
    {
        if (height > Remaining && _y > Geometry.MarginTop + 0.5) NewPage();
    }

    public void Paragraph(string text, ParagraphStyle? style = null)
    {
        style ??= ParagraphStyle.Body;
        _y += style.SpaceBefore;
        var width = Geometry.ContentWidth - style.LeftIndent;
        var lineHeight = Typesetter.LineHeight(style.Text);
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var lines = WrapWithFirstIndent(paragraph, width, style.FirstLineIndent, style.Text);
            for (var i = 0; i < lines.Count; i++)
            {
                if (lineHeight > Remaining) NewPage();
                var indent = style.LeftIndent + (i == 0 ? style.FirstLineIndent : 0);
                DrawAligned(lines[i], style.Text, Left + indent, width - (i == 0 ? style.FirstLineIndent : 0), style.Align);
                _y += lineHeight;
            }
        }
        _y += style.SpaceAfter;
    }

    /// <summary>A bold heading, kept on the same page as the first lines (or table header) that follow it.</summary>
    public void Heading(string text, TextAlign align = TextAlign.Left, double size = 16, double spaceBefore = 6)
    {
        var style = new TextStyle(size, FontStyle.Bold);
        KeepSpace(spaceBefore + Typesetter.LineHeight(style) + 4 * Typesetter.LineHeight(BodyStyle));
        Paragraph(text, new ParagraphStyle { Text = style, Align = align, SpaceBefore = spaceBefore });
    }

    /// <summary>The memo title line: the emblem at the left margin, "บันทึกข้อความ" 29 pt bold centred.</summary>
    public void MemoTitle(string title, byte[]? emblem)
    {
        var style = new TextStyle(29, FontStyle.Bold);
        var lineHeight = Typesetter.LineHeight(style);
        var emblemHeight = PageGeometry.Cm(1.5);
        if (emblem is { Length: > 0 })
        {
            using var image = XImage.FromStream(new MemoryStream(emblem));
            var width = emblemHeight * image.PixelWidth / Math.Max(1, image.PixelHeight);
            Gfx.DrawImage(image, Left, _y, width, emblemHeight);
        }
        var top = _y + Math.Max(0, (emblemHeight - lineHeight) / 2);
        DrawAligned(title, style, Left, Geometry.ContentWidth, TextAlign.Center, top);
        _y += Math.Max(emblemHeight, lineHeight) + 4;
    }

    /// <summary>A memo field: the label bold 20 pt, the value 16 pt after it; continuation lines hang under the value.</summary>
    public void Field(string label, string value) => Fields((label, value));

    /// <summary>Several memo fields on one line (e.g. ที่ … วันที่ …), sharing the width equally.</summary>
    public void Fields(params (string Label, string Value)[] fields)
    {
        var labelStyle = new TextStyle(20, FontStyle.Bold);
        var lineHeight = Typesetter.LineHeight(BodyStyle);
        // The first line carries the 20 pt label: its height and ascent, so stacked marks of the next label clear it.
        var firstLineHeight = Math.Max(lineHeight, Typesetter.LineHeight(labelStyle));
        var share = Geometry.ContentWidth / fields.Length;
        var maxLines = 1;
        if (firstLineHeight > Remaining) NewPage();
        var top = _y;
        var baseline = top + Typesetter.Ascent(labelStyle);
        for (var f = 0; f < fields.Length; f++)
        {
            var (label, value) = fields[f];
            var x = Left + f * share;
            var labelWidth = Typesetter.Measure(label, labelStyle) + Typesetter.Measure("  ", BodyStyle);
            Typesetter.Draw(Gfx, label, labelStyle, x, baseline);
            var lines = Typesetter.Wrap(value, share - labelWidth, BodyStyle);
            for (var i = 0; i < lines.Count; i++)
                Typesetter.Draw(Gfx, lines[i], BodyStyle, x + labelWidth, baseline + i * lineHeight);
            maxLines = Math.Max(maxLines, lines.Count);
        }
        _y = top + firstLineHeight + (maxLines - 1) * lineHeight;
    }

    public void Signature(SignatureBlock block)
    {
        var style = BodyStyle;
        var lineHeight = Typesetter.LineHeight(style);
        var signingSpace = 2 * lineHeight;
        // Centred on a column that starts at 40 % of the line, as in the seeds. A longer line (a long
        // position such as "… รักษาราชการแทน") ends at the right margin instead, and wraps only when
        // wider than the whole line: it must never run off the page.
        var columnLeft = Left + Geometry.ContentWidth * 0.4;
        var columnWidth = Geometry.ContentWidth * 0.6;
        var signed = new[] { $"({block.Name})" }.Concat(block.Positions)
            .SelectMany(line => Typesetter.Wrap(line, Geometry.ContentWidth, style)).ToList();
        var lines = block.Preamble.Count + block.Comment.Count + signed.Count;
        KeepSpace(lines * lineHeight + signingSpace);
        foreach (var line in block.Preamble) Paragraph(line, new ParagraphStyle { Text = style.WithBold() });
        foreach (var line in block.Comment) Paragraph(line, new ParagraphStyle { Text = style, FirstLineIndent = PageGeometry.Cm(1.25) });
        _y += signingSpace;
        foreach (var line in signed)
        {
            if (Typesetter.Measure(line, style) <= columnWidth) DrawAligned(line, style, columnLeft, columnWidth, TextAlign.Center);
            else DrawAligned(line, style, Left, Geometry.ContentWidth, TextAlign.Right);
            _y += lineHeight;
        }
    }

    public void Image(byte[] bytes, double width, TextAlign align = TextAlign.Center)
    {
        using var image = XImage.FromStream(new MemoryStream(bytes));
        var height = width * image.PixelHeight / Math.Max(1, image.PixelWidth);
        KeepSpace(height);
        var x = align switch
        {
            TextAlign.Center => Left + (Geometry.ContentWidth - width) / 2,
            TextAlign.Right => Left + Geometry.ContentWidth - width,
            _ => Left,
        };
        Gfx.DrawImage(image, x, _y, width, height);
        _y += height;
    }

    public void Table(Table table) => new TableRenderer(this, table).Render();

    /// <summary>Finishes the document: fixes the /ToUnicode maps and returns the PDF bytes.</summary>
    public byte[] ToPdf()
    {
        _gfx?.Dispose();
        _gfx = null;
        Typesetter.FixToUnicode(_document);
        PdfStreams.CompressPageContents(_document);
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    internal XGraphics Graphics => Gfx;
    internal double Y { get => _y; set => _y = value; }
    internal double RemainingHeight => Remaining;
    internal double PageTop => Geometry.MarginTop;

    internal void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(Geometry.Width);
        page.Height = XUnit.FromPoint(Geometry.Height);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Geometry.MarginTop;
        if (_document.PageCount > 1)
        {
            var number = $"- {ThaiDigits.ToThaiDigits(_document.PageCount)} -";
            var top = (Geometry.MarginTop - Typesetter.LineHeight(BodyStyle)) / 2;
            DrawAligned(number, BodyStyle, Left, Geometry.ContentWidth, TextAlign.Center, top);
        }
    }

    /// <summary>Draws one line in a box [x, x+width] with its top at <paramref name="top"/> (default: the cursor).</summary>
    internal void DrawAligned(string line, TextStyle style, double x, double width, TextAlign align, double? top = null, XBrush? brush = null)
    {
        var offset = align switch
        {
            TextAlign.Center => (width - Typesetter.Measure(line, style)) / 2,
            TextAlign.Right => width - Typesetter.Measure(line, style),
            _ => 0,
        };
        Typesetter.Draw(Gfx, line, style, x + Math.Max(0, offset), (top ?? _y) + Typesetter.Ascent(style), brush);
    }

    internal static void StrokeRectangle(XGraphics gfx, double x, double y, double width, double height) =>
        gfx.DrawRectangle(GridPen, x, y, width, height);

    private IReadOnlyList<string> WrapWithFirstIndent(string paragraph, double width, double firstIndent, TextStyle style) =>
        Typesetter.Wrap(paragraph, width, style, Math.Max(1, width - firstIndent));
}
