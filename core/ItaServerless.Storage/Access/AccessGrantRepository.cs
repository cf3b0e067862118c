// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Access;

/// <summary>
/// Token grants in the organization's own partition of table <c>Organizations</c>: PartitionKey =
/// organization id, RowKey = <c>token|{token id}</c>, so issuing and revoking are audited in the
/// organization's chain in the same transaction. Every lookup is a point read inside the
/// organization named by the request.
/// </summary>
public sealed class AccessGrantRepository(StorageTables tables, TimeProvider? clock = null) : IAccessGrantStore
{
    private const string TokenPrefix = "token|";
    private readonly AuditedWriter _audit = new(clock ?? TimeProvider.System);

    private TableClient Table => tables.Organizations;

    public async Task<AccessGrant?> FindAsync(string organizationId, string tokenId, CancellationToken cancellationToken = default)
    {
        // Ids come from request headers: what cannot be a key is simply not a grant (not a 500).
        if (!IsKeySafe(organizationId) || !IsKeySafe(tokenId)) return null;
        var entity = await Table.FindEntityAsync(organizationId, TokenPrefix + tokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToGrant(entity);
    }

    public async Task AddAsync(AccessGrant grant, AuditActor actor, CancellationToken cancellationToken = default) =>
        await _audit.SubmitAsync(Table, [new AuditedChange(TableTransactionActionType.Add, ToEntity(grant), null, "token", grant.TokenId, AuditActions.Issue)],
            actor, cancellationToken).ConfigureAwait(false);

    public async IAsyncEnumerable<AccessGrant> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(organizationId, TokenPrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToGrant(entity) with { SecretSha256 = "" };
        }
    }

    private static bool IsKeySafe(string id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<bool> RevokeAsync(string organizationId, string tokenId, DateTimeOffset at, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!IsKeySafe(organizationId) || !IsKeySafe(tokenId)) return false;
        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.FindEntityAsync(organizationId, TokenPrefix + tokenId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (entity is null) return false;
            var grant = ToGrant(entity);
            if (grant.RevokedAt is not null) return true;
            try
            {
                await _audit.SubmitAsync(Table, [new AuditedChange(TableTransactionActionType.UpdateReplace, ToEntity(grant with { RevokedAt = at }),
                    EntityWrites.Version(entity.ETag), "token", tokenId, AuditActions.Revoke, entity)], actor, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StaleVersionException) when (attempt < 3)
            {
                // Someone changed it at the same moment; revocation is idempotent, so look again.
            }
        }
    }

    private static TableEntity ToEntity(AccessGrant g) => new(g.OrganizationId, TokenPrefix + g.TokenId)
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
        e.RowKey[TokenPrefix.Length..],
        e.PartitionKey,
        Enum.Parse<AccessRole>(e.GetString("Role") ?? nameof(AccessRole.Reporter)),
        e.GetString("UnitId"),
        e.GetString("Name") ?? "",
        e.GetString("SecretSha256") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetDateTimeOffset("RevokedAt"));
}
