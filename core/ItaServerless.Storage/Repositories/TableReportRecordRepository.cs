// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Report records live in the year's plan partition, table "Plans", PartitionKey =
/// "{organization}|{fiscal year}", RowKey "report|{id}": so a request, each rendering outcome and
/// the publication are audited in the year's chain in the same transaction as the change.
/// </summary>
public sealed class TableReportRecordRepository(StorageTables tables, TimeProvider? clock = null) : IReportRecordRepository
{
    private const string ReportPrefix = "report|";
    private readonly AuditedWriter _audit = new(clock ?? TimeProvider.System);

    private TableClient Table => tables.Plans;

    public Task<EntityVersion> AddAsync(ReportRecord record, AuditActor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(TableTransactionActionType.Add, record, null, AuditActions.Request, actor, cancellationToken);

    public async Task<Versioned<ReportRecord>?> GetAsync(string organizationId, FiscalYear year, string id, CancellationToken cancellationToken = default)
    {
        var entity = await Table.FindEntityAsync(TablePlanRepository.Partition(organizationId, year), ReportPrefix + id, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(FromEntity(organizationId, year, entity), EntityWrites.Version(entity.ETag));
    }

    public async Task<IReadOnlyList<Versioned<ReportRecord>>> ListAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var records = new List<Versioned<ReportRecord>>();
        await foreach (var entity in Table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(TablePlanRepository.Partition(organizationId, year), ReportPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new(FromEntity(organizationId, year, entity), EntityWrites.Version(entity.ETag)));
        }
        return records.OrderByDescending(r => r.Value.CreatedAt).ThenBy(r => r.Value.Id, StringComparer.Ordinal).ToList();
    }

    public Task<EntityVersion> ReplaceAsync(ReportRecord record, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(TableTransactionActionType.UpdateReplace, record, ifMatch, AuditActions.Render, actor, cancellationToken);

    public async Task<EntityVersion> MarkPublishedAsync(string organizationId, FiscalYear year, string id, DateTimeOffset publishedAt, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(organizationId, year, id, cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"Report {id} of {organizationId}/{year} does not exist.");
        if (current.Version != ifMatch)
        {
            throw new StaleVersionException($"Report {id} of {organizationId}/{year} changed since version {ifMatch}.");
        }
        return await WriteAsync(TableTransactionActionType.UpdateReplace, current.Value with { PublishedAt = publishedAt }, ifMatch, AuditActions.Publish, actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<EntityVersion> WriteAsync(TableTransactionActionType type, ReportRecord record, EntityVersion? ifMatch, string action, AuditActor actor,
        CancellationToken cancellationToken) =>
        (await _audit.SubmitAsync(Table, [new AuditedChange(type, ToEntity(record), ifMatch, "report", record.Id, action)], actor, cancellationToken).ConfigureAwait(false))[0]!.Value;

    private static TableEntity ToEntity(ReportRecord r) => new(TablePlanRepository.Partition(r.OrganizationId, r.FiscalYear), ReportPrefix + r.Id)
    {
        ["Kind"] = r.Kind,
        ["Round"] = r.Round?.Code,
        ["BlobName"] = r.BlobName,
        ["CreatedAt"] = r.CreatedAt,
        ["CreatedBy"] = r.CreatedBy,
        ["PublishedAt"] = r.PublishedAt,
        ["Status"] = r.Status.Code(),
        ["Pages"] = r.Pdf?.Pages,
        ["Bytes"] = r.Pdf?.Bytes,
        ["Sha256"] = r.Pdf?.Sha256,
        ["RenderedAt"] = r.Pdf?.RenderedAt,
        ["Reason"] = r.Reason,
        ["Attempts"] = r.Attempts,
        ["IdempotencyKey"] = r.IdempotencyKey,
    };

    private static ReportRecord FromEntity(string organizationId, FiscalYear year, TableEntity e)
    {
        var record = new ReportRecord(
            organizationId,
            year,
            e.RowKey[ReportPrefix.Length..],
            e.GetString("Kind")!,
            e.GetString("Round") is { } round ? ReportingRound.FromCode(round) : null,
            e.GetString("BlobName")!,
            e.GetDateTimeOffset("CreatedAt")!.Value,
            e.GetString("CreatedBy"),
            e.GetDateTimeOffset("PublishedAt"))
        {
            IdempotencyKey = e.GetString("IdempotencyKey"),
        };
        // Rows from before rendering was tracked have no Status and read as queued.
        var status = e.GetString("Status") is { } code ? ReportStatuses.FromCode(code) : ReportStatus.Queued;
        var pdf = e.GetString("Sha256") is { } sha
            ? new RenderedPdf(e.GetInt32("Pages") ?? 0, e.GetInt64("Bytes") ?? 0, sha, e.GetDateTimeOffset("RenderedAt")!.Value)
            : null;
        return record.Restore(status, pdf, e.GetString("Reason"), e.GetInt32("Attempts") ?? 0);
    }
}
