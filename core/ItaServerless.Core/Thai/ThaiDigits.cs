// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ItaServerless.Core.Thai;

/// <summary>Thai digits (๐–๙, U+0E50–U+0E59) both ways.</summary>
public static class ThaiDigits
{
    private const char ThaiZero = '\u0E50';

    public static bool IsThaiDigit(char c) => c >= ThaiZero && c <= '\u0E59';

    /// <summary>Replaces every ASCII digit by its Thai digit; other characters unchanged.</summary>
    public static string ToThaiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Replace(text, c => c is >= '0' and <= '9' ? (char)(ThaiZero + (c - '0')) : c);
    }

    public static string ToThaiDigits(long number) =>
        ToThaiDigits(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Replaces every Thai digit by its ASCII digit (normalisation before parsing).</summary>
    public static string ToAsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Replace(text, c => IsThaiDigit(c) ? (char)('0' + (c - ThaiZero)) : c);
    }

    /// <summary>Parses an integer written with ASCII or Thai digits (or a mix), optionally signed.</summary>
    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return int.TryParse(ToAsciiDigits(text.Trim()), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses an integer written with ASCII or Thai digits; throws FormatException otherwise.</summary>
    public static int ParseInt(string text) =>
        TryParseInt(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not an integer in ASCII or Thai digits.");

    private static string Replace(string text, Func<char, char> map)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(map(c));
        return builder.ToString();
    }
}
