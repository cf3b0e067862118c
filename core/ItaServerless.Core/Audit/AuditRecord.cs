// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ItaServerless.Core.Audit;

/// <summary>What happened to an entity: the verbs of the audit trail.</summary>
public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>A token was issued.</summary>
    public const string Issue = "issue";

    /// <summary>A token was revoked.</summary>
    public const string Revoke = "revoke";

    /// <summary>A report was requested.</summary>
    public const string Request = "request";

    /// <summary>A report's rendering state changed (ready, failed, a failed try).</summary>
    public const string Render = "render";

    public const string Publish = "publish";
}

/// <summary>
/// One append-only record of the audit trail. <see cref="Chain"/> names its hash chain: the
/// organization id for organization-level data, "{org}|{fiscal year}" for a year's plan data.
/// <see cref="Before"/> and <see cref="After"/> are the entity's stored state as JSON (null when it
/// did not exist / no longer exists). <see cref="Hash"/> is the SHA-256 of the canonical form,
/// which includes <see cref="PreviousHash"/>: changing or removing one record breaks the chain.
/// </summary>
public sealed record AuditRecord(
    string Chain,
    long Sequence,
    DateTimeOffset At,
    AuditActor Actor,
    string EntityType,
    string EntityId,
    string Action,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash)
{
    /// <summary>The previous hash of a chain's first record.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>A new record linked to <paramref name="previousHash"/>, its hash computed.</summary>
    public static AuditRecord Create(string chain, long sequence, DateTimeOffset at, AuditActor actor, string entityType, string entityId,
        string action, string? before, string? after, string previousHash)
    {
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        var record = new AuditRecord(chain, sequence, at.ToUniversalTime(), actor, entityType, entityId, action, before, after, previousHash, "");
        return record with { Hash = record.ComputeHash() };
    }

    /// <summary>The time as hashed and stored: ISO 8601 UTC with 100 ns ticks.</summary>
    public string AtText => At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>SHA-256 (lower-case hex) of the canonical form: a JSON array of every field but the hash, in a fixed order.</summary>
    public string ComputeHash()
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            "ita-audit-v1", Chain, Sequence, AtText, Actor.KindCode, Actor.TokenId, Actor.Name,
            EntityType, EntityId, Action, Before, After, PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
