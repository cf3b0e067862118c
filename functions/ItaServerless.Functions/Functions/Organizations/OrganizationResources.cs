// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Core.Access;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Functions.Functions.Organizations;

/// <summary>Due days as "MM-DD".</summary>
public sealed record DueDatesResource(string SixMonths, string TwelveMonths);

/// <summary>An organization as the API shows it (its ETag is in the header).</summary>
public sealed record OrganizationResource(
    string Id,
    string Name,
    string Kind,
    string? District,
    string? Province,
    string? Phone,
    string? DocumentPrefix,
    string? Website,
    DueDatesResource DueDates,
    bool AutoPublish,
    string? Webhook)
{
    /// <param name="showWebhook">The webhook URL is a secret of the chat tool: editors see it, reporters do not.</param>
    public static OrganizationResource From(Organization o, bool showWebhook = true) => new(
        o.Id, o.Name, o.Kind.Code(), o.District, o.Province, o.Phone, o.DocumentPrefix, o.Website?.ToString(),
        new DueDatesResource(o.DueDates.SixMonths.ToString(), o.DueDates.TwelveMonths.ToString()), o.AutoPublish,
        showWebhook ? o.Webhook?.ToString() : null);
}

/// <summary>The answer to creating an organization: the organization and its first editor token (shown once).</summary>
public sealed record OrganizationCreated(OrganizationResource Organization, string EditorToken);

public sealed record ContactResource(string Name, string Email);

public sealed record UnitResource(string Id, string Name, IReadOnlyList<ContactResource> Contacts,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static UnitResource From(Unit unit, EntityVersion version) =>
        new(unit.Id, unit.Name, unit.Contacts.Select(c => new ContactResource(c.Name, c.Email)).ToArray(), version.Value);

    public static UnitResource From(Versioned<Unit> v) => From(v.Value, v.Version);
}

public sealed record OfficialResource(string Id, string Name, string Position, string Role, int Order, string? Email,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static OfficialResource From(Official o, EntityVersion version) =>
        new(o.Id, o.Name, o.Position, o.Role.Code(), o.Order, o.Email, version.Value);

    public static OfficialResource From(Versioned<Official> v) => From(v.Value, v.Version);
}

public sealed record TokenResource(string Id, string Role, string? Unit, string Name, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static TokenResource From(AccessGrant g) => new(g.TokenId, g.Role.Code(), g.UnitId, g.Name, g.CreatedAt, g.ExpiresAt, g.RevokedAt);
}

/// <summary>The token text is in the answer once; only its hash is kept.</summary>
public sealed record TokenIssued(TokenResource Grant, string Token);

/// <summary>The signed-in caller: role "admin", "editor" or "reporter", and a reporter's unit.</summary>
public sealed record CurrentCaller(string? Id, string Role, string? Unit, string Name)
{
    public static CurrentCaller From(Caller caller) => caller.Grant is { } g
        ? new(g.TokenId, g.Role.Code(), g.UnitId, g.Name)
        : new(null, AccessRoles.AdminCode, null, AccessRoles.AdminCode);
}
