// SPDX-License-Identifier: MIT
using System.Buffers.Binary;
using System.Text;

namespace ItaServerless.Reports.Fonts;

/// <summary>
/// The few tables of a TrueType/OpenType file that typesetting needs: the Unicode cmap, the advance
/// widths, the vertical metrics and the PostScript name. Read once; immutable afterwards.
/// </summary>
public sealed class TrueTypeFontFile
{
    private readonly Dictionary<int, ushort> _cmap;
    private readonly ushort[] _advances;

    public byte[] Data { get; }
    public string PostScriptName { get; }
    public int UnitsPerEm { get; }
    /// <summary>hhea ascender in font units (positive, above the baseline).</summary>
    public int Ascender { get; }
    /// <summary>hhea descender in font units (positive, below the baseline).</summary>
    public int Descender { get; }
    public int LineGap { get; }

    private TrueTypeFontFile(byte[] data)
    {
        Data = data;
        var tables = ReadTableDirectory(data);
        var head = Table(tables, "head");
        UnitsPerEm = U16(data, head + 18);
        var hhea = Table(tables, "hhea");
        Ascender = (short)U16(data, hhea + 4);
        Descender = -(short)U16(data, hhea + 6);
        LineGap = (short)U16(data, hhea + 8);
        var numberOfHMetrics = U16(data, hhea + 34);
        var numGlyphs = U16(data, Table(tables, "maxp") + 4);
        _advances = ReadAdvances(data, Table(tables, "hmtx"), numberOfHMetrics, numGlyphs);
        _cmap = ReadUnicodeCmap(data, Table(tables, "cmap"));
        PostScriptName = ReadPostScriptName(data, Table(tables, "name"));
    }

    public static TrueTypeFontFile Load(string path) => new(File.ReadAllBytes(path));

    public static TrueTypeFontFile FromBytes(byte[] data) => new(data);

    /// <summary>All mapped code points (BMP and beyond).</summary>
    public IEnumerable<int> CodePoints => _cmap.Keys;

    public bool HasGlyph(int codePoint) => _cmap.ContainsKey(codePoint);

    /// <summary>The glyph id of a code point, 0 (.notdef) if the font lacks it.</summary>
    public ushort GlyphId(int codePoint) => _cmap.TryGetValue(codePoint, out var g) ? g : (ushort)0;

    /// <summary>Advance width of a glyph in font units.</summary>
    public int Advance(ushort glyphId) => _advances[Math.Min(glyphId, _advances.Length - 1)];

    /// <summary>Width of a string (BMP characters) in points at the given size; no kerning, as PDFsharp draws it.</summary>
    public double Measure(ReadOnlySpan<char> text, double size)
    {
        long units = 0;
        foreach (var c in text) units += Advance(GlyphId(c));
        return units * size / UnitsPerEm;
    }

    private static Dictionary<string, int> ReadTableDirectory(byte[] data)
    {
        var count = U16(data, 4);
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + 16 * i;
            tables[Encoding.ASCII.GetString(data, record, 4)] = checked((int)U32(data, record + 8));
        }
        return tables;
    }

    private static int Table(Dictionary<string, int> tables, string tag) =>
        tables.TryGetValue(tag, out var offset)
            ? offset
            : throw new InvalidDataException($"The font has no '{tag}' table.");

    private static ushort[] ReadAdvances(byte[] data, int hmtx, int numberOfHMetrics, int numGlyphs)
    {
        var advances = new ushort[Math.Max(numGlyphs, numberOfHMetrics)];
        for (var g = 0; g < advances.Length; g++)
            advances[g] = U16(data, hmtx + 4 * Math.Min(g, numberOfHMetrics - 1));
        return advances;
    }

    private static Dictionary<int, ushort> ReadUnicodeCmap(byte[] data, int cmap)
    {
        int format4 = -1, format12 = -1;
        var count = U16(data, cmap + 2);
        for (var i = 0; i < count; i++)
        {
            var record = cmap + 4 + 8 * i;
            var platform = U16(data, record);
            var encoding = U16(data, record + 2);
            var subtable = cmap + checked((int)U32(data, record + 4));
            var format = U16(data, subtable);
            var unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            if (!unicode) continue;
            if (format == 12) format12 = subtable;
            else if (format == 4 && format4 < 0) format4 = subtable;
        }
        if (format12 >= 0) return ReadFormat12(data, format12);
        if (format4 >= 0) return ReadFormat4(data, format4);
        throw new InvalidDataException("The font has no Unicode cmap (format 4 or 12).");
    }

    private static Dictionary<int, ushort> ReadFormat4(byte[] data, int sub)
    {
        var map = new Dictionary<int, ushort>();
        var segCount = U16(data, sub + 6) / 2;
        var ends = sub + 14;
        var starts = ends + 2 * segCount + 2;
        var deltas = starts + 2 * segCount;
        var rangeOffsets = deltas + 2 * segCount;
        for (var s = 0; s < segCount; s++)
        {
            int end = U16(data, ends + 2 * s), start = U16(data, starts + 2 * s);
            var delta = (short)U16(data, deltas + 2 * s);
            var rangeOffset = U16(data, rangeOffsets + 2 * s);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0) glyph = (c + delta) & 0xFFFF;
                else
                {
                    glyph = U16(data, rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
                    if (glyph != 0) glyph = (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0) map[c] = (ushort)glyph;
            }
        }
        return map;
    }

    private static Dictionary<int, ushort> ReadFormat12(byte[] data, int sub)
    {
        var map = new Dictionary<int, ushort>();
        var groups = U32(data, sub + 12);
        for (var i = 0; i < groups; i++)
        {
            var group = sub + 16 + 12 * i;
            uint start = U32(data, group), end = U32(data, group + 4), glyph = U32(data, group + 8);
            for (var c = start; c <= end; c++) map[(int)c] = (ushort)(glyph + (c - start));
        }
        return map;
    }

    private static string ReadPostScriptName(byte[] data, int name)
    {
        var count = U16(data, name + 2);
        var strings = name + U16(data, name + 4);
        string? fallback = null;
        for (var i = 0; i < count; i++)
        {
            var record = name + 6 + 12 * i;
            int platform = U16(data, record), nameId = U16(data, record + 6);
            int length = U16(data, record + 8), offset = U16(data, record + 10);
            if (nameId != 6) continue;
            if (platform == 3 || platform == 0)
                return Encoding.BigEndianUnicode.GetString(data, strings + offset, length);
            fallback ??= Encoding.Latin1.GetString(data, strings + offset, length);
        }
        return fallback ?? throw new InvalidDataException("The font has no PostScript name (name id 6).");
    }

    private static ushort U16(byte[] data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset));

    private static uint U32(byte[] data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
}
