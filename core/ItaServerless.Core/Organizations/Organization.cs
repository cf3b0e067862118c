// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Organizations;

/// <summary>The kind of public body (ประเภทองค์กรปกครองส่วนท้องถิ่น).</summary>
public enum OrganizationKind
{
    /// <summary>เทศบาลนคร</summary>
    CityMunicipality,
    /// <summary>เทศบาลเมือง</summary>
    TownMunicipality,
    /// <summary>เทศบาลตำบล</summary>
    SubdistrictMunicipality,
    /// <summary>อบต. (องค์การบริหารส่วนตำบล)</summary>
    SubdistrictAdministrativeOrganization,
    /// <summary>อบจ. (องค์การบริหารส่วนจังหวัด)</summary>
    ProvincialAdministrativeOrganization,
    Other,
}

public static class OrganizationKinds
{
    /// <summary>The API's value: the Thai short name, or "other".</summary>
    public static string Code(this OrganizationKind kind) => kind switch
    {
        OrganizationKind.CityMunicipality => "เทศบาลนคร",
        OrganizationKind.TownMunicipality => "เทศบาลเมือง",
        OrganizationKind.SubdistrictMunicipality => "เทศบาลตำบล",
        OrganizationKind.SubdistrictAdministrativeOrganization => "อบต.",
        OrganizationKind.ProvincialAdministrativeOrganization => "อบจ.",
        _ => "other",
    };

    public static Validated<OrganizationKind> Parse(string? text, string field = "kind")
    {
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return Validated<OrganizationKind>.Fail(TextRules.Required(field));
        foreach (var kind in Enum.GetValues<OrganizationKind>())
        {
            if (kind.Code() == s || string.Equals(kind.ToString(), s, StringComparison.OrdinalIgnoreCase))
                return Validated<OrganizationKind>.Ok(kind);
        }

        return Validated<OrganizationKind>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "ประเภทต้องเป็น เทศบาลนคร เทศบาลเมือง เทศบาลตำบล อบต. อบจ. หรือ other",
            "The kind must be เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล, อบต., อบจ. or other."));
    }
}

/// <summary>Due-date overrides as "MM-DD" (e.g. "04-30"); null keeps the default.</summary>
public sealed record DueDatesDraft(string? SixMonths, string? TwelveMonths);

/// <summary>The raw input of an organization, as the API receives it.</summary>
public sealed record OrganizationDraft(
    string? Id,
    string? Name,
    string? Kind,
    string? District = null,
    string? Province = null,
    string? Phone = null,
    string? DocumentPrefix = null,
    string? Website = null,
    DueDatesDraft? DueDates = null,
    bool? AutoPublish = null,
    string? Webhook = null);

/// <summary>
/// A public body using the product: its names for documents, its reporting due dates, and
/// whether progress reports are published on their own when a round closes.
/// </summary>
public sealed record Organization
{
    public const int MaxNameLength = 200;
    public const int MaxShortTextLength = 100;

    private Organization() { }

    /// <summary>Slug, e.g. "na-kham".</summary>
    public required string Id { get; init; }

    /// <summary>Thai name, e.g. "เทศบาลตำบลนาคำ".</summary>
    public required string Name { get; init; }

    public required OrganizationKind Kind { get; init; }

    public string? District { get; init; }

    public string? Province { get; init; }

    public string? Phone { get; init; }

    /// <summary>The "ที่" prefix of its memos, e.g. "พง ๕๒๔๐๑".</summary>
    public string? DocumentPrefix { get; init; }

    public Uri? Website { get; init; }

    public required RoundDueDates DueDates { get; init; }

    /// <summary>Publish a round's progress report by itself once the due date has passed.</summary>
    public bool AutoPublish { get; init; }

    /// <summary>A JSON webhook (chat tools) that receives the organization's reminders.</summary>
    public Uri? Webhook { get; init; }

    public static Validated<Organization> Create(OrganizationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var id = errors.Take(Identifier.Check(draft.Id, "id"));
        var name = errors.Take(TextRules.Required(draft.Name, "name", MaxNameLength));
        var kindResult = OrganizationKinds.Parse(draft.Kind);
        errors.Take(kindResult);
        var district = errors.Take(TextRules.Check(draft.District, "district", MaxShortTextLength, required: false));
        var province = errors.Take(TextRules.Check(draft.Province, "province", MaxShortTextLength, required: false));
        var phone = errors.Take(TextRules.Check(draft.Phone, "phone", MaxShortTextLength, required: false));
        var prefix = errors.Take(TextRules.Check(draft.DocumentPrefix, "documentPrefix", MaxShortTextLength, required: false));
        var website = errors.Take(WebAddress.Check(draft.Website, "website", required: false));
        var webhook = errors.Take(WebAddress.Check(draft.Webhook, "webhook", required: false));
        var dueDates = errors.Take(ParseDueDates(draft.DueDates));
        return errors.Result(() => new Organization
        {
            Id = id!,
            Name = name!,
            Kind = kindResult.Value,
            District = district,
            Province = province,
            Phone = phone,
            DocumentPrefix = prefix,
            Website = website,
            DueDates = dueDates!,
            AutoPublish = draft.AutoPublish ?? false,
            Webhook = webhook,
        });
    }

    /// <summary>
    /// Rebuilds an organization accepted earlier: only what makes it one is checked (a valid id, a
    /// name, absolute links, real due days); today's length limits are not applied again.
    /// </summary>
    public static Organization Restore(string? id, string? name, OrganizationKind kind, string? district, string? province, string? phone,
        string? documentPrefix, string? website, string? sixMonthsDue, string? twelveMonthsDue, bool autoPublish, string? webhook)
    {
        if (!Identifier.IsValid(id)) throw new StoredDataException($"A stored organization has the invalid id \"{id}\".");
        if (string.IsNullOrWhiteSpace(name)) throw new StoredDataException($"Stored organization {id} has no name.");
        var dueDates = ParseDueDates(new DueDatesDraft(sixMonthsDue, twelveMonthsDue));
        if (!dueDates.IsValid) throw new StoredDataException($"Stored organization {id} has unreadable due dates.");
        return new Organization
        {
            Id = id!,
            Name = name,
            Kind = kind,
            District = district,
            Province = province,
            Phone = phone,
            DocumentPrefix = documentPrefix,
            Website = Link(website, id!),
            DueDates = dueDates.Value,
            AutoPublish = autoPublish,
            Webhook = Link(webhook, id!),
        };
    }

    private static Uri? Link(string? text, string id) =>
        string.IsNullOrWhiteSpace(text) ? null
        : Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri
        : throw new StoredDataException($"Stored organization {id} has the relative link \"{text}\".");

    /// <summary>The draft that recreates this organization (for storage and for edits).</summary>
    public OrganizationDraft ToDraft() => new(Id, Name, Kind.Code(), District, Province, Phone, DocumentPrefix,
        Website?.ToString(), new DueDatesDraft(DueDates.SixMonths.ToString(), DueDates.TwelveMonths.ToString()),
        AutoPublish, Webhook?.ToString());

    private static Validated<RoundDueDates> ParseDueDates(DueDatesDraft? draft)
    {
        if (draft is null) return Validated<RoundDueDates>.Ok(RoundDueDates.Default);
        var errors = new ErrorCollector();
        var six = errors.Take(ParseDay(draft.SixMonths, "dueDates.sixMonths", RoundDueDates.Default.SixMonths));
        var twelve = errors.Take(ParseDay(draft.TwelveMonths, "dueDates.twelveMonths", RoundDueDates.Default.TwelveMonths));
        return errors.Result(() => new RoundDueDates(six, twelve));
    }

    private static Validated<DueDay> ParseDay(string? text, string field, DueDay fallback)
    {
        if (string.IsNullOrWhiteSpace(text)) return Validated<DueDay>.Ok(fallback);
        var parts = text.Trim().Split('-');
        return parts.Length == 2 && int.TryParse(parts[0], out var month) && int.TryParse(parts[1], out var day)
            ? DueDay.Create(month, day, field)
            : Validated<DueDay>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "วันครบกำหนดต้องอยู่ในรูปแบบ เดือน-วัน เช่น 04-30", "A due day is written month-day, e.g. 04-30."));
    }
}
