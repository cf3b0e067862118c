// SPDX-License-Identifier: MIT
using System.Net.Mail;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Organizations;

public sealed record ContactDraft(string? Name, string? Email);

public sealed record UnitDraft(string? Name, IReadOnlyList<ContactDraft?>? Contacts = null);

/// <summary>Someone who receives a unit's reminders.</summary>
public sealed record Contact(string Name, string Email);

/// <summary>A division of the organization (ส่วนราชการ: สำนักปลัด, กองคลัง, …) and who is reminded for it.</summary>
public sealed record Unit(string OrganizationId, string Id, string Name, IReadOnlyList<Contact> Contacts)
{
    public const int MaxNameLength = 200;
    public const int MaxContacts = 20;

    public static Validated<Unit> Create(string organizationId, string? id, UnitDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var unitId = errors.Take(Identifier.Check(id, "id"));
        var name = errors.Take(TextRules.Required(draft.Name, "name", MaxNameLength));
        var contacts = new List<Contact>();
        var drafts = draft.Contacts ?? [];
        if (drafts.Count > MaxContacts)
        {
            errors.Add(ErrorCodes.TooMany, "contacts", $"ผู้ติดต่อได้ไม่เกิน {MaxContacts} คน", $"At most {MaxContacts} contacts.");
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            var path = FieldPath.Index("contacts", i);
            var contactName = errors.Take(TextRules.Required(drafts[i]?.Name, FieldPath.Join(path, "name"), MaxNameLength));
            var email = errors.Take(CheckEmail(drafts[i]?.Email, FieldPath.Join(path, "email")));
            if (contactName is not null && email is not null) contacts.Add(new Contact(contactName, email));
        }

        return errors.Result(() => new Unit(organizationId, unitId!, name!, contacts));
    }

    public UnitDraft ToDraft() => new(Name, Contacts.Select(c => new ContactDraft(c.Name, c.Email)).ToArray());

    public static Validated<string> CheckEmail(string? text, string field)
    {
        var trimmed = TextRules.Required(text, field, 254);
        if (!trimmed.TryGetValue(out var value)) return trimmed;
        var valid = MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
        return valid
            ? Validated<string>.Ok(value)
            : Validated<string>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "อีเมลไม่ถูกต้อง เช่น somchai@example.go.th", "This is not an e-mail address, e.g. somchai@example.go.th."));
    }
}
