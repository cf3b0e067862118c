// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>
/// Ids of organizations, units and officials: slugs of 1–64 lower-case ASCII letters, digits and
/// '-', starting with a letter or digit. One spelling per id, safe in URLs and storage keys.
/// </summary>
public static class Identifier
{
    public const int MaxLength = 64;

    public static Validated<string> Check(string? value, string field)
    {
        var id = value?.Trim() ?? "";
        if (id.Length == 0) return Validated<string>.Fail(TextRules.Required(field));
        return IsValid(id)
            ? Validated<string>.Ok(id)
            : Validated<string>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                $"รหัสต้องเป็นอักษรภาษาอังกฤษตัวพิมพ์เล็ก ตัวเลข หรือ - ไม่เกิน {MaxLength} ตัว เช่น na-kham",
                $"An id is 1 to {MaxLength} lower-case ASCII letters, digits or '-', e.g. na-kham."));
    }

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } &&
        id[0] != '-' &&
        id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
