// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>
/// A question id as NACC numbers them, ASCII: "i1".."i15", "e1".."e9", "o1".."o28" (2568).
/// The letter gives the tool; whether the number exists depends on the year's catalog.
/// </summary>
public sealed class QuestionId : IEquatable<QuestionId>, IComparable<QuestionId>
{
    private QuestionId(Tool tool, int number)
    {
        Tool = tool;
        Number = number;
    }

    public Tool Tool { get; }

    /// <summary>1..99.</summary>
    public int Number { get; }

    public string Value => Tool.QuestionPrefix() + Number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts "o28", "O28" and "o๒๘" (Thai digits); the result is always "o28".</summary>
    public static Validated<QuestionId> Parse(string? text, string field = "")
    {
        var s = ThaiDigits.ToAsciiDigits(text?.Trim() ?? "").ToLowerInvariant();
        if (s.Length is >= 2 and <= 3 && s[1] != '0'
            && int.TryParse(s.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            foreach (var tool in Tools.All)
            {
                if (s[0] == tool.QuestionPrefix()) return Validated<QuestionId>.Ok(new QuestionId(tool, number));
            }
        }

        return Validated<QuestionId>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
            "รหัสข้อคำถามต้องเป็น i, e หรือ o ตามด้วยหมายเลข เช่น i1, e9, o28",
            "A question id is i, e or o followed by a number, e.g. i1, e9, o28."));
    }

    public static QuestionId Of(string text) => Parse(text).Value;

    public bool Equals(QuestionId? other) => other is not null && other.Tool == Tool && other.Number == Number;

    public override bool Equals(object? obj) => Equals(obj as QuestionId);

    public override int GetHashCode() => HashCode.Combine(Tool, Number);

    /// <summary>Tool order (IIT, EIT, OIT), then number: the order of NACC's tables.</summary>
    public int CompareTo(QuestionId? other) =>
        other is null ? 1 : Tool != other.Tool ? Tool.CompareTo(other.Tool) : Number.CompareTo(other.Number);

    public static bool operator ==(QuestionId? a, QuestionId? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(QuestionId? a, QuestionId? b) => !(a == b);

    public override string ToString() => Value;
}
