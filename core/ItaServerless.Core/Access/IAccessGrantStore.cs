// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;

namespace ItaServerless.Core.Access;

/// <summary>Where token grants are kept (Table Storage in the app).</summary>
public interface IAccessGrantStore
{
    /// <summary>
    /// The grant of <paramref name="tokenId"/> within <paramref name="organizationId"/>, or null.
    /// Looking up inside the organization named by the request is what keeps tenants apart.
    /// </summary>
    Task<AccessGrant?> FindAsync(string organizationId, string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new grant (audited: issue); the token id is random, so a clash is a bug and throws.</summary>
    Task AddAsync(AccessGrant grant, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>The grants of one organization (never their secrets).</summary>
    IAsyncEnumerable<AccessGrant> ListAsync(string organizationId, CancellationToken cancellationToken = default);

    /// <summary>Marks a grant revoked (audited: revoke); false when it does not exist.</summary>
    Task<bool> RevokeAsync(string organizationId, string tokenId, DateTimeOffset at, AuditActor actor, CancellationToken cancellationToken = default);
}
