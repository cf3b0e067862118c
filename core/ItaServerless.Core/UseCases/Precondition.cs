// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.UseCases;

/// <summary>
/// The version a write is based on, as the caller states it: If-Match (the versions it read, or "*")
/// and If-None-Match ("*": create only), RFC 9110 §13. Changing an existing record needs its current
/// version, so nobody's change is silently overwritten; creating needs none.
/// </summary>
public sealed record Precondition(string? IfMatch = null, string? IfNoneMatch = null)
{
    public const string IfMatchField = "If-Match";
    public const string IfNoneMatchField = "If-None-Match";

    public static Precondition None { get; } = new();

    public static ValidationError Required { get; } = new(ErrorCodes.IfMatchRequired, IfMatchField,
        "ต้องส่ง If-Match พร้อม ETag ล่าสุดเพื่อป้องกันการเขียนทับข้อมูลของผู้อื่น",
        "Send If-Match with the current ETag so that nobody's change is overwritten.");

    public static ValidationError Stale { get; } = new(ErrorCodes.StaleEtag, IfMatchField,
        "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง",
        "Someone else changed this since you read it; reload and try again.");

    public static ValidationError Exists { get; } = new(ErrorCodes.AlreadyExists, IfNoneMatchField,
        "มีข้อมูลที่ใช้รหัสนี้อยู่แล้ว", "Something with this id already exists.");

    /// <summary>
    /// Null when a write may go ahead against <paramref name="current"/> (null: the record does not
    /// exist, so the write creates it); otherwise why not.
    /// </summary>
    public Refusal? Check(EntityVersion? current)
    {
        if (current is not { } version)
        {
            return string.IsNullOrWhiteSpace(IfMatch) ? null : Refusal.VersionMismatch(Stale);
        }

        if (IfNoneMatch?.Trim() == "*") return Refusal.VersionMismatch(Exists);
        if (string.IsNullOrWhiteSpace(IfMatch)) return Refusal.VersionRequired(Required);
        if (IfMatch.Trim() == "*") return null;
        return IfMatch.Split(',').Any(tag => tag.Trim() == version.Value) ? null : Refusal.VersionMismatch(Stale);
    }
}
