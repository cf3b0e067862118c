// SPDX-License-Identifier: MIT
namespace ItaServerless.Reports.Text;

/// <summary>
/// Thai mark placement for fonts without OpenType shaping in the renderer: replaces marks (and ญ ฐ
/// before a below vowel) by the pre-shifted glyphs that TH Sarabun-class fonts carry in the
/// Microsoft/Apple Thai private-use area U+F700–U+F71A. The same state machine as HarfBuzz's Thai
/// PUA fallback, plus: a tone mark followed by SARA AM (ำ) keeps its high position, because the
/// nikhahit of ำ occupies the upper-vowel level. One char in, one char out, so indices are preserved.
/// </summary>
public static class ThaiShaper
{
    private enum Consonant { Normal, Ascender, RemovableDescender, StrictDescender, None }

    private enum Mark { AboveVowel, BelowVowel, Tone, None }

    private enum Action { None, ShiftDown, ShiftLeft, ShiftDownLeft, RemoveDescender }

    private enum Above { T0, T1, T2, T3 }

    private enum Below { B0, B1, B2 }

    private const char SaraAm = '\u0E33';

    private static readonly Dictionary<char, char> ShiftDown = new()
    {
        ['\u0E48'] = '\uF70A', ['\u0E49'] = '\uF70B', ['\u0E4A'] = '\uF70C', ['\u0E4B'] = '\uF70D', ['\u0E4C'] = '\uF70E',
        ['\u0E38'] = '\uF718', ['\u0E39'] = '\uF719', ['\u0E3A'] = '\uF71A',
    };

    private static readonly Dictionary<char, char> ShiftDownLeft = new()
    {
        ['\u0E48'] = '\uF705', ['\u0E49'] = '\uF706', ['\u0E4A'] = '\uF707', ['\u0E4B'] = '\uF708', ['\u0E4C'] = '\uF709',
    };

    private static readonly Dictionary<char, char> ShiftLeft = new()
    {
        ['\u0E48'] = '\uF713', ['\u0E49'] = '\uF714', ['\u0E4A'] = '\uF715', ['\u0E4B'] = '\uF716', ['\u0E4C'] = '\uF717',
        ['\u0E31'] = '\uF710', ['\u0E34'] = '\uF701', ['\u0E35'] = '\uF702', ['\u0E36'] = '\uF703', ['\u0E37'] = '\uF704',
        ['\u0E47'] = '\uF712', ['\u0E4D'] = '\uF711',
    };

    private static readonly Dictionary<char, char> RemoveDescender = new()
    {
        ['\u0E0D'] = '\uF70F', ['\u0E10'] = '\uF700',
    };

    private static readonly Dictionary<char, char> Original = BuildOriginal();

    // Rows: state; columns: above vowel, tone.
    private static readonly (Action Action, Above Next)[,] AboveMachine =
    {
        /* T0 */ { (Action.None, Above.T3), (Action.ShiftDown, Above.T0) },
        /* T1 */ { (Action.ShiftLeft, Above.T2), (Action.ShiftDownLeft, Above.T1) },
        /* T2 */ { (Action.None, Above.T3), (Action.ShiftLeft, Above.T2) },
        /* T3 */ { (Action.None, Above.T3), (Action.None, Above.T3) },
    };

    // Rows: state; column: below vowel.
    private static readonly (Action Action, Below Next)[] BelowMachine =
    [
        /* B0 */ (Action.None, Below.B2),
        /* B1 */ (Action.RemoveDescender, Below.B2),
        /* B2 */ (Action.ShiftDown, Below.B2),
    ];

    /// <summary>All private-use code points this shaper can produce.</summary>
    public static IReadOnlyCollection<char> PrivateUseCodePoints => Original.Keys;

    /// <summary>The original character a pre-shifted glyph stands for (identity for any other char).</summary>
    public static char OriginalOf(char c) => Original.TryGetValue(c, out var original) ? original : c;

    /// <summary>Original text to display text, assuming the font has every pre-shifted glyph.</summary>
    public static string ToDisplay(string text) => ToDisplay(text, static _ => true);

    /// <summary>Original text to display text; a substitution is made only where <paramref name="fontHas"/> says the glyph exists.</summary>
    public static string ToDisplay(string text, Func<char, bool> fontHas)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ContainsThaiMark(text)) return text;

        var output = text.ToCharArray();
        var above = Above.T3;
        var below = Below.B2;
        var baseIndex = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var mark = MarkOf(c);
            if (mark == Mark.None)
            {
                var consonant = ConsonantOf(c);
                above = consonant switch
                {
                    Consonant.Ascender => Above.T1,
                    Consonant.None => Above.T3,
                    _ => Above.T0,
                };
                below = consonant switch
                {
                    Consonant.RemovableDescender => Below.B1,
                    Consonant.StrictDescender or Consonant.None => Below.B2,
                    _ => Below.B0,
                };
                baseIndex = i;
                continue;
            }

            Action action;
            if (mark == Mark.BelowVowel)
            {
                (action, below) = BelowMachine[(int)below];
            }
            else
            {
                if (mark == Mark.Tone && i + 1 < text.Length && text[i + 1] == SaraAm)
                    above = AboveMachine[(int)above, 0].Next; // ำ acts as an above vowel for the tone
                (action, above) = AboveMachine[(int)above, mark == Mark.AboveVowel ? 0 : 1];
            }

            switch (action)
            {
                case Action.ShiftDown: Substitute(output, i, ShiftDown, fontHas); break;
                case Action.ShiftLeft: Substitute(output, i, ShiftLeft, fontHas); break;
                case Action.ShiftDownLeft: Substitute(output, i, ShiftDownLeft, fontHas); break;
                case Action.RemoveDescender when baseIndex >= 0: Substitute(output, baseIndex, RemoveDescender, fontHas); break;
            }
        }
        return new string(output);
    }

    /// <summary>Display text back to the original text.</summary>
    public static string ToOriginal(string display)
    {
        ArgumentNullException.ThrowIfNull(display);
        var output = display.ToCharArray();
        for (var i = 0; i < output.Length; i++) output[i] = OriginalOf(output[i]);
        return new string(output);
    }

    private static void Substitute(char[] output, int index, Dictionary<char, char> table, Func<char, bool> fontHas)
    {
        if (table.TryGetValue(output[index], out var shaped) && fontHas(shaped)) output[index] = shaped;
    }

    private static bool ContainsThaiMark(string text)
    {
        foreach (var c in text)
            if (MarkOf(c) != Mark.None) return true;
        return false;
    }

    private static Consonant ConsonantOf(char c) => c switch
    {
        '\u0E1B' or '\u0E1D' or '\u0E1F' or '\u0E2C' => Consonant.Ascender, // ป ฝ ฟ ฬ
        '\u0E0D' or '\u0E10' => Consonant.RemovableDescender, // ญ ฐ
        '\u0E0E' or '\u0E0F' or '\u0E24' or '\u0E26' => Consonant.StrictDescender, // ฎ ฏ ฤ ฦ
        >= '\u0E01' and <= '\u0E2E' => Consonant.Normal,
        _ => Consonant.None,
    };

    private static Mark MarkOf(char c) => c switch
    {
        '\u0E31' or (>= '\u0E34' and <= '\u0E37') or '\u0E47' or '\u0E4D' or '\u0E4E' => Mark.AboveVowel,
        >= '\u0E38' and <= '\u0E3A' => Mark.BelowVowel,
        >= '\u0E48' and <= '\u0E4C' => Mark.Tone,
        _ => Mark.None,
    };

    private static Dictionary<char, char> BuildOriginal()
    {
        var original = new Dictionary<char, char>();
        foreach (var table in new[] { ShiftDown, ShiftDownLeft, ShiftLeft, RemoveDescender })
            foreach (var (from, to) in table) original[to] = from;
        return original;
    }
}
