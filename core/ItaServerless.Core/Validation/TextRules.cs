// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>Shared rules for user-entered text: trimmed, bounded, no control characters.</summary>
public static class TextRules
{
    /// <summary>
    /// Validates free text. Single-line text rejects every control character; multi-line text
    /// allows line feeds and tabs (carriage returns are normalised away). Whitespace-only is empty.
    /// Returns the trimmed text, or null when empty and not required.
    /// </summary>
    public static Validated<string?> Check(string? value, string field, int maxLength, bool required, bool multiline = false)
    {
        var text = multiline ? value?.Replace("\r\n", "\n").Replace('\r', '\n') : value;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required
                ? Validated<string?>.Fail(Required(field))
                : Validated<string?>.Ok(null);
        }

        var errors = new List<ValidationError>();
        if (text.Length > maxLength)
        {
            errors.Add(new ValidationError(ErrorCodes.TooLong, field,
                $"ข้อความยาวเกิน {maxLength} ตัวอักษร",
                $"Text is longer than {maxLength} characters."));
        }

        if (text.Any(c => IsForbidden(c, multiline)))
        {
            errors.Add(new ValidationError(ErrorCodes.ControlCharacter, field,
                "ข้อความมีอักขระควบคุมที่ไม่อนุญาต",
                "Text contains a control character that is not allowed."));
        }

        return errors.Count == 0 ? Validated<string?>.Ok(text) : Validated<string?>.Fail(errors);
    }

    /// <summary>Like <see cref="Check"/> with required = true; the value is never null.</summary>
    public static Validated<string> Required(string? value, string field, int maxLength, bool multiline = false) =>
        Check(value, field, maxLength, required: true, multiline).Map(v => v!);

    public static ValidationError Required(string field) =>
        new(ErrorCodes.Required, field, "ต้องระบุข้อมูลนี้", "This value is required.");

    private static bool IsForbidden(char c, bool multiline) =>
        (multiline && (c == '\n' || c == '\t'))
            ? false
            : char.IsControl(c) || c is '\u2028' or '\u2029';
}
