// SPDX-License-Identifier: MIT
using ItaServerless.Core.Planning;

namespace ItaServerless.Core.Access;

/// <summary>What a token may do inside its one organization.</summary>
public enum AccessRole
{
    /// <summary>Everything in its organization.</summary>
    Editor,

    /// <summary>Progress reports only, optionally for the measures of one unit.</summary>
    Reporter,

    /// <summary>
    /// The deadline calendar only: calendar apps put their secret in the feed's URL, where proxies and
    /// request logs see it, so that secret opens nothing else.
    /// </summary>
    Calendar,
}

/// <summary>
/// The stored form of an organization token: never the token itself, only the SHA-256 of its
/// secret part, so a leaked table does not leak working tokens.
/// </summary>
public sealed record AccessGrant(
    string TokenId,
    string OrganizationId,
    AccessRole Role,
    string? UnitId,
    string Name,
    string SecretSha256,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? RevokedAt = null)
{
    public bool IsActiveAt(DateTimeOffset now) =>
        RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <summary>May this token read the organization's data? (A calendar token reads its calendar only.)</summary>
    public bool CanRead(string organizationId) => OrganizationId == organizationId && Role != AccessRole.Calendar;

    /// <summary>May it read the organization's deadline calendar?</summary>
    public bool CanReadCalendar(string organizationId) => OrganizationId == organizationId;

    /// <summary>May it change the organization, its units, officials, scores and measures?</summary>
    public bool CanEdit(string organizationId) => CanRead(organizationId) && Role == AccessRole.Editor;

    /// <summary>
    /// May it report progress on a measure whose responsible units are <paramref name="responsibleUnits"/>?
    /// A unit-bound reporter may report on its unit's measures and on those of every division.
    /// </summary>
    public bool CanReport(string organizationId, ResponsibleUnits responsible)
    {
        ArgumentNullException.ThrowIfNull(responsible);
        if (!CanRead(organizationId)) return false;
        if (Role == AccessRole.Editor || UnitId is null) return true;
        return responsible.Includes(UnitId);
    }
}
