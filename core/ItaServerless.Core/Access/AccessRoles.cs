// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Access;

/// <summary>The one spelling of the roles in the API: "editor", "reporter" and "calendar" (and "admin" for the admin key).</summary>
public static class AccessRoles
{
    public const string AdminCode = "admin";

    public static string Code(this AccessRole role) => role switch
    {
        AccessRole.Editor => "editor",
        AccessRole.Reporter => "reporter",
        _ => "calendar",
    };

    /// <summary>"editor", "reporter" or "calendar", exactly (surrounding spaces ignored).</summary>
    public static Validated<AccessRole> Parse(string? code, string field = "role")
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text)) return Validated<AccessRole>.Fail(TextRules.Required(field));
        foreach (var role in Enum.GetValues<AccessRole>())
        {
            if (role.Code() == text) return Validated<AccessRole>.Ok(role);
        }

        return Validated<AccessRole>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "บทบาทต้องเป็น editor, reporter หรือ calendar", "The role must be editor, reporter or calendar."));
    }
}
