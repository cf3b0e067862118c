// SPDX-License-Identifier: MIT
using Icu;

namespace ItaServerless.Reports.Text;

/// <summary>
/// Line-break opportunities from ICU's line break iterator with the Thai locale: Thai word
/// boundaries (dictionary based), after spaces, and the usual Unicode line-breaking rules.
/// Uses the system ICU (libicu72 on Debian 12) through icu.net.
/// </summary>
public static partial class ThaiLineBreaker
{
    private static readonly Lazy<bool> Initialized = new(() =>
    {
        Wrapper.Init();
        return true;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    // ICU break iterators are not thread-safe; one per thread is cheap and reused.
    [ThreadStatic] private static BreakIterator? _iterator;

    /// <summary>The ICU version in use, e.g. "72.1" (fails if no ICU could be loaded).</summary>
    public static string IcuVersion
    {
        get
        {
            _ = Initialized.Value;
            return Wrapper.IcuVersion;
        }
    }

    /// <summary>
    /// The positions (0 &lt; p &lt; text.Length) before which a line may start. The end of the text is not included.
    /// </summary>
    public static IReadOnlyList<int> Opportunities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<int>();
        if (text.Length == 0) return result;
        _ = Initialized.Value;
        var iterator = _iterator ??= BreakIterator.CreateLineInstance(new Locale("th_TH"));
        iterator.SetText(text);
        iterator.MoveFirst();
        while (true)
        {
            var next = iterator.MoveNext();
            if (next <= 0 || next >= text.Length) break;
            result.Add(next);
        }
        foreach (System.Text.RegularExpressions.Match unit in KeptTogether().Matches(text))
        {
            result.RemoveAll(p => p > unit.Index && p < unit.Index + unit.Length);
        }
        return result;
    }

    /// <summary>
    /// Never broken inside: words ICU's dictionary splits (it knows งบ and ประมาณ, not the whole)
    /// that a Thai reader sees as one, and "พ.ศ. ๒๕๖๖", one unit in every official document.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"งบประมาณ|นิติการ|พ\.ศ\.\s?[0-9๐-๙]+")]
    private static partial System.Text.RegularExpressions.Regex KeptTogether();
}
