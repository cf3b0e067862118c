// SPDX-License-Identifier: MIT

namespace ItaServerless.Core.Validation;

/// <summary>Absolute http(s) addresses entered by users (websites, webhooks).</summary>
public static class WebAddress
{
    public const int MaxLength = 2000;

    public static Validated<Uri?> Check(string? text, string field, bool required)
    {
        var trimmed = TextRules.Check(text, field, MaxLength, required);
        if (!trimmed.TryGetValue(out var value)) return Validated<Uri?>.Fail(trimmed.Errors);
        if (value is null) return Validated<Uri?>.Ok(null);
        var valid = !value.Any(char.IsWhiteSpace) &&
            Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;
        return valid
            ? Validated<Uri?>.Ok(new Uri(value, UriKind.Absolute))
            : Validated<Uri?>.Fail(new ValidationError(ErrorCodes.InvalidUrl, field,
                "ต้องเป็นที่อยู่เว็บแบบเต็มที่ขึ้นต้นด้วย http:// หรือ https://",
                "This must be a full web address starting with http:// or https://."));
    }
}
