// SPDX-License-Identifier: MIT
using System.Text;
using ItaServerless.Reports.Fonts;
using PdfSharp.Pdf;

namespace ItaServerless.Reports.Text;

/// <summary>
/// PDFsharp (6.2.4, as 6.5 before it) builds /ToUnicode from a code point → glyph dictionary, so a mark drawn with two
/// glyphs (normal and pre-shifted) cannot map both back to the same code point, and a PUA glyph maps to
/// its PUA code point. We know every character drawn per face, so we write the map ourselves: glyph →
/// original character, and swap it into each Type0 font before saving.
/// </summary>
internal static class ToUnicodeMaps
{
    private const string ToUnicodeKey = "/ToUnicode";

    public static void Replace(PdfDocument document, ThaiFontFamily family, IReadOnlyDictionary<TrueTypeFontFile, HashSet<char>> drawn)
    {
        var type0Fonts = document.Internals.GetAllObjects().OfType<PdfDictionary>()
            .Where(d => d.Elements.GetName("/Type") == "/Font" && d.Elements.GetName("/Subtype") == "/Type0")
            .ToList();
        foreach (var font in type0Fonts)
        {
            var face = FaceOf(family, font.Elements.GetName("/BaseFont"));
            if (!drawn.TryGetValue(face, out var chars)) continue;

            var cmap = new PdfDictionary(document);
            cmap.CreateStream(PdfStreams.Deflate(Build(face, chars)));
            cmap.Elements.SetName("/Filter", "/FlateDecode");
            document.Internals.AddObject(cmap);
            if (font.Elements.GetObject(ToUnicodeKey) is { } old) document.Internals.RemoveObject(old);
            font.Elements.SetReference(ToUnicodeKey, cmap);
        }
    }

    /// <summary>
    /// PDFsharp names an embedded face "ABCDEF+Family,Bold" (style from the XFont) or by its PostScript name.
    /// Any other name means PDFsharp changed its convention: fail loudly rather than publish unsearchable text.
    /// </summary>
    internal static TrueTypeFontFile FaceOf(ThaiFontFamily family, string baseFont)
    {
        var name = baseFont.TrimStart('/');
        name = name[(name.IndexOf('+') + 1)..];
        if (family.DistinctFaces.FirstOrDefault(f => f.PostScriptName == name) is { } byPostScriptName) return byPostScriptName;
        var comma = name.IndexOf(',');
        var style = comma < 0 ? "" : name[(comma + 1)..];
        return style switch
        {
            "" => family.Face(FontStyle.Regular),
            "Bold" => family.Face(FontStyle.Bold),
            "Italic" => family.Face(FontStyle.Italic),
            "BoldItalic" => family.Face(FontStyle.BoldItalic),
            _ => throw new InvalidOperationException($"Unrecognised embedded font name '{baseFont}'; cannot write its /ToUnicode map."),
        };
    }

    /// <summary>The CMap text: one bfchar per glyph, the first original character that uses it winning.</summary>
    internal static byte[] Build(TrueTypeFontFile face, IEnumerable<char> chars)
    {
        var glyphToText = new SortedDictionary<ushort, char>();
        foreach (var c in chars.Order())
        {
            var glyph = face.GlyphId(c);
            if (glyph == 0) continue;
            // Ascending order: a glyph's own code point (U+0E..) comes before any PUA alias (U+F7..).
            glyphToText.TryAdd(glyph, ThaiShaper.OriginalOf(c));
        }

        var text = new StringBuilder();
        text.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo <</Registry (Adobe)/Ordering (UCS)/Supplement 0>> def\n")
            .Append("/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000><FFFF>\nendcodespacerange\n");
        foreach (var chunk in glyphToText.Chunk(100))
        {
            text.Append(chunk.Length).Append(" beginbfchar\n");
            foreach (var (glyph, c) in chunk) text.Append($"<{glyph:X4}><{(int)c:X4}>\n");
            text.Append("endbfchar\n");
        }
        text.Append("endcmap CMapName currentdict /CMap defineresource pop end end");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
