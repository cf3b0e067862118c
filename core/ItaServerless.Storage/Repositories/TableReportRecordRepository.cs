// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Report records live in the year's plan partition, table "Plans", PartitionKey =
/// "{organization}|{fiscal year}", RowKey "report|{id}" (<see cref="EntityKinds.Report"/>): so a
/// request, each rendering outcome and the publication are audited in the year's chain in the same
/// transaction as the change, and the partition's derived rows are kept like by every plan write.
/// </summary>
public sealed class TableReportRecordRepository(StorageTables tables, TimeProvider? clock = null) : IReportRecordRepository
{
    private readonly AuditedTable _plans = new(tables, EntityKinds.Plans, clock);

    public async Task<EntityVersion> AddAsync(ReportRecord record, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await WriteAsync(EntityKinds.Report.Create(Partition(record), record, AuditActions.Request), actor, cancellationToken).ConfigureAwait(false);
    }

    public Task<Versioned<ReportRecord>?> GetAsync(string organizationId, FiscalYear year, string id, CancellationToken cancellationToken = default) =>
        _plans.GetAsync(EntityKinds.Report, TablePlanRepository.Partition(organizationId, year), id, cancellationToken);

    public async Task<IReadOnlyList<Versioned<ReportRecord>>> ListAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var records = await _plans.ListAsync(EntityKinds.Report, TablePlanRepository.Partition(organizationId, year), cancellationToken).ConfigureAwait(false);
        return records.OrderByDescending(r => r.Value.CreatedAt).ThenBy(r => r.Value.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<EntityVersion> ReplaceAsync(ReportRecord record, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await WriteAsync(EntityKinds.Report.Replace(Partition(record), record, ifMatch, AuditActions.Render), actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EntityVersion> MarkPublishedAsync(string organizationId, FiscalYear year, string id, DateTimeOffset publishedAt, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(organizationId, year, id, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"Report {id} of {organizationId}/{year} does not exist.");
        if (current.Version != ifMatch)
        {
            throw new StaleVersionException($"Report {id} of {organizationId}/{year} changed since version {ifMatch}.");
        }
        var published = current.Value with { PublishedAt = publishedAt };
        return await WriteAsync(EntityKinds.Report.Replace(Partition(published), published, ifMatch, AuditActions.Publish), actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<EntityVersion> WriteAsync(AuditedChange change, AuditActor actor, CancellationToken cancellationToken) =>
        (await _plans.SubmitAsync([change], actor, cancellationToken).ConfigureAwait(false))[0]!.Value;

    private static string Partition(ReportRecord record) => TablePlanRepository.Partition(record.OrganizationId, record.FiscalYear);
}
