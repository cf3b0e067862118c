// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// One row change of an audited write, made by its <see cref="EntityKind{T, TKey}"/> (which gives
/// the audit trail's entity type and id). <see cref="TableTransactionActionType.Add"/> is
/// create-only; <see cref="TableTransactionActionType.UpdateReplace"/> and
/// <see cref="TableTransactionActionType.Delete"/> need <see cref="IfMatch"/>. <see cref="Current"/>
/// is the stored row when the caller has already read it.
/// </summary>
internal sealed record AuditedChange(
    TableTransactionActionType Type,
    TableEntity Row,
    EntityVersion? IfMatch,
    IEntityKind Kind,
    string EntityId,
    string Action,
    TableEntity? Current = null)
{
    public string EntityType => Kind.Name;
}

/// <summary>
/// What one audited table holds: its entity kinds (each row key owned by at most one kind) and
/// the rows derived from them (<see cref="PartitionProjection"/>), which every write of the
/// table maintains. The registry of the product's tables is <see cref="EntityKinds"/>.
/// </summary>
internal sealed class AuditedTableSchema
{
    private const int MaxActions = 100;
    private readonly Func<StorageTables, TableClient> _table;

    public AuditedTableSchema(Func<StorageTables, TableClient> table, IReadOnlyList<IEntityKind> kinds, IReadOnlyList<PartitionProjection>? projections = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(kinds);
        _table = table;
        Kinds = kinds.ToArray();
        Projections = (projections ?? []).ToArray();
        foreach (var kind in Kinds)
        {
            // '~' starts the audit rows and the derived rows: a data row never does.
            if (kind.RowKeyPattern.StartsWith('~')) throw new ArgumentException($"Kind {kind.Name}: row keys starting with '~' are reserved.", nameof(kinds));
            if (Kinds.Count(k => k.Name == kind.Name) > 1) throw new ArgumentException($"Two kinds are named {kind.Name}.", nameof(kinds));
            if (Kinds.FirstOrDefault(k => k != kind && Overlap(k, kind)) is { } other)
            {
                throw new ArgumentException($"Kinds {other.Name} and {kind.Name} claim the same row keys.", nameof(kinds));
            }
        }
        foreach (var projection in Projections)
        {
            if (!projection.RowKey.StartsWith('~') || AuditRows.IsAuditRow(projection.RowKey) || Projections.Count(p => p.RowKey == projection.RowKey) > 1)
            {
                throw new ArgumentException($"A derived row's key starts with '~', is not an audit row and is unique: {projection.RowKey}.", nameof(projections));
            }
        }
        MaxChangesPerWrite = (MaxActions - Projections.Count) / 2;
    }

    public IReadOnlyList<IEntityKind> Kinds { get; }

    public IReadOnlyList<PartitionProjection> Projections { get; }

    /// <summary>Each change takes its audit record; the derived rows take one action each.</summary>
    public int MaxChangesPerWrite { get; }

    public TableClient TableOf(StorageTables tables) => _table(tables);

    public bool Holds(IEntityKind kind) => Kinds.Contains(kind);

    /// <summary>The same table with one more kind: all it takes to store a new entity audited, with the derived rows kept.</summary>
    public AuditedTableSchema With(IEntityKind kind) => new(_table, [.. Kinds, kind], Projections);

    private static bool Overlap(IEntityKind a, IEntityKind b) =>
        a.RowKeyPattern == b.RowKeyPattern
        || (a.IsPrefixed && b.RowKeyPattern.StartsWith(a.RowKeyPattern, StringComparison.Ordinal))
        || (b.IsPrefixed && a.RowKeyPattern.StartsWith(b.RowKeyPattern, StringComparison.Ordinal));
}

/// <summary>
/// The only writer of an audited table (<see cref="AuditedTableSchema"/>): writes changes together
/// with their audit records and the partition's derived rows in ONE entity group transaction
/// (same table, same partition), so a change never exists without its record nor a record without
/// its change, and a derived row is never behind its partition. The records of a partition form a
/// hash chain: row key <c>~audit|{999999999999 - sequence}</c> (newest first), each record holding
/// the previous record's hash. The next sequence is taken by a create-only insert in the same
/// transaction: of two concurrent writers one wins, the other's whole transaction fails on the
/// sequence row (or on a derived row's If-Match) and is retried on the new head (its own If-Match
/// still decides whether its change may be applied at all). Every changed row carries
/// <c>AuditSeq</c>, the sequence of its latest record, so verification can compare the row with it.
/// </summary>
internal sealed class AuditedTable
{
    private const int MaxAttempts = 12;
    private readonly TimeProvider _clock;

    public AuditedTable(StorageTables tables, AuditedTableSchema schema, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(schema);
        Schema = schema;
        Client = schema.TableOf(tables);
        _clock = clock ?? TimeProvider.System;
    }

    public TableClient Client { get; }

    public AuditedTableSchema Schema { get; }

    public async Task<Versioned<T>?> GetAsync<T, TKey>(EntityKind<T, TKey> kind, string partition, TKey key, CancellationToken cancellationToken)
    {
        Require(kind);
        var row = await Client.FindEntityAsync(partition, kind.RowKey(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is null ? null : new(kind.FromRow(row), EntityWrites.Version(row.ETag));
    }

    /// <summary>The partition's rows of <paramref name="kind"/> whose key part starts with <paramref name="keyPrefix"/>, in row key order.</summary>
    public async Task<List<Versioned<T>>> ListAsync<T, TKey>(EntityKind<T, TKey> kind, string partition, CancellationToken cancellationToken, string keyPrefix = "")
    {
        Require(kind);
        if (!kind.IsPrefixed) throw new ArgumentException($"Kind {kind.Name} has one row per partition.", nameof(kind));
        var items = new List<Versioned<T>>();
        var filter = TableClientExtensions.PartitionWithRowKeyPrefix(partition, kind.RowKeyPattern + keyPrefix);
        await foreach (var row in Client.QueryEntitiesAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new(kind.FromRow(row), EntityWrites.Version(row.ETag)));
        }
        return items;
    }

    /// <summary>Create-only without <paramref name="ifMatch"/>, else a conditional replace; audited either way.</summary>
    public async Task<EntityVersion> PutAsync<T, TKey>(EntityKind<T, TKey> kind, string partition, T value, EntityVersion? ifMatch, AuditActor actor,
        CancellationToken cancellationToken) =>
        (await SubmitAsync([kind.Put(partition, value, ifMatch)], actor, cancellationToken).ConfigureAwait(false))[0]!.Value;

    /// <summary>
    /// Applies <paramref name="changes"/> (one partition) with their audit records and rewrites the
    /// partition's derived rows; the new versions (null for deletes), in order.
    /// </summary>
    public async Task<IReadOnlyList<EntityVersion?>> SubmitAsync(IReadOnlyList<AuditedChange> changes, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(actor);
        var table = Client;
        var projections = Schema.Projections;
        int maxChanges = Schema.MaxChangesPerWrite;
        if (changes.Count == 0 || changes.Count > maxChanges) throw new ArgumentException($"1 to {maxChanges} changes per write.", nameof(changes));
        string partition = changes[0].Row.PartitionKey;
        if (changes.Any(c => c.Row.PartitionKey != partition)) throw new ArgumentException("An audited write stays in one partition.", nameof(changes));
        foreach (var change in changes)
        {
            Require(change.Kind);
            if (!change.Kind.Owns(change.Row.RowKey)) throw new ArgumentException($"Row {change.Row.RowKey} is not a {change.Kind.Name}.", nameof(changes));
        }

        // The state each change replaces, read once: the transaction's If-Match guarantees it is still the one replaced.
        var before = new string?[changes.Count];
        for (int i = 0; i < changes.Count; i++)
        {
            before[i] = await BeforeAsync(table, changes[i], cancellationToken).ConfigureAwait(false);
        }

        string writeId = Guid.NewGuid().ToString("N");
        foreach (var change in changes.Where(c => c.Type != TableTransactionActionType.Delete))
        {
            change.Row.WithoutNulls()[AuditRows.WriteIdProperty] = writeId;
        }

        for (int attempt = 1; ; attempt++)
        {
            // The reads at once: the shorter the time from reading to submitting, the fewer lost races.
            var projected = projections.Select(p => table.FindEntityAsync(partition, p.RowKey, cancellationToken: cancellationToken)).ToArray();
            var (headSequence, headHash) = await ReadHeadAsync(table, partition, cancellationToken).ConfigureAwait(false);
            var currentProjections = await Task.WhenAll(projected).ConfigureAwait(false);
            var now = _clock.GetUtcNow();
            var actions = new List<TableTransactionAction>(changes.Count * 2 + projections.Count);
            var auditRows = new List<TableEntity>(changes.Count);
            string previous = headHash;
            for (int i = 0; i < changes.Count; i++)
            {
                var change = changes[i];
                long sequence = headSequence + 1 + i;
                string? after = null;
                if (change.Type != TableTransactionActionType.Delete)
                {
                    change.Row[AuditRows.SequenceProperty] = sequence;
                    after = AuditState.Of(change.Row);
                }
                var record = AuditRecord.Create(partition, sequence, now, actor, change.EntityType, change.EntityId, change.Action, before[i], after, previous);
                previous = record.Hash;
                auditRows.Add(AuditRows.ToRow(record, writeId));
                actions.Add(new TableTransactionAction(change.Type, change.Row, change.IfMatch is { } v ? new ETag(v.Value) : default));
            }
            for (int p = 0; p < projections.Count; p++)
            {
                actions.Add(await ProjectionActionAsync(table, partition, projections[p], currentProjections[p], changes, headSequence, cancellationToken).ConfigureAwait(false));
            }
            actions.AddRange(auditRows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));

            try
            {
                var results = (await table.SubmitInOnePartitionAsync(actions, cancellationToken).ConfigureAwait(false));
                return changes.Select((c, i) => c.Type == TableTransactionActionType.Delete ? (EntityVersion?)null : EntityWrites.Version(TableClientExtensions.ETagOf(results[i]))).ToArray();
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is int index && index < changes.Count)
            {
                throw Failure(table, changes[index], ex);
            }
            catch (TableTransactionFailedException ex) when (attempt < MaxAttempts && LostRace(ex, changes.Count, projections.Count))
            {
                // Another write took the sequence (or rewrote a derived row) first: chain onto the new head.
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), cancellationToken).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (LostRace(ex, changes.Count, projections.Count))
            {
                throw new WriteContentionException($"{table.Name}/{partition}: the audit sequence stayed contended after {MaxAttempts} tries.", ex);
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is null && ex.Status is 404 or 412)
            {
                throw Failure(table, changes[0], ex);
            }
            catch (Exception ex) when (attempt < MaxAttempts && EntityWrites.IsAmbiguous(ex, cancellationToken))
            {
                // No answer: our first audit row tells whether the transaction landed (all or nothing).
                var landed = await table.FindEntityAsync(partition, auditRows[0].RowKey, [AuditRows.WriteIdProperty], cancellationToken).ConfigureAwait(false);
                if (landed?.GetString(AuditRows.WriteIdProperty) == writeId)
                {
                    return await VersionsAsync(table, changes, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private void Require(IEntityKind kind)
    {
        if (!Schema.Holds(kind)) throw new ArgumentException($"Kind {kind.Name} is not stored in table {Client.Name}.", nameof(kind));
    }

    /// <summary>
    /// The projection row after <paramref name="changes"/>, conditional on the version read. A
    /// partition with no audit record yet has no data rows, so a missing projection starts empty
    /// there; otherwise a missing one is built from the partition's rows.
    /// </summary>
    private static async Task<TableTransactionAction> ProjectionActionAsync(TableClient table, string partition, PartitionProjection projection,
        TableEntity? current, IReadOnlyList<AuditedChange> changes, long headSequence, CancellationToken cancellationToken)
    {
        var map = current is not null ? projection.Read(current)
            : headSequence == 0 ? new SortedDictionary<string, JsonElement>(StringComparer.Ordinal)
            : await projection.BuildFromPartitionAsync(table, partition, cancellationToken).ConfigureAwait(false);
        var row = projection.ToEntity(partition, projection.Apply(map, changes));
        return current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, row)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag);
    }

    /// <summary>A concurrent write got in first: on the audit sequence (409) or on a derived row (412 at its index, right after the changes).</summary>
    private static bool LostRace(TableTransactionFailedException ex, int changeCount, int projectionCount) =>
        ex.Status == 409
        || (ex.Status == 412 && ex.FailedTransactionActionIndex is int index && index >= changeCount && index < changeCount + projectionCount);

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(TableClient table, string partition, CancellationToken cancellationToken)
    {
        await foreach (var row in table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(partition, AuditRows.AuditPrefix), ["Seq", "Hash"], 1, cancellationToken).ConfigureAwait(false))
        {
            return (AuditRows.SequenceOf(row.RowKey) ?? 0, row.GetString("Hash") ?? "");
        }
        return (0, AuditRecord.Genesis);
    }

    private static async Task<string?> BeforeAsync(TableClient table, AuditedChange change, CancellationToken cancellationToken)
    {
        if (change.Type == TableTransactionActionType.Add) return null;
        var expected = change.IfMatch ?? throw new ArgumentException("An update or delete needs its If-Match version.", nameof(change));
        var current = change.Current ?? await table.FindEntityAsync(change.Row.PartitionKey, change.Row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false)
            ?? throw new EntityNotFoundException($"{Describe(table, change.Row)} does not exist.");
        return current.ETag.ToString() == expected.Value
            ? AuditState.Of(current)
            : throw new StaleVersionException($"{Describe(table, change.Row)} changed since version {expected}.");
    }

    private static async Task<IReadOnlyList<EntityVersion?>> VersionsAsync(TableClient table, IReadOnlyList<AuditedChange> changes, CancellationToken cancellationToken)
    {
        var versions = new EntityVersion?[changes.Count];
        for (int i = 0; i < changes.Count; i++)
        {
            if (changes[i].Type == TableTransactionActionType.Delete) continue;
            var row = await table.FindEntityAsync(changes[i].Row.PartitionKey, changes[i].Row.RowKey, [AuditRows.WriteIdProperty], cancellationToken).ConfigureAwait(false)
                ?? throw new EntityNotFoundException($"{Describe(table, changes[i].Row)} was written and is gone again.");
            versions[i] = EntityWrites.Version(row.ETag);
        }
        return versions;
    }

    private static Exception Failure(TableClient table, AuditedChange change, TableTransactionFailedException ex) => ex.Status switch
    {
        409 => new AlreadyExistsException($"{Describe(table, change.Row)} already exists.", ex),
        412 => new StaleVersionException($"{Describe(table, change.Row)} changed since version {change.IfMatch}.", ex),
        404 => new EntityNotFoundException($"{Describe(table, change.Row)} does not exist.", ex),
        _ => ex,
    };

    private static string Describe(TableClient table, TableEntity row) => $"{table.Name}/{row.PartitionKey}/{row.RowKey}";
}

/// <summary>
/// The audit records as rows: <c>~audit|{999999999999 - sequence}</c> in the partition they record,
/// with the record's fields, <c>Before</c>/<c>After</c> chunked like <c>Data</c>.
/// </summary>
internal static class AuditRows
{
    public const string AuditPrefix = "~audit|";
    public const string SequenceProperty = "AuditSeq";
    internal const string WriteIdProperty = "WriteId";
    internal const string BeforePrefix = "Before";
    internal const string AfterPrefix = "After";
    private const long MaxSequence = 999_999_999_999;

    /// <summary>The audit row of <paramref name="record"/>.</summary>
    internal static TableEntity ToRow(AuditRecord record, string? writeId = null)
    {
        var row = new TableEntity(record.Chain, RowKeyOf(record.Sequence))
        {
            ["Seq"] = record.Sequence,
            ["At"] = record.AtText,
            ["ActorKind"] = record.Actor.KindCode,
            ["ActorId"] = record.Actor.TokenId,
            ["ActorName"] = record.Actor.Name,
            ["EntityType"] = record.EntityType,
            ["EntityId"] = record.EntityId,
            ["Action"] = record.Action,
            ["Prev"] = record.PreviousHash,
            ["Hash"] = record.Hash,
            [WriteIdProperty] = writeId,
        };
        if (record.Before is not null) StoredJson.WriteText(row, BeforePrefix, record.Before);
        if (record.After is not null) StoredJson.WriteText(row, AfterPrefix, record.After);
        return row.WithoutNulls();
    }

    /// <summary>Reads an audit row back; null when a field is missing or malformed (verification reports it).</summary>
    internal static AuditRecord? FromRow(TableEntity row)
    {
        try
        {
            var actor = AuditActor.Restore(AuditActor.ParseKind(row.GetString("ActorKind")), row.GetString("ActorId"),
                row.GetString("ActorName") ?? throw new FormatException("no actor"));
            var at = DateTimeOffset.ParseExact(row.GetString("At") ?? throw new FormatException("no time"),
                "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            return new AuditRecord(row.PartitionKey, row.GetInt64("Seq") ?? throw new FormatException("no sequence"), at, actor,
                Required(row, "EntityType"), Required(row, "EntityId"), Required(row, "Action"),
                StoredJson.ReadText(row, BeforePrefix), StoredJson.ReadText(row, AfterPrefix), Required(row, "Prev"), Required(row, "Hash"));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }

    internal static string RowKeyOf(long sequence) => AuditPrefix + (MaxSequence - sequence).ToString("D12", CultureInfo.InvariantCulture);

    internal static long? SequenceOf(string rowKey) =>
        rowKey.StartsWith(AuditPrefix, StringComparison.Ordinal) && long.TryParse(rowKey.AsSpan(AuditPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted)
            ? MaxSequence - inverted
            : null;

    internal static bool IsAuditRow(string rowKey) => rowKey.StartsWith(AuditPrefix, StringComparison.Ordinal);

    private static string Required(TableEntity row, string name) => row.GetString(name) ?? throw new FormatException($"no {name}");
}

/// <summary>
/// The state of a stored row as the audit trail records it: the domain JSON in <c>Data</c> when
/// the row has one, else a JSON object of its properties by name (times to the second, which every
/// store keeps). Bookkeeping (WriteId, AuditSeq) and secrets (a token's hash) are left out.
/// </summary>
internal static class AuditState
{
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { AuditRows.WriteIdProperty, AuditRows.SequenceProperty, "SecretSha256" };

    public static string Of(TableEntity row)
    {
        if (StoredJson.ReadText(row, StoredJson.Prefix) is { } json) return json;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in row.StoredProperties().Where(p => !Ignored.Contains(p.Key)))
            {
                switch (value)
                {
                    case string s: writer.WriteString(name, s); break;
                    case bool b: writer.WriteBoolean(name, b); break;
                    case int n: writer.WriteNumber(name, n); break;
                    case long n: writer.WriteNumber(name, n); break;
                    case double d: writer.WriteNumber(name, d); break;
                    case DateTimeOffset t: writer.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)); break;
                    case Guid g: writer.WriteString(name, g.ToString("D")); break;
                    case byte[] bytes: writer.WriteBase64String(name, bytes); break;
                    case BinaryData data: writer.WriteBase64String(name, data.ToMemory().Span); break;
                    default: writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
