// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ItaServerless.Reports.Text;

/// <summary>
/// Greedy line filling: breaks only at ICU opportunities (Thai word boundaries, spaces), and inside a
/// word only when that word alone is wider than the line, then between grapheme clusters so that a
/// consonant never loses its marks. '\n' starts a new paragraph.
/// </summary>
public static class LineWrapper
{
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, Func<string, double> measure) =>
        Wrap(text, maxWidth, measure, maxWidth);

    /// <summary>As <see cref="Wrap(string, double, Func{string, double})"/>; the first line of each paragraph is <paramref name="firstLineWidth"/> wide.</summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, Func<string, double> measure, double firstLineWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(measure);
        if (!(maxWidth > 0)) throw new ArgumentOutOfRangeException(nameof(maxWidth), maxWidth, "The line width must be positive.");
        if (!(firstLineWidth > 0)) throw new ArgumentOutOfRangeException(nameof(firstLineWidth), firstLineWidth, "The line width must be positive.");

        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var first = lines.Count;
            WrapParagraph(paragraph, () => lines.Count == first ? firstLineWidth : maxWidth, measure, lines);
        }
        return lines;
    }

    private static void WrapParagraph(string paragraph, Func<double> capacity, Func<string, double> measure, List<string> lines)
    {
        if (paragraph.Length == 0)
        {
            lines.Add("");
            return;
        }

        var breaks = ThaiLineBreaker.Opportunities(paragraph);
        var segments = new List<string>(breaks.Count + 1);
        var start = 0;
        foreach (var b in breaks)
        {
            segments.Add(paragraph[start..b]);
            start = b;
        }
        segments.Add(paragraph[start..]);

        var line = "";
        foreach (var segment in segments)
        {
            var candidate = line + segment;
            if (line.Length == 0 || measure(candidate.TrimEnd()) <= capacity())
            {
                line = candidate;
                if (measure(line.TrimEnd()) > capacity()) line = SplitOverlong(line, capacity, measure, lines);
                continue;
            }
            lines.Add(line.TrimEnd());
            line = segment.TrimStart();
            if (measure(line.TrimEnd()) > capacity()) line = SplitOverlong(line, capacity, measure, lines);
        }
        if (line.Trim().Length > 0 || lines.Count == 0) lines.Add(line.TrimEnd());
    }

    /// <summary>Emits full lines cut between grapheme clusters; returns the remainder that fits.</summary>
    private static string SplitOverlong(string word, Func<double> capacity, Func<string, double> measure, List<string> lines)
    {
        var clusters = new List<string>();
        var enumerator = StringInfo.GetTextElementEnumerator(word);
        while (enumerator.MoveNext()) clusters.Add((string)enumerator.Current);

        var current = "";
        foreach (var cluster in clusters)
        {
            if (current.Length > 0 && measure((current + cluster).TrimEnd()) > capacity())
            {
                lines.Add(current.TrimEnd());
                current = cluster.TrimStart();
            }
            else current += cluster;
        }
        return current;
    }
}
