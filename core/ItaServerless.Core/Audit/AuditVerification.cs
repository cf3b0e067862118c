// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Audit;

/// <summary>Why a chain is broken at a record (machine codes, documented in docs/api.md).</summary>
public static class AuditBreaks
{
    /// <summary>The record's content no longer matches its own hash (edited).</summary>
    public const string HashMismatch = "hash_mismatch";

    /// <summary>The record does not link to the one before it (a record before it was removed or replaced).</summary>
    public const string PreviousHashMismatch = "previous_hash_mismatch";

    /// <summary>A sequence number is missing (a record was removed).</summary>
    public const string SequenceGap = "sequence_gap";

    /// <summary>A stored entity names an audit record that is not there (the newest records were removed).</summary>
    public const string RecordMissing = "record_missing";

    /// <summary>A stored entity differs from the state its last audit record says it has (edited behind the app's back).</summary>
    public const string StateMismatch = "state_mismatch";

    /// <summary>A stored entity has no audit record at all.</summary>
    public const string Unaudited = "unaudited";

    /// <summary>A stored record cannot be read.</summary>
    public const string Unreadable = "unreadable";
}

/// <summary>Where a chain first breaks: the sequence (or the entity, for a state check) and why.</summary>
public sealed record AuditBreak(long? Sequence, string Reason, string? Entity = null);

/// <summary>The outcome of recomputing a chain: how many records were checked and the first broken link.</summary>
public sealed record AuditVerification(bool Valid, int Checked, long? LastSequence, AuditBreak? FirstBroken)
{
    /// <summary>
    /// Checks records (any order) for an unbroken chain from sequence 1: each one's hash, its link
    /// to the previous one's hash, and no gaps. Unreadable records are passed as breaks.
    /// </summary>
    public static AuditVerification OfChain(IEnumerable<AuditRecord> records, IEnumerable<AuditBreak>? unreadable = null)
    {
        var ordered = records.OrderBy(r => r.Sequence).ToList();
        var broken = unreadable?.OrderBy(b => b.Sequence ?? long.MaxValue).FirstOrDefault();
        var previous = AuditRecord.Genesis;
        long expected = 1;
        var checkedCount = 0;
        foreach (var record in ordered)
        {
            if (broken?.Sequence is { } at && at <= record.Sequence) break;
            if (record.Sequence != expected)
            {
                broken = new AuditBreak(expected, AuditBreaks.SequenceGap);
                break;
            }
            if (record.Hash != record.ComputeHash())
            {
                broken = new AuditBreak(record.Sequence, AuditBreaks.HashMismatch);
                break;
            }
            if (record.PreviousHash != previous)
            {
                broken = new AuditBreak(record.Sequence, AuditBreaks.PreviousHashMismatch);
                break;
            }
            previous = record.Hash;
            expected++;
            checkedCount++;
        }
        return new AuditVerification(broken is null, checkedCount, ordered.Count == 0 ? null : ordered[^1].Sequence, broken);
    }

    /// <summary>This result, or a later-found break when the chain itself was sound.</summary>
    public AuditVerification With(AuditBreak? stateBreak) =>
        Valid && stateBreak is not null ? this with { Valid = false, FirstBroken = stateBreak } : this;
}

/// <summary>One page of a chain, newest first; <see cref="Continuation"/> fetches the next (older) page.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? Continuation);
