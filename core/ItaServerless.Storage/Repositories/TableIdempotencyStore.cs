// SPDX-License-Identifier: MIT
using Azure;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Idempotency keys in table <c>Idempotency</c>: PartitionKey = scope (organization), RowKey = the
/// caller's hashed key. A claim is a create-only insert; a claim left pending by a crash is taken
/// over after <see cref="ClaimTimeout"/>, and any record after <see cref="IIdempotencyStore.Retention"/>.
/// </summary>
public sealed class TableIdempotencyStore(StorageTables tables) : IIdempotencyStore
{
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    private TableClient Table => tables.Idempotency;

    public async Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var claim = new TableEntity(scope, key) { ["State"] = "pending", ["RequestHash"] = requestHash, ["ClaimedAt"] = now };
        try
        {
            await Table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyState.Claimed);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
        }

        var stored = await Table.FindEntityAsync(scope, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (stored is null) return await ClaimAsync(scope, key, requestHash, now, cancellationToken).ConfigureAwait(false);
        var claimedAt = stored.GetDateTimeOffset("ClaimedAt");
        var expired = claimedAt is null || now - claimedAt >= IIdempotencyStore.Retention;
        if (!expired && stored.GetString("RequestHash") != requestHash) return new IdempotencyClaim(IdempotencyState.Mismatch);
        if (!expired && stored.GetString("State") == "completed")
        {
            return new IdempotencyClaim(IdempotencyState.Completed, new StoredResponse(
                stored.GetInt32("Status") ?? 200, stored.GetString("ContentType"), stored.GetString("Location"),
                stored.GetString("ResponseETag"), stored.GetBinary("Body") ?? [],
                Enum.TryParse<WithheldBody>(stored.GetString("Withheld"), out var withheld) ? withheld : WithheldBody.None));
        }

        // A pending claim is taken over once a crash can be assumed; any record once it has expired.
        if (!expired && now - claimedAt < ClaimTimeout) return new IdempotencyClaim(IdempotencyState.InProgress);
        try
        {
            await Table.UpdateEntityAsync(claim, stored.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new IdempotencyClaim(IdempotencyState.Claimed);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return new IdempotencyClaim(IdempotencyState.InProgress);
        }
    }

    public async Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(scope, key)
        {
            ["State"] = "completed",
            ["Status"] = response.Status,
            ["ContentType"] = response.ContentType,
            ["Location"] = response.Location,
            ["ResponseETag"] = response.ETag,
            ["Body"] = response.Body,
            ["Withheld"] = response.Withheld == WithheldBody.None ? null : response.Withheld.ToString(),
        };
        await Table.UpsertEntityAsync(entity.WithoutNulls(), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default) =>
        await Table.DeleteEntityAsync(scope, key, cancellationToken: cancellationToken).ConfigureAwait(false);
}
