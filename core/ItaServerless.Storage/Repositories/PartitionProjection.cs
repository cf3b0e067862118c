// SPDX-License-Identifier: MIT
using System.Text.Json;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// A row derived from the other rows of its partition: a map from each source row's key to that
/// row's summary (JSON), for the rows that take part. Bound to its table in
/// <see cref="AuditedTableSchema"/>: the table's <see cref="AuditedTable"/> rewrites it in the same
/// entity group transaction as every change (If-Match on the row), so it is never behind its
/// partition, and a reader that needs the gist of a whole partition makes one point read instead
/// of a partition query. When the row is missing (data written before the projection existed) it
/// is built from the partition: by the next write, and by readers meanwhile.
/// </summary>
internal abstract class PartitionProjection
{
    /// <summary>Starts with '~' so that it sorts after the data rows and outside their prefixes; not an audit row.</summary>
    public abstract string RowKey { get; }

    /// <summary>The summary of one source row, or null when the row does not take part.</summary>
    protected abstract JsonElement? Summarize(TableEntity row);

    /// <summary>The map of a whole partition's rows (the projection row and audit rows are skipped).</summary>
    public SortedDictionary<string, JsonElement> Build(IEnumerable<TableEntity> rows)
    {
        var map = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => IsSource(r.RowKey)))
        {
            if (Summarize(row) is { } summary) map[row.RowKey] = summary;
        }
        return map;
    }

    /// <summary>The map after <paramref name="changes"/>.</summary>
    public SortedDictionary<string, JsonElement> Apply(IDictionary<string, JsonElement> map, IEnumerable<AuditedChange> changes)
    {
        var next = new SortedDictionary<string, JsonElement>(map, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            var summary = change.Type == TableTransactionActionType.Delete ? null : Summarize(change.Row);
            if (summary is { } value) next[change.Row.RowKey] = value;
            else next.Remove(change.Row.RowKey);
        }
        return next;
    }

    public SortedDictionary<string, JsonElement> Read(TableEntity projection) =>
        new(StoredJson.Read<Dictionary<string, JsonElement>>(projection), StringComparer.Ordinal);

    public TableEntity ToEntity(string partition, IReadOnlyDictionary<string, JsonElement> map)
    {
        var entity = new TableEntity(partition, RowKey);
        StoredJson.Write(entity, map);
        return entity;
    }

    /// <summary>The map of <paramref name="partition"/>: the projection row, or the partition's rows when it is missing.</summary>
    public async Task<SortedDictionary<string, JsonElement>> LoadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var row = await table.FindEntityAsync(partition, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is not null ? Read(row) : await BuildFromPartitionAsync(table, partition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SortedDictionary<string, JsonElement>> BuildFromPartitionAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        // Data rows only: "~audit|…" and the projection itself start with '~'.
        await foreach (var row in table.QueryPartitionAsync(partition, TableClient.CreateQueryFilter($"RowKey lt {"~"}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return Build(rows);
    }

    private bool IsSource(string rowKey) => rowKey != RowKey && !AuditRows.IsAuditRow(rowKey);
}
