// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text;

namespace ItaServerless.Notifications.Calendar;

/// <summary>
/// Writes RFC 5545 content lines: CRLF endings, lines folded at 75 octets of UTF-8 without
/// splitting a character (a continuation line starts with one space, which counts), and
/// TEXT values escaped (backslash, semicolon, comma, newline).
/// </summary>
public sealed class IcsWriter
{
    public const int MaxLineOctets = 75;

    private readonly StringBuilder _out = new();

    /// <summary>A property whose value is already in its RFC 5545 form (dates, URIs, codes).</summary>
    public IcsWriter Raw(string name, string value)
    {
        Fold(name + ":" + value);
        return this;
    }

    /// <summary>A TEXT property, escaped.</summary>
    public IcsWriter Text(string name, string value) => Raw(name, EscapeText(value));

    public IcsWriter Date(string name, DateOnly date) =>
        Raw(name + ";VALUE=DATE", date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    /// <summary>A UTC DATE-TIME ("20260430T020000Z").</summary>
    public IcsWriter UtcDateTime(string name, DateTimeOffset instant) =>
        Raw(name, instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));

    public IcsWriter Begin(string component) => Raw("BEGIN", component);

    public IcsWriter End(string component) => Raw("END", component);

    public override string ToString() => _out.ToString();

    public static string EscapeText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value.Replace("\r\n", "\n").Replace('\r', '\n'))
        {
            switch (c)
            {
                case '\\': builder.Append(@"\\"); break;
                case ';': builder.Append(@"\;"); break;
                case ',': builder.Append(@"\,"); break;
                case '\n': builder.Append(@"\n"); break;
                default:
                    // Other control characters are not allowed in TEXT.
                    if (!char.IsControl(c) || c == '\t') builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private void Fold(string line)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxLineOctets)
            {
                _out.Append("\r\n ");
                octets = 1;
            }

            _out.Append(rune.ToString());
            octets += size;
        }

        _out.Append("\r\n");
    }
}
