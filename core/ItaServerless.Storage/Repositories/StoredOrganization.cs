// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The stored shape of an organization (JSON in "Data"), Storage's own: renaming a field of the
/// API's <see cref="OrganizationDraft"/> changes neither stored rows nor audit hashes. The kind is
/// a code ("subdistrictMunicipality"); rows written as the API draft have the same names and the
/// kind as the Thai short name ("เทศบาลตำบล"), and still read.
/// </summary>
internal sealed record StoredOrganization(
    string? Id,
    string? Name,
    string? Kind,
    string? District = null,
    string? Province = null,
    string? Phone = null,
    string? DocumentPrefix = null,
    string? Website = null,
    StoredOrganization.StoredDueDates? DueDates = null,
    bool? AutoPublish = null,
    string? Webhook = null)
{
    /// <summary>"MM-DD".</summary>
    internal sealed record StoredDueDates(string? SixMonths, string? TwelveMonths);

    private static readonly (OrganizationKind Kind, string Code, string OldCode)[] Kinds =
    [
        (OrganizationKind.CityMunicipality, "cityMunicipality", "เทศบาลนคร"),
        (OrganizationKind.TownMunicipality, "townMunicipality", "เทศบาลเมือง"),
        (OrganizationKind.SubdistrictMunicipality, "subdistrictMunicipality", "เทศบาลตำบล"),
        (OrganizationKind.SubdistrictAdministrativeOrganization, "subdistrictAdministrativeOrganization", "อบต."),
        (OrganizationKind.ProvincialAdministrativeOrganization, "provincialAdministrativeOrganization", "อบจ."),
        (OrganizationKind.Other, "other", "other"),
    ];

    public static void Write(TableEntity row, Organization o) => StoredJson.Write(row, new StoredOrganization(
        o.Id, o.Name, Kinds.Single(k => k.Kind == o.Kind).Code, o.District, o.Province, o.Phone, o.DocumentPrefix, o.Website?.ToString(),
        new StoredDueDates(o.DueDates.SixMonths.ToString(), o.DueDates.TwelveMonths.ToString()), o.AutoPublish, o.Webhook?.ToString()));

    /// <summary>Rebuilds the organization as accepted (<see cref="Organization.Restore"/>: structure only, not today's input rules).</summary>
    public static Organization Read(TableEntity row)
    {
        var s = StoredJson.Read<StoredOrganization>(row);
        if (s.Id != row.PartitionKey) throw new StoredDataException($"Stored organization {s.Id} lies in partition {row.PartitionKey}.");
        var kind = Kinds.FirstOrDefault(k => k.Code == s.Kind || k.OldCode == s.Kind);
        if (kind.Code is null) throw new StoredDataException($"Stored organization {s.Id} has an unknown kind \"{s.Kind}\".");
        return Organization.Restore(s.Id, s.Name, kind.Kind, s.District, s.Province, s.Phone, s.DocumentPrefix, s.Website,
            s.DueDates?.SixMonths, s.DueDates?.TwelveMonths, s.AutoPublish ?? false, s.Webhook);
    }
}

/// <summary>
/// The stored shape of a unit (JSON in "Data"), Storage's own; rows written as the API's
/// <see cref="UnitDraft"/> have the same names. Rebuilt as accepted: only a name, and a name and an
/// address for each contact, are required (lengths and counts were checked when it was written).
/// </summary>
internal sealed record StoredUnit(string? Name, IReadOnlyList<StoredUnit.StoredContact?>? Contacts = null)
{
    internal sealed record StoredContact(string? Name, string? Email);

    public static void Write(TableEntity row, Unit unit) =>
        StoredJson.Write(row, new StoredUnit(unit.Name, unit.Contacts.Select(c => new StoredContact(c.Name, c.Email)).ToArray()));

    public static Unit Read(string organizationId, string id, TableEntity row)
    {
        var s = StoredJson.Read<StoredUnit>(row);
        if (string.IsNullOrWhiteSpace(s.Name)) throw new StoredDataException($"Stored unit {organizationId}/{id} has no name.");
        var contacts = (s.Contacts ?? []).Select(c => c is not null && !string.IsNullOrWhiteSpace(c.Name) && !string.IsNullOrWhiteSpace(c.Email)
            ? new Contact(c.Name, c.Email)
            : throw new StoredDataException($"Stored unit {organizationId}/{id} has a contact without a name or an address.")).ToArray();
        return new Unit(organizationId, id, s.Name, contacts);
    }
}

/// <summary>
/// The stored shape of an official (JSON in "Data"), Storage's own; rows written as the API's
/// <see cref="OfficialDraft"/> have the same names. Role is a code ("permanentSecretary"). Rebuilt as
/// accepted: a name, a position and a known role are required (lengths were checked when it was written).
/// </summary>
internal sealed record StoredOfficial(string? Name, string? Position, string? Role, int? Order = null, string? Email = null)
{
    public static void Write(TableEntity row, Official o) => StoredJson.Write(row, new StoredOfficial(o.Name, o.Position, o.Role.Code(), o.Order, o.Email));

    public static Official Read(string organizationId, string id, TableEntity row)
    {
        var s = StoredJson.Read<StoredOfficial>(row);
        if (string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.Position))
        {
            throw new StoredDataException($"Stored official {organizationId}/{id} has no name or position.");
        }
        var role = Enum.GetValues<OfficialRole>().Where(r => r.Code() == s.Role).Select(r => (OfficialRole?)r).FirstOrDefault()
            ?? throw new StoredDataException($"Stored official {organizationId}/{id} has an unknown role \"{s.Role}\".");
        return new Official(organizationId, id, s.Name, s.Position, role, s.Order ?? 0, string.IsNullOrWhiteSpace(s.Email) ? null : s.Email);
    }
}
