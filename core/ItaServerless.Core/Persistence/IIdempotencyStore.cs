// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Persistence;

/// <summary>Why a stored answer has no body: it carried a secret, or it was too large to keep.</summary>
public enum WithheldBody
{
    None,
    Secret,
    TooLarge,
}

/// <summary>The answer a request got the first time, kept so a retry gets the same answer (or, when <see cref="Withheld"/>, where it is).</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, string? ETag, byte[] Body, WithheldBody Withheld = WithheldBody.None);

public enum IdempotencyState
{
    /// <summary>This call owns the key: run the request, then complete or release it.</summary>
    Claimed,

    /// <summary>The request ran before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,

    /// <summary>Another call with the same key is running now.</summary>
    InProgress,

    /// <summary>The key was used before with a different request body.</summary>
    Mismatch,
}

public sealed record IdempotencyClaim(IdempotencyState State, StoredResponse? Response = null);

/// <summary>
/// Idempotency keys of non-idempotent requests (POST): the first call claims the key, stores its
/// answer when it succeeds, and later calls with the same key and body get that answer again, for
/// <see cref="Retention"/>; after that the key is free again.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>How long an answer is kept for retries (a day, as is usual for idempotency keys).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <param name="scope">Who and where (e.g. the organization), so keys never collide across tenants.</param>
    /// <param name="key">The client's key, hashed together with the route by the caller.</param>
    /// <param name="requestHash">A hash of the request body: the same key with another body is refused.</param>
    Task<IdempotencyClaim> ClaimAsync(string scope, string key, string requestHash, DateTimeOffset now, CancellationToken cancellationToken = default);

    Task CompleteAsync(string scope, string key, StoredResponse response, CancellationToken cancellationToken = default);

    /// <summary>Forgets a claim whose request failed, so that a retry runs it again.</summary>
    Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken = default);
}
