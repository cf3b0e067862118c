// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reminders;

/// <summary>A person who receives reminders: a display name and an e-mail address.</summary>
public sealed record Recipient
{
    public const int MaxNameLength = 200;

    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxAddressLength = 254;

    private Recipient(string name, string address)
    {
        Name = name;
        Address = address;
    }

    public string Name { get; }

    /// <summary>The e-mail address, trimmed, as given (the domain part is not case-folded).</summary>
    public string Address { get; }

    /// <summary>
    /// A deliberately loose check (one '@' with text either side, no space or control
    /// character): the mail server is the judge of the rest. Errors name "name" and "email" under <paramref name="field"/>.
    /// </summary>
    public static Validated<Recipient> Create(string? name, string? email, string field = "")
    {
        var errors = new ErrorCollector();
        var n = errors.Take(TextRules.Required(name, FieldPath.Join(field, "name"), MaxNameLength));
        var address = email?.Trim() ?? "";
        var at = address.IndexOf('@');
        if (address.Length == 0) errors.Add(TextRules.Required(FieldPath.Join(field, "email")));
        else if (address.Length > MaxAddressLength || at <= 0 || at != address.LastIndexOf('@') || at == address.Length - 1
                 || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"'))
        {
            errors.Add(ErrorCodes.InvalidFormat, FieldPath.Join(field, "email"),
                "ที่อยู่อีเมลไม่ถูกต้อง เช่น finance@na-kham.go.th",
                "The e-mail address is not valid, e.g. finance@na-kham.go.th.");
        }

        return errors.Result(() => new Recipient(n!, address));
    }

    public static Recipient Of(string name, string email) => Create(name, email).Value;

    /// <summary>Addresses compare case-insensitively (what every real mail system does in practice).</summary>
    public bool SameAddress(Recipient other) => string.Equals(Address, other.Address, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name} <{Address}>";
}

/// <summary>An official's part in the organization's documents and reminders.</summary>
public enum OfficialRole
{
    /// <summary>ผู้จัดทำ: the planning officer who drafts the documents and chases the divisions.</summary>
    Drafter,
    /// <summary>หัวหน้าส่วนราชการ</summary>
    DivisionHead,
    /// <summary>ปลัด: the permanent secretary.</summary>
    PermanentSecretary,
    /// <summary>นายก / ผู้บริหาร</summary>
    Executive,
}

/// <summary>An official who can be copied on reminders (those without an e-mail address are simply not given).</summary>
public sealed record OfficialContact(OfficialRole Role, Recipient Contact)
{
    public Recipient Contact { get; } = Contact ?? throw new ArgumentNullException(nameof(Contact));
}

/// <summary>A unit (ส่วนราชการ/กอง) of the organization and the people who report for it.</summary>
public sealed record ReminderUnit
{
    public ReminderUnit(string id, string name, IReadOnlyList<Recipient> contacts)
    {
        Id = Identifier.Check(id, "id").Value;
        Name = TextRules.Required(name, "name", Recipient.MaxNameLength).Value;
        Contacts = contacts?.ToArray() ?? throw new ArgumentNullException(nameof(contacts));
    }

    /// <summary>The unit id used in measures' responsible lists, e.g. "finance".</summary>
    public string Id { get; }

    /// <summary>"กองคลัง".</summary>
    public string Name { get; }

    public IReadOnlyList<Recipient> Contacts { get; }
}
