// SPDX-License-Identifier: MIT
using Azure;
using Azure.Data.Tables;

namespace ItaServerless.Storage.Tables;

/// <summary>The table operations the repositories share, over Azure.Data.Tables.</summary>
public static class TableClientExtensions
{
    /// <summary>Most actions one entity group transaction may hold.</summary>
    public const int MaxTransactionActions = 100;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    /// <summary>The entity, or null when it does not exist.</summary>
    public static async Task<TableEntity?> FindEntityAsync(this TableClient table, string partitionKey, string rowKey,
        IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, WithKeys(select), cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    public static AsyncPageable<TableEntity> QueryPartitionAsync(this TableClient table, string partitionKey, string? additionalFilter = null,
        IEnumerable<string>? select = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        string filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        if (!string.IsNullOrWhiteSpace(additionalFilter))
        {
            filter += " and (" + additionalFilter + ")";
        }
        return table.QueryEntitiesAsync(filter, select, maxPerPage, cancellationToken);
    }

    /// <summary>A query whose rows always carry their keys, also when <paramref name="select"/> names only some columns.</summary>
    public static AsyncPageable<TableEntity> QueryEntitiesAsync(this TableClient table, string? filter, IEnumerable<string>? select = null,
        int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        table.QueryAsync<TableEntity>(filter, maxPerPage, WithKeys(select), cancellationToken);

    // A $select without the keys returns rows without them.
    private static string[]? WithKeys(IEnumerable<string>? select) =>
        select?.ToArray() is { Length: > 0 } columns ? new[] { "PartitionKey", "RowKey" }.Concat(columns).Distinct(StringComparer.Ordinal).ToArray() : null;

    /// <summary>The rows of one partition whose row key starts with <paramref name="rowKeyPrefix"/>.</summary>
    public static string PartitionWithRowKeyPrefix(string partitionKey, string rowKeyPrefix)
    {
        if (rowKeyPrefix.Length == 0)
        {
            return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
        }
        string upper = rowKeyPrefix[..^1] + (char)(rowKeyPrefix[^1] + 1);
        return TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {upper}");
    }

    /// <summary>
    /// Submits one entity group transaction. Azure refuses (400) a transaction over two partitions or
    /// more than 100 actions, while the SDK sends it and Azurite accepts it: refuse it here, before sending.
    /// </summary>
    public static async Task<IReadOnlyList<Response>> SubmitInOnePartitionAsync(this TableClient table, IReadOnlyList<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxTransactionActions} actions, not {actions.Count}.", nameof(actions));
        }
        string partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => a.Entity.PartitionKey != partition))
        {
            throw new ArgumentException("All actions of a transaction must share one PartitionKey.", nameof(actions));
        }
        if (actions.Select(a => a.Entity.RowKey).Distinct(StringComparer.Ordinal).Count() != actions.Count)
        {
            throw new ArgumentException("A transaction may touch each entity once.", nameof(actions));
        }
        return (await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>The stored properties of a row, without its keys, timestamp, ETag and null values, by name.</summary>
    public static IEnumerable<KeyValuePair<string, object>> StoredProperties(this TableEntity entity) =>
        entity.Where(p => p.Value is not null && !SystemProperties.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)!;

    /// <summary>
    /// Drops null-valued properties: Table storage has no null, and what a null becomes differs
    /// between Azure (absent) and emulators; a missing property is what readers expect.
    /// </summary>
    public static TableEntity WithoutNulls(this TableEntity entity)
    {
        foreach (var key in entity.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            entity.Remove(key);
        }
        return entity;
    }

    /// <summary>The ETag the service gave a write.</summary>
    public static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException($"The storage response ({response.Status}) has no ETag.");
}
