// SPDX-License-Identifier: MIT
using PdfSharp.Drawing;

namespace ItaServerless.Reports.Fonts;

/// <summary>The four faces of a report font, loaded and registered with PDFsharp under a unique family name.</summary>
public sealed class ThaiFontFamily
{
    private readonly TrueTypeFontFile[] _faces;

    internal ThaiFontFamily(string familyName, ThaiFontOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
            throw new ArgumentException("Invalid report font options: " + string.Join("; ", problems), nameof(options));
        FamilyName = familyName;
        Options = options;
        var regular = TrueTypeFontFile.Load(options.RegularPath);
        var bold = TrueTypeFontFile.Load(options.BoldPath);
        _faces =
        [
            regular,
            bold,
            options.ItalicPath is { Length: > 0 } italic ? TrueTypeFontFile.Load(italic) : regular,
            options.BoldItalicPath is { Length: > 0 } boldItalic ? TrueTypeFontFile.Load(boldItalic) : bold,
        ];
    }

    public string FamilyName { get; }
    public ThaiFontOptions Options { get; }

    public TrueTypeFontFile Face(FontStyle style) => _faces[(int)style];

    /// <summary>All distinct face files (an italic falling back to upright is listed once).</summary>
    public IEnumerable<TrueTypeFontFile> DistinctFaces => _faces.Distinct();

    /// <summary>Creates the PDFsharp font (always Unicode/Identity-H, embedded and subset by PDFsharp).</summary>
    public XFont CreateXFont(double size, FontStyle style) =>
        new(FamilyName, size, style switch
        {
            FontStyle.Bold => XFontStyleEx.Bold,
            FontStyle.Italic => XFontStyleEx.Italic,
            FontStyle.BoldItalic => XFontStyleEx.BoldItalic,
            _ => XFontStyleEx.Regular,
        }, new XPdfFontOptions(PdfSharp.Pdf.PdfFontEncoding.Unicode));
}

public enum FontStyle { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 }
