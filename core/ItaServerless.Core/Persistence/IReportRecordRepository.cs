// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Persistence;

/// <summary>
/// A generated document: organization, fiscal year, id, kind (e.g. "measures", "progress",
/// "anticorruption-progress", "ita-analysis"), round, the PDF's blob name, and publication.
/// </summary>
public sealed record ReportRecord(
    string OrganizationId,
    FiscalYear FiscalYear,
    string Id,
    string Kind,
    ReportingRound? Round,
    string BlobName,
    DateTimeOffset CreatedAt,
    string? CreatedBy = null,
    DateTimeOffset? PublishedAt = null)
{
    public string OrganizationId { get; } = Identifier.IsValid(OrganizationId) ? OrganizationId : throw new ArgumentException("Invalid organization id.", nameof(OrganizationId));

    public string Id { get; } = Identifier.IsValid(Id) ? Id : throw new ArgumentException("Invalid report id.", nameof(Id));

    public string Kind { get; } = Identifier.IsValid(Kind) ? Kind : throw new ArgumentException("Invalid report kind.", nameof(Kind));

    public string BlobName { get; } = string.IsNullOrWhiteSpace(BlobName) ? throw new ArgumentException("A report needs its blob.", nameof(BlobName)) : BlobName;
}

public interface IReportRecordRepository
{
    /// <summary>Records a new document; <see cref="AlreadyExistsException"/> if the id is taken.</summary>
    Task<EntityVersion> AddAsync(ReportRecord record, CancellationToken cancellationToken = default);

    Task<Versioned<ReportRecord>?> GetAsync(string organizationId, FiscalYear year, string id, CancellationToken cancellationToken = default);

    /// <summary>The year's documents of one organization, newest first.</summary>
    Task<IReadOnlyList<Versioned<ReportRecord>>> ListAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default);

    /// <summary>Marks it published; stale ifMatch → <see cref="StaleVersionException"/>.</summary>
    Task<EntityVersion> MarkPublishedAsync(string organizationId, FiscalYear year, string id, DateTimeOffset publishedAt, EntityVersion ifMatch, CancellationToken cancellationToken = default);
}
