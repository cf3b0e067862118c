// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Organizations;

/// <summary>A signer's place in a memo's chain (seeds 000, 002, 003).</summary>
public enum OfficialRole
{
    /// <summary>ผู้จัดทำ: the officer who drafts and signs first.</summary>
    Drafter,
    /// <summary>หัวหน้าส่วนราชการ: comments after the drafter.</summary>
    DivisionHead,
    /// <summary>ปลัด: the permanent secretary, comments before the executive.</summary>
    PermanentSecretary,
    /// <summary>ผู้บริหาร: นายกเทศมนตรี / นายก อบต., orders last.</summary>
    Executive,
}

public static class OfficialRoles
{
    public static string Code(this OfficialRole role) => role switch
    {
        OfficialRole.Drafter => "drafter",
        OfficialRole.DivisionHead => "divisionHead",
        OfficialRole.PermanentSecretary => "permanentSecretary",
        _ => "executive",
    };

    public static string NameTh(this OfficialRole role) => role switch
    {
        OfficialRole.Drafter => "ผู้จัดทำ",
        OfficialRole.DivisionHead => "หัวหน้าส่วนราชการ",
        OfficialRole.PermanentSecretary => "ปลัด",
        _ => "ผู้บริหาร",
    };

    public static Validated<OfficialRole> Parse(string? text, string field = "role")
    {
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return Validated<OfficialRole>.Fail(TextRules.Required(field));
        foreach (var role in Enum.GetValues<OfficialRole>())
        {
            if (role.Code() == s || role.NameTh() == s) return Validated<OfficialRole>.Ok(role);
        }

        return Validated<OfficialRole>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "บทบาทต้องเป็น drafter, divisionHead, permanentSecretary หรือ executive",
            "The role must be drafter, divisionHead, permanentSecretary or executive."));
    }
}

public sealed record OfficialDraft(string? Name, string? Position, string? Role, int? Order = null, string? Email = null);

/// <summary>
/// A person who signs the organization's documents. <see cref="Position"/> may span lines,
/// e.g. "รองปลัดเทศบาล รักษาราชการแทน\nปลัดเทศบาลตำบลคึกคัก" (seed 000). The e-mail, when given,
/// receives copies of overdue reminders (planning officer and permanent secretary).
/// </summary>
public sealed record Official(string OrganizationId, string Id, string Name, string Position, OfficialRole Role, int Order, string? Email = null)
{
    public const int MaxLength = 300;

    public static Validated<Official> Create(string organizationId, string? id, OfficialDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var officialId = errors.Take(Identifier.Check(id, "id"));
        var name = errors.Take(TextRules.Required(draft.Name, "name", MaxLength));
        var position = errors.Take(TextRules.Required(draft.Position, "position", MaxLength, multiline: true));
        var role = OfficialRoles.Parse(draft.Role);
        errors.Take(role);
        var order = draft.Order ?? 0;
        if (order is < 0 or > 99)
        {
            errors.Add(ErrorCodes.OutOfRange, "order", "ลำดับต้องอยู่ระหว่าง 0 ถึง 99", "The order must be between 0 and 99.");
        }

        var email = string.IsNullOrWhiteSpace(draft.Email) ? null : errors.Take(Unit.CheckEmail(draft.Email, "email"));
        return errors.Result(() => new Official(organizationId, officialId!, name!, position!, role.Value, order, email));
    }

    public OfficialDraft ToDraft() => new(Name, Position, Role.Code(), Order, Email);
}
