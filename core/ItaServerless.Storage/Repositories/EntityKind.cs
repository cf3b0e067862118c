// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// What an audited table knows of a kind of row: its name in the audit trail and which row keys
/// are its own. Declared once in <see cref="EntityKinds"/> and listed in one <see cref="AuditedTableSchema"/>.
/// </summary>
internal interface IEntityKind
{
    /// <summary>The audit trail's entity type ("measure"): stored in every record, so it never changes.</summary>
    string Name { get; }

    /// <summary>The kind's fixed row key ("org"), or the prefix of its row keys ("unit|").</summary>
    string RowKeyPattern { get; }

    /// <summary>Whether <see cref="RowKeyPattern"/> is a prefix.</summary>
    bool IsPrefixed { get; }

    bool Owns(string rowKey);
}

/// <summary>
/// One kind of audited row: <typeparamref name="T"/> the stored value, <typeparamref name="TKey"/>
/// what names it inside its partition. Knows the row key, the audit trail's name and id, and how
/// the value is stored in a row and rebuilt from one. A row that cannot be rebuilt is a
/// <see cref="StoredDataException"/>. Changes are made here (<see cref="Create"/>, <see cref="Replace"/>,
/// <see cref="Delete"/>) and written only by the <see cref="AuditedTable"/> of the kind's table.
/// </summary>
internal sealed class EntityKind<T, TKey> : IEntityKind
{
    private readonly Func<TKey, string> _rowKeyPart;
    private readonly Func<T, TKey> _keyOf;
    private readonly Func<TKey, string> _idOf;
    private readonly Action<TableEntity, T> _write;
    private readonly Func<TableEntity, string, T> _read;

    internal EntityKind(string name, string rowKeyPattern, bool prefixed, Func<T, TKey> key, Func<TKey, string> rowKeyPart,
        Func<TKey, string> id, Action<TableEntity, T> write, Func<TableEntity, string, T> read)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrEmpty(rowKeyPattern);
        Name = name;
        RowKeyPattern = rowKeyPattern;
        IsPrefixed = prefixed;
        _keyOf = key;
        _rowKeyPart = rowKeyPart;
        _idOf = id;
        _write = write;
        _read = read;
    }

    public string Name { get; }

    public string RowKeyPattern { get; }

    public bool IsPrefixed { get; }

    public bool Owns(string rowKey) => IsPrefixed
        ? rowKey.Length > RowKeyPattern.Length && rowKey.StartsWith(RowKeyPattern, StringComparison.Ordinal)
        : rowKey == RowKeyPattern;

    public TKey KeyOf(T value) => _keyOf(value);

    public string RowKey(TKey key) => IsPrefixed ? RowKeyPattern + _rowKeyPart(key) : RowKeyPattern;

    /// <summary>The audit trail's id of the entity ("ita-3", "ita-3/6m").</summary>
    public string Id(TKey key) => _idOf(key);

    public TableEntity ToRow(string partition, T value)
    {
        var row = new TableEntity(partition, RowKey(KeyOf(value)));
        _write(row, value);
        return row;
    }

    /// <summary>Rebuilds the stored value; a row that cannot be rebuilt is a data or code defect, never the caller's input.</summary>
    public T FromRow(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!Owns(row.RowKey)) throw new ArgumentException($"Row {row.RowKey} is not a {Name}.", nameof(row));
        T value;
        try
        {
            value = _read(row, row.RowKey[RowKeyPattern.Length..]);
        }
        catch (Exception e) when (e is not (StoredDataException or OperationCanceledException or OutOfMemoryException))
        {
            throw new StoredDataException($"Stored {Name} {row.PartitionKey}/{row.RowKey} cannot be read: {e.Message}", e);
        }
        // The row's content names the same entity as its key (a measure's plan and number, a report's round).
        return RowKey(KeyOf(value)) == row.RowKey ? value : throw new StoredDataException($"Stored {Name} {row.PartitionKey}/{row.RowKey} holds {Id(KeyOf(value))}.");
    }

    public AuditedChange Create(string partition, T value, string action = AuditActions.Create) =>
        new(TableTransactionActionType.Add, ToRow(partition, value), null, this, Id(KeyOf(value)), action);

    public AuditedChange Replace(string partition, T value, EntityVersion ifMatch, string action = AuditActions.Update, TableEntity? current = null) =>
        new(TableTransactionActionType.UpdateReplace, ToRow(partition, value), ifMatch, this, Id(KeyOf(value)), action, current);

    /// <summary>Create-only without <paramref name="ifMatch"/>, else a conditional replace.</summary>
    public AuditedChange Put(string partition, T value, EntityVersion? ifMatch) =>
        ifMatch is { } version ? Replace(partition, value, version) : Create(partition, value);

    public AuditedChange Delete(string partition, TKey key, EntityVersion ifMatch, TableEntity? current = null) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, RowKey(key)), ifMatch, this, Id(key), AuditActions.Delete, current);
}

/// <summary>The two shapes of row keys a kind may have.</summary>
internal static class EntityKind
{
    /// <summary>One row per partition, e.g. "org" or "assessment"; <paramref name="read"/> gets "" as the key part.</summary>
    public static EntityKind<T, TKey> Single<T, TKey>(string name, string rowKey, Func<T, TKey> key, Func<TKey, string> id,
        Action<TableEntity, T> write, Func<TableEntity, string, T> read) =>
        new(name, rowKey, prefixed: false, key, _ => "", id, write, read);

    /// <summary>Rows "{prefix}{part}", e.g. "unit|finance"; <paramref name="read"/> gets the part after the prefix.</summary>
    public static EntityKind<T, TKey> Prefixed<T, TKey>(string name, string prefix, Func<T, TKey> key, Func<TKey, string> rowKeyPart,
        Func<TKey, string> id, Action<TableEntity, T> write, Func<TableEntity, string, T> read) =>
        new(name, prefix, prefixed: true, key, rowKeyPart, id, write, read);
}
