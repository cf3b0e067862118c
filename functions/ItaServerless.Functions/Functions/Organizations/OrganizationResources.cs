// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Core.Access;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Functions.Functions.Organizations;

/// <summary>A list answer: <c>{ "items": [...] }</c>, so it can grow paging fields later.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);

public static class ItemList
{
    public static ItemList<T> Of<T>(IEnumerable<T> items) => new(items.ToArray());
}

/// <summary>The answer to creating an organization: the organization and its first editor token (shown once).</summary>
public sealed record OrganizationCreated(OrganizationDraft Organization, string EditorToken);

public sealed record UnitResource(string Id, string Name, IReadOnlyList<ContactDraft> Contacts,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static UnitResource From(Versioned<Unit> v) =>
        new(v.Value.Id, v.Value.Name, v.Value.Contacts.Select(c => new ContactDraft(c.Name, c.Email)).ToArray(), v.Version.Value);
}

public sealed record OfficialResource(string Id, string Name, string Position, string Role, int Order, string? Email,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static OfficialResource From(Versioned<Official> v) =>
        new(v.Value.Id, v.Value.Name, v.Value.Position, v.Value.Role.Code(), v.Value.Order, v.Value.Email, v.Version.Value);
}

/// <summary>Issue a token: role "editor" or "reporter"; a reporter may be bound to one unit.</summary>
public sealed record TokenRequest(string? Role = null, string? Name = null, string? Unit = null, int? ExpiresInDays = null);

public sealed record TokenResource(string Id, string Role, string? Unit, string Name, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static TokenResource From(AccessGrant g) =>
        new(g.TokenId, g.Role == AccessRole.Editor ? "editor" : "reporter", g.UnitId, g.Name, g.CreatedAt, g.ExpiresAt, g.RevokedAt);
}

/// <summary>The token text is in the answer once; only its hash is kept.</summary>
public sealed record TokenIssued(TokenResource Grant, string Token);

/// <summary>The signed-in caller: role "admin", "editor" or "reporter", and a reporter's unit.</summary>
public sealed record CurrentCaller(string? Id, string Role, string? Unit, string Name)
{
    public static CurrentCaller From(AccessGrant g) => new(g.TokenId, g.Role == AccessRole.Editor ? "editor" : "reporter", g.UnitId, g.Name);
}
