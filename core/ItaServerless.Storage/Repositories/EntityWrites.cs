// SPDX-License-Identifier: MIT
using Azure;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Writes with end-to-end ETags that also resolve the "did my write land?" ambiguity: every
/// write stamps a fresh WriteId; after a timeout or 5xx the row is read back, and our own
/// WriteId means the write succeeded, another one means we lost, an unchanged ETag means it is
/// safe to try again. Storage errors become the Core persistence exceptions.
/// </summary>
internal static class EntityWrites
{
    private const string WriteIdProperty = "WriteId";
    private const int MaxAttempts = 3;

    public static async Task<EntityVersion> InsertAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        string writeId = Stamp(entity);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return Version(TableClientExtensions.ETagOf(await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)));
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && ex.ErrorCode == StorageErrors.EntityAlreadyExists)
            {
                if (attempt > 1 && await ReadAsync(table, entity, cancellationToken).ConfigureAwait(false) is { } mine && IsMine(mine, writeId))
                {
                    return Version(mine.ETag);
                }
                throw new AlreadyExistsException($"{Describe(table, entity)} already exists.", ex);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsAmbiguous(ex, cancellationToken))
            {
                var current = await ReadAsync(table, entity, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    continue;
                }
                return IsMine(current, writeId)
                    ? Version(current.ETag)
                    : throw new AlreadyExistsException($"{Describe(table, entity)} already exists.", ex);
            }
        }
    }

    /// <summary>Replace if the stored version is still <paramref name="ifMatch"/>.</summary>
    public static async Task<EntityVersion> ReplaceAsync(TableClient table, TableEntity entity, EntityVersion ifMatch, CancellationToken cancellationToken)
    {
        string writeId = Stamp(entity);
        var etag = new ETag(ifMatch.Value);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return Version(TableClientExtensions.ETagOf(await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)));
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                if (attempt > 1 && await ReadAsync(table, entity, cancellationToken).ConfigureAwait(false) is { } mine && IsMine(mine, writeId))
                {
                    return Version(mine.ETag);
                }
                throw new StaleVersionException($"{Describe(table, entity)} changed since version {ifMatch}.", ex);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != StorageErrors.TableNotFound)
            {
                throw new EntityNotFoundException($"{Describe(table, entity)} does not exist.", ex);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsAmbiguous(ex, cancellationToken))
            {
                var current = await ReadAsync(table, entity, cancellationToken).ConfigureAwait(false)
                    ?? throw new EntityNotFoundException($"{Describe(table, entity)} does not exist.", ex);
                if (IsMine(current, writeId))
                {
                    return Version(current.ETag);
                }
                if (current.ETag != etag)
                {
                    throw new StaleVersionException($"{Describe(table, entity)} changed since version {ifMatch}.", ex);
                }
            }
        }
    }

    /// <summary>Create-only when <paramref name="ifMatch"/> is null, else a conditional replace.</summary>
    public static Task<EntityVersion> PutAsync(TableClient table, TableEntity entity, EntityVersion? ifMatch, CancellationToken cancellationToken) =>
        ifMatch is { } version ? ReplaceAsync(table, entity, version, cancellationToken) : InsertAsync(table, entity, cancellationToken);

    public static async Task DeleteAsync(TableClient table, string partitionKey, string rowKey, EntityVersion ifMatch, CancellationToken cancellationToken)
    {
        var etag = new ETag(ifMatch.Value);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
                if ((await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false)).Status == 404)
                {
                    // Gone: by us on an earlier ambiguous attempt, or it never existed.
                    if (attempt > 1)
                    {
                        return;
                    }
                    throw new EntityNotFoundException($"{table.Name}/{partitionKey}/{rowKey} does not exist.");
                }
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                throw new StaleVersionException($"{table.Name}/{partitionKey}/{rowKey} changed since version {ifMatch}.", ex);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsAmbiguous(ex, cancellationToken))
            {
                var current = await table.FindEntityAsync(partitionKey, rowKey, [WriteIdProperty], cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return;
                }
                if (current.ETag != etag)
                {
                    throw new StaleVersionException($"{table.Name}/{partitionKey}/{rowKey} changed since version {ifMatch}.", ex);
                }
            }
        }
    }

    /// <summary>No response, a timeout, or a 5xx that may have been applied.</summary>
    internal static bool IsAmbiguous(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        RequestFailedException r => r.Status is 0 or 408 or 500 or 502 or 503 or 504,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    internal static EntityVersion Version(ETag etag) => new(etag.ToString());

    private static string Stamp(TableEntity entity)
    {
        string writeId = Guid.NewGuid().ToString("N");
        entity.WithoutNulls()[WriteIdProperty] = writeId;
        return writeId;
    }

    private static bool IsMine(TableEntity stored, string writeId) => stored.GetString(WriteIdProperty) == writeId;

    private static Task<TableEntity?> ReadAsync(TableClient table, TableEntity entity, CancellationToken cancellationToken) =>
        table.FindEntityAsync(entity.PartitionKey, entity.RowKey, [WriteIdProperty], cancellationToken);

    private static string Describe(TableClient table, TableEntity entity) => $"{table.Name}/{entity.PartitionKey}/{entity.RowKey}";
}
