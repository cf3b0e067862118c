// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.UseCases;

/// <summary>
/// Keys that make a non-idempotent request safe to retry (the Idempotency-Key header): the same key
/// with the same request gets the first answer again; with another request it is refused.
/// </summary>
public static class IdempotencyKeys
{
    public const string Field = "Idempotency-Key";
    public const int MaxLength = 200;

    public static ValidationError Reused { get; } = new(ErrorCodes.KeyReused, Field,
        "Idempotency-Key นี้เคยใช้กับข้อมูลอื่นแล้ว", "This Idempotency-Key was used with a different request body.");

    /// <summary>The retry of a request whose answer carried a secret (a new token): the secret is shown once, never again.</summary>
    public static ValidationError SecretNotReplayed { get; } = new(ErrorCodes.SecretNotReplayed, Field,
        "คำขอนี้ดำเนินการไปแล้ว โทเคนแสดงเพียงครั้งเดียว หากไม่ได้เก็บไว้ ให้ยกเลิกโทเคนนั้นแล้วออกใหม่",
        "This request was done already; its token is shown only once. If it was lost, revoke that token and issue another.");

    /// <summary>Null for a usable key: at most <see cref="MaxLength"/> characters, no control character.</summary>
    public static ValidationError? Check(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length > MaxLength || key.Any(char.IsControl)
            ? new ValidationError(ErrorCodes.InvalidFormat, Field,
                $"Idempotency-Key ต้องยาวไม่เกิน {MaxLength} ตัวอักษร", $"An Idempotency-Key is at most {MaxLength} characters.")
            : null;
    }

    /// <summary>A key kept with what it names (a report): also only visible ASCII, so it is safe in any stored field.</summary>
    public static ValidationError? CheckStored(string key) =>
        Check(key) ?? (key.Any(c => c is < '!' or > '~')
            ? new ValidationError(ErrorCodes.InvalidFormat, Field,
                $"Idempotency-Key ต้องเป็นอักขระ ASCII ที่มองเห็นได้ ไม่เกิน {MaxLength} ตัว",
                $"The Idempotency-Key must be 1 to {MaxLength} visible ASCII characters.")
            : null);
}
