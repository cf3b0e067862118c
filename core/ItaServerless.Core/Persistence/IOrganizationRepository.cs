// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;

namespace ItaServerless.Core.Persistence;

/// <summary>An organization with everything its screens show: units (with contacts) and officials who sign.</summary>
public sealed record OrganizationProfile(
    Versioned<Organization> Organization,
    IReadOnlyList<Versioned<Unit>> Units,
    IReadOnlyList<Versioned<Official>> Officials);

/// <summary>
/// One line of the directory of all organizations (admin lists, daily timers). <see cref="AutoPublish"/>
/// is null when the directory row predates the flag (read the organization).
/// </summary>
public sealed record OrganizationSummary(string Id, string Name, OrganizationKind Kind, string? Province, bool? AutoPublish = null);

/// <summary>
/// Organizations with their units, unit contacts, officials who sign and due-date overrides
/// (<see cref="Organization.DueDates"/>). Writes: <see cref="AlreadyExistsException"/> on create of
/// an existing record, <see cref="StaleVersionException"/> on a stale ifMatch,
/// <see cref="EntityNotFoundException"/> when updating or deleting what is not there. Every write
/// appends its audit record (who: <c>actor</c>) in the same transaction as the change.
/// </summary>
public interface IOrganizationRepository
{
    Task<EntityVersion> CreateAsync(Organization organization, AuditActor actor, CancellationToken cancellationToken = default);

    Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken = default);

    Task<EntityVersion> UpdateAsync(Organization organization, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>The organization, its units and officials in one partition read; null if unknown.</summary>
    Task<OrganizationProfile?> GetProfileAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>All organizations by id, page by page from a directory partition (not a table scan).</summary>
    IAsyncEnumerable<OrganizationSummary> ListAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Versioned<Unit>>> ListUnitsAsync(string organizationId, CancellationToken cancellationToken = default);

    Task<Versioned<Unit>?> GetUnitAsync(string organizationId, string unitId, CancellationToken cancellationToken = default);

    /// <summary>Creates (ifMatch null: create-only) or replaces (ifMatch given).</summary>
    Task<EntityVersion> PutUnitAsync(Unit unit, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    Task DeleteUnitAsync(string organizationId, string unitId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Versioned<Official>>> ListOfficialsAsync(string organizationId, CancellationToken cancellationToken = default);

    Task<Versioned<Official>?> GetOfficialAsync(string organizationId, string officialId, CancellationToken cancellationToken = default);

    Task<EntityVersion> PutOfficialAsync(Official official, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    Task DeleteOfficialAsync(string organizationId, string officialId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);
}
