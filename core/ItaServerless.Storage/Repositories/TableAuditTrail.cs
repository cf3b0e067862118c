// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The audit trail as <see cref="AuditedTable"/> stores it: rows <c>~audit|…</c> in the
/// partition of the data they record, "Organizations"/{org} (organization, units, officials,
/// tokens) or "Plans"/{org}|{fiscal year} (assessment, measures, progress, reports); the kinds
/// and derived rows of each table are those of <see cref="EntityKinds"/>.
/// </summary>
public sealed class TableAuditTrail(StorageTables tables) : IAuditTrail
{
    public async Task<AuditPage> ListAsync(string organizationId, FiscalYear? year, int limit, string? continuation, CancellationToken cancellationToken = default)
    {
        var (schema, partition) = ChainOf(organizationId, year);
        var table = schema.TableOf(tables);
        var filter = TableClientExtensions.PartitionWithRowKeyPrefix(partition, AuditRows.AuditPrefix);
        await foreach (var page in table.QueryEntitiesAsync(filter, cancellationToken: cancellationToken).AsPages(continuation, Math.Clamp(limit, 1, 1000)).ConfigureAwait(false))
        {
            var records = page.Values.Select(AuditRows.FromRow).OfType<AuditRecord>().ToList();
            return new AuditPage(records, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }
        return new AuditPage([], null);
    }

    public async Task<AuditVerification> VerifyAsync(string organizationId, FiscalYear? year, CancellationToken cancellationToken = default)
    {
        var (schema, partition) = ChainOf(organizationId, year);
        var records = new List<AuditRecord>();
        var unreadable = new List<AuditBreak>();
        var rows = new List<TableEntity>();
        var projected = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in schema.TableOf(tables).QueryPartitionAsync(partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (schema.Projections.Any(p => p.RowKey == row.RowKey))
            {
                projected[row.RowKey] = row;
            }
            else if (!AuditRows.IsAuditRow(row.RowKey))
            {
                rows.Add(row);
            }
            else if (AuditRows.FromRow(row) is { } record && record.Sequence == AuditRows.SequenceOf(row.RowKey) && record.Chain == partition)
            {
                records.Add(record);
            }
            else
            {
                unreadable.Add(new AuditBreak(AuditRows.SequenceOf(row.RowKey), AuditBreaks.Unreadable));
            }
        }

        var chain = AuditVerification.OfChain(records, unreadable);
        return chain.With(StateBreak(records, rows)
            ?? schema.Projections.Select(p => ProjectionBreak(p, projected.GetValueOrDefault(p.RowKey), rows)).FirstOrDefault(b => b is not null));
    }

    /// <summary>A derived row (not audited itself) must equal what the partition's rows give; a missing one is rebuilt by the next write.</summary>
    private static AuditBreak? ProjectionBreak(PartitionProjection projection, TableEntity? projected, List<TableEntity> rows)
    {
        if (projected is null) return null;
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
            if (row.GetInt64(AuditRows.SequenceProperty) is not { } sequence) return new AuditBreak(null, AuditBreaks.Unaudited, row.RowKey);
            if (!bySequence.TryGetValue(sequence, out var record)) return new AuditBreak(sequence, AuditBreaks.RecordMissing, row.RowKey);
            var key = (record.EntityType, record.EntityId);
            if (record.After != AuditState.Of(row) || latest[key].Sequence != sequence) return new AuditBreak(sequence, AuditBreaks.StateMismatch, row.RowKey);
            present.Add(key);
        }
        var missing = latest.Values.Where(r => r.After is not null && !present.Contains((r.EntityType, r.EntityId))).MinBy(r => r.Sequence);
        return missing is null ? null : new AuditBreak(missing.Sequence, AuditBreaks.StateMismatch, $"{missing.EntityType}/{missing.EntityId}");
    }

    private static (AuditedTableSchema Schema, string Partition) ChainOf(string organizationId, FiscalYear? year) =>
        year is null ? (EntityKinds.Organizations, organizationId) : (EntityKinds.Plans, TablePlanRepository.Partition(organizationId, year));
}
