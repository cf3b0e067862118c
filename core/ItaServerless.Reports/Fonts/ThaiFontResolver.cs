// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace ItaServerless.Reports.Fonts;

/// <summary>
/// PDFsharp's font resolver is process-global and can be set only once, so this single instance is a
/// registry: each distinct <see cref="ThaiFontOptions"/> becomes one family ("ItaThai1", "ItaThai2", …).
/// </summary>
public sealed class ThaiFontResolver : IFontResolver
{
    private static readonly ThaiFontResolver Instance = new();
    private static readonly object Gate = new();
    private static bool _installed;

    private readonly ConcurrentDictionary<ThaiFontOptions, ThaiFontFamily> _families = new();
    private readonly ConcurrentDictionary<string, ThaiFontFamily> _byName = new(StringComparer.OrdinalIgnoreCase);

    private ThaiFontResolver() { }

    /// <summary>Loads (once) and registers the family for these options.</summary>
    public static ThaiFontFamily Register(ThaiFontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Install();
        return Instance._families.GetOrAdd(options, o =>
        {
            lock (Gate)
            {
                var family = new ThaiFontFamily($"ItaThai{Instance._byName.Count + 1}", o);
                Instance._byName[family.FamilyName] = family;
                return family;
            }
        });
    }

    private static void Install()
    {
        lock (Gate)
        {
            if (_installed) return;
            if (GlobalFontSettings.FontResolver is { } existing && !ReferenceEquals(existing, Instance))
                throw new InvalidOperationException("Another PDFsharp font resolver is installed; reports need ThaiFontResolver.");
            GlobalFontSettings.FontResolver = Instance;
            _installed = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (!_byName.ContainsKey(familyName)) return null;
        var style = (bold, italic) switch
        {
            (true, true) => FontStyle.BoldItalic,
            (true, false) => FontStyle.Bold,
            (false, true) => FontStyle.Italic,
            _ => FontStyle.Regular,
        };
        return new FontResolverInfo($"{familyName}#{(int)style}");
    }

    public byte[]? GetFont(string faceName)
    {
        var hash = faceName.LastIndexOf('#');
        if (hash < 0 || !_byName.TryGetValue(faceName[..hash], out var family)) return null;
        return family.Face((FontStyle)int.Parse(faceName[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Data;
    }
}
