// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Runtime.CompilerServices;
using Azure;
using ItaServerless.Core.Access;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Access;

/// <summary>
/// Token grants in table <c>AccessGrants</c>: PartitionKey = organization id, RowKey = token id.
/// Every lookup is a point read inside the organization named by the request.
/// </summary>
public sealed class AccessGrantRepository(TableClient table) : IAccessGrantStore
{
    public const string TableName = "AccessGrants";

    public async Task<AccessGrant?> FindAsync(string organizationId, string tokenId, CancellationToken cancellationToken = default)
    {
        // Ids come from request headers: what cannot be a key is simply not a grant (not a 500).
        if (!IsKeySafe(organizationId) || !IsKeySafe(tokenId)) return null;
        var entity = await table.GetEntityIfExistsAsync(organizationId, tokenId, cancellationToken: cancellationToken);
        return entity is null ? null : ToGrant(entity);
    }

    public async Task AddAsync(AccessGrant grant, CancellationToken cancellationToken = default) =>
        await table.AddEntityAsync(ToEntity(grant), cancellationToken);

    public async IAsyncEnumerable<AccessGrant> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in table.QueryPartitionAsync(organizationId, cancellationToken: cancellationToken))
        {
            yield return ToGrant(entity) with { SecretSha256 = "" };
        }
    }

    private static bool IsKeySafe(string id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<bool> RevokeAsync(string organizationId, string tokenId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var entity = await table.GetEntityIfExistsAsync(organizationId, tokenId, cancellationToken: cancellationToken);
        if (entity is null) return false;
        if (entity.GetDateTimeOffset("RevokedAt") is not null) return true;
        var update = new TableEntity(organizationId, tokenId) { ["RevokedAt"] = at };
        try
        {
            await table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            // Someone changed it at the same moment; revocation is idempotent, so look again.
            return await RevokeAsync(organizationId, tokenId, at, cancellationToken);
        }

        return true;
    }

    private static TableEntity ToEntity(AccessGrant g) => new(g.OrganizationId, g.TokenId)
    {
        ["Role"] = g.Role.ToString(),
        ["UnitId"] = g.UnitId,
        ["Name"] = g.Name,
        ["SecretSha256"] = g.SecretSha256,
        ["CreatedAt"] = g.CreatedAt,
        ["ExpiresAt"] = g.ExpiresAt,
        ["RevokedAt"] = g.RevokedAt,
    };

    private static AccessGrant ToGrant(TableEntity e) => new(
        e.RowKey,
        e.PartitionKey,
        Enum.Parse<AccessRole>(e.GetString("Role") ?? nameof(AccessRole.Reporter)),
        e.GetString("UnitId"),
        e.GetString("Name") ?? "",
        e.GetString("SecretSha256") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetDateTimeOffset("RevokedAt"));
}
