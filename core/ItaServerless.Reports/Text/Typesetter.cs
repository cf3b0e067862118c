// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ItaServerless.Reports.Text;

/// <summary>A font face at a size.</summary>
public readonly record struct TextStyle(double Size, FontStyle Style = FontStyle.Regular)
{
    public TextStyle WithBold() => this with { Style = Style is FontStyle.Italic or FontStyle.BoldItalic ? FontStyle.BoldItalic : FontStyle.Bold };
}

/// <summary>
/// Draws and measures Thai text for one PDF document: shapes marks into pre-shifted glyphs when drawing,
/// remembers which characters each face drew, and before saving rewrites every /ToUnicode map so that
/// text extraction returns the original characters, not the private-use ones.
/// </summary>
public sealed class Typesetter
{
    private readonly Dictionary<TextStyle, XFont> _fonts = new();
    private readonly Dictionary<TrueTypeFontFile, HashSet<char>> _drawn = new();

    public Typesetter(ThaiFontFamily family) => Family = family ?? throw new ArgumentNullException(nameof(family));

    public ThaiFontFamily Family { get; }

    public double Measure(string text, TextStyle style) => Family.Face(style.Style).Measure(text, style.Size);

    /// <summary>
    /// Baseline-to-baseline distance in em. The TH Sarabun family's own line metrics (hhea: 1.99 em for
    /// Laksaman) are far looser than official documents; 1.4 em still clears a tone mark stacked on an
    /// upper vowel (≈ 1.0 em) above a descender or lower vowel (≈ 0.35 em) of the line before.
    /// </summary>
    public double LineSpacing { get; init; } = 1.4;

    /// <summary>Distance from the top of a line box to the baseline, in em.</summary>
    public double AscentEm { get; init; } = 1.02;

    /// <summary>Distance from one baseline to the next.</summary>
    public double LineHeight(TextStyle style) => LineSpacing * style.Size;

    /// <summary>Distance from the top of a line box to its baseline.</summary>
    public double Ascent(TextStyle style) => AscentEm * style.Size;

    public IReadOnlyList<string> Wrap(string text, double width, TextStyle style, double? firstLineWidth = null) =>
        LineWrapper.Wrap(text, width, s => Measure(s, style), firstLineWidth ?? width);

    /// <summary>The characters actually drawn for a text (after mark placement).</summary>
    public string Shape(string text, TextStyle style)
    {
        var face = Family.Face(style.Style);
        return ThaiShaper.ToDisplay(text, c => face.HasGlyph(c));
    }

    /// <summary>Draws one line of text with its baseline at <paramref name="baseline"/>.</summary>
    public void Draw(XGraphics gfx, string text, TextStyle style, double x, double baseline, XBrush? brush = null)
    {
        if (text.Length == 0) return;
        var display = Shape(text, style);
        var face = Family.Face(style.Style);
        if (!_drawn.TryGetValue(face, out var drawn)) _drawn[face] = drawn = new HashSet<char>();
        foreach (var c in display) drawn.Add(c);
        gfx.DrawString(display, Font(style), brush ?? XBrushes.Black, x, baseline, XStringFormats.BaseLineLeft);
    }

    public XFont Font(TextStyle style)
    {
        if (!_fonts.TryGetValue(style, out var font)) _fonts[style] = font = Family.CreateXFont(style.Size, style.Style);
        return font;
    }

    /// <summary>Replaces PDFsharp's /ToUnicode maps by ones that map each pre-shifted glyph to its original mark.</summary>
    public void FixToUnicode(PdfDocument document) => ToUnicodeMaps.Replace(document, Family, _drawn);
}
