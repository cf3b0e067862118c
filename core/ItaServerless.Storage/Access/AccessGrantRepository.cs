// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Storage.Repositories;
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
    private readonly AuditedTable _organizations = new(tables, EntityKinds.Organizations, clock);

    public async Task<AccessGrant?> FindAsync(string organizationId, string tokenId, CancellationToken cancellationToken = default)
    {
        // Ids come from request headers: what cannot be a key is simply not a grant (not a 500).
        if (!IsKeySafe(organizationId) || !IsKeySafe(tokenId)) return null;
        return (await _organizations.GetAsync(EntityKinds.Token, organizationId, tokenId, cancellationToken).ConfigureAwait(false))?.Value;
    }

    public async Task AddAsync(AccessGrant grant, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await _organizations.SubmitAsync([EntityKinds.Token.Create(grant.OrganizationId, grant, AuditActions.Issue)], actor, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<AccessGrant> ListAsync(string organizationId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var grant in await _organizations.ListAsync(EntityKinds.Token, organizationId, cancellationToken).ConfigureAwait(false))
        {
            yield return grant.Value with { SecretSha256 = "" };
        }
    }

    private static bool IsKeySafe(string id) =>
        id is { Length: > 0 and <= 128 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<bool> RevokeAsync(string organizationId, string tokenId, DateTimeOffset at, AuditActor actor, CancellationToken cancellationToken = default)
    {
        if (!IsKeySafe(organizationId) || !IsKeySafe(tokenId)) return false;
        var kind = EntityKinds.Token;
        for (var attempt = 1; ; attempt++)
        {
            var entity = await _organizations.Client.FindEntityAsync(organizationId, kind.RowKey(tokenId), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (entity is null) return false;
            var grant = kind.FromRow(entity);
            if (grant.RevokedAt is not null) return true;
            try
            {
                await _organizations.SubmitAsync([kind.Replace(organizationId, grant with { RevokedAt = at }, EntityWrites.Version(entity.ETag), AuditActions.Revoke, entity)],
                    actor, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StaleVersionException) when (attempt < 3)
            {
                // Someone changed it at the same moment; revocation is idempotent, so look again.
            }
        }
    }
}
