// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The audit trail as <see cref="AuditedWriter"/> stores it: rows <c>~audit|…</c> in the
/// partition of the data they record, "Organizations"/{org} (organization, units, officials,
/// tokens) or "Plans"/{org}|{fiscal year} (assessment, measures, progress, reports).
/// </summary>
public sealed class TableAuditTrail(StorageTables tables) : IAuditTrail
{
    public async Task<AuditPage> ListAsync(string organizationId, FiscalYear? year, int limit, string? continuation, CancellationToken cancellationToken = default)
    {
        var (table, partition) = ChainOf(organizationId, year);
        var filter = TableClientExtensions.PartitionWithRowKeyPrefix(partition, AuditedWriter.AuditPrefix);
        await foreach (var page in table.QueryEntitiesAsync(filter, cancellationToken: cancellationToken).AsPages(continuation, Math.Clamp(limit, 1, 1000)).ConfigureAwait(false))
        {
            var records = page.Values.Select(AuditedWriter.FromRow).OfType<AuditRecord>().ToList();
            return new AuditPage(records, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
        return new AuditPage([], null);
    }

    public async Task<AuditVerification> VerifyAsync(string organizationId, FiscalYear? year, CancellationToken cancellationToken = default)
    {
        var (table, partition) = ChainOf(organizationId, year);
        var projection = year is null ? null : PlanReportingProjection.Instance;
        var records = new List<AuditRecord>();
        var unreadable = new List<AuditBreak>();
        var rows = new List<TableEntity>();
        TableEntity? projected = null;
        await foreach (var row in table.QueryPartitionAsync(partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == projection?.RowKey)
            {
                projected = row;
            }
            else if (!AuditedWriter.IsAuditRow(row.RowKey))
            {
                rows.Add(row);
            }
            else if (AuditedWriter.FromRow(row) is { } record && record.Sequence == AuditedWriter.SequenceOf(row.RowKey) && record.Chain == partition)
            {
                records.Add(record);
            }
            else
            {
                unreadable.Add(new AuditBreak(AuditedWriter.SequenceOf(row.RowKey), AuditBreaks.Unreadable));
            }
        }

        var chain = AuditVerification.OfChain(records, unreadable);
        return chain.With(StateBreak(records, rows) ?? ProjectionBreak(projection, projected, rows));
    }

    /// <summary>A derived row (not audited itself) must equal what the partition's rows give; a missing one is rebuilt by the next write.</summary>
    private static AuditBreak? ProjectionBreak(PartitionProjection? projection, TableEntity? projected, List<TableEntity> rows)
    {
        if (projection is null || projected is null) return null;
        bool same;
        try
        {
            var stored = projection.Read(projected);
            var expected = projection.Build(rows);
            same = stored.Count == expected.Count && stored.All(e => expected.TryGetValue(e.Key, out var v) && System.Text.Json.JsonElement.DeepEquals(v, e.Value));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            same = false;
        }
        return same ? null : new AuditBreak(null, AuditBreaks.StateMismatch, projected.RowKey);
    }

    /// <summary>
    /// Every stored row must be in the state its latest record gives it, and every entity whose
    /// latest record leaves it in place must still be stored.
    /// </summary>
    private static AuditBreak? StateBreak(List<AuditRecord> records, List<TableEntity> rows)
    {
        var bySequence = records.ToDictionary(r => r.Sequence);
        var latest = records.GroupBy(r => (r.EntityType, r.EntityId)).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence)!);
        var present = new HashSet<(string, string)>();
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (row.GetInt64(AuditedWriter.SequenceProperty) is not { } sequence) return new AuditBreak(null, AuditBreaks.Unaudited, row.RowKey);
            if (!bySequence.TryGetValue(sequence, out var record)) return new AuditBreak(sequence, AuditBreaks.RecordMissing, row.RowKey);
            var key = (record.EntityType, record.EntityId);
            if (record.After != AuditState.Of(row) || latest[key].Sequence != sequence) return new AuditBreak(sequence, AuditBreaks.StateMismatch, row.RowKey);
            present.Add(key);
        }
        var missing = latest.Values.Where(r => r.After is not null && !present.Contains((r.EntityType, r.EntityId))).MinBy(r => r.Sequence);
        return missing is null ? null : new AuditBreak(missing.Sequence, AuditBreaks.StateMismatch, $"{missing.EntityType}/{missing.EntityId}");
    }

    private (TableClient Table, string Partition) ChainOf(string organizationId, FiscalYear? year) =>
        year is null ? (tables.Organizations, organizationId) : (tables.Plans, TablePlanRepository.Partition(organizationId, year));
}
