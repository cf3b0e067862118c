// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>
/// One reason why an input was rejected: a stable machine <paramref name="Code"/>, the
/// <paramref name="Field"/> path in the input ("period.from", "method[2]", "questions[0]";
/// empty for the whole value) and a message in Thai and in English.
/// </summary>
public sealed record ValidationError(string Code, string Field, string MessageTh, string MessageEn)
{
    /// <summary>The same error seen from an enclosing object: "from" under "period" is "period.from".</summary>
    public ValidationError Under(string prefix) => this with { Field = FieldPath.Join(prefix, Field) };

    public override string ToString() => $"{Field}: {Code}: {MessageEn}";
}

/// <summary>Builds field paths the way the API reports them (JSON-like).</summary>
public static class FieldPath
{
    public static string Join(string prefix, string field)
    {
        if (string.IsNullOrEmpty(prefix)) return field;
        if (string.IsNullOrEmpty(field)) return prefix;
        return field[0] == '[' ? prefix + field : prefix + "." + field;
    }

    public static string Index(string prefix, int index) => $"{prefix}[{index}]";

    public static string Key(string prefix, string key) => Join(prefix, key);
}
