// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;

namespace ItaServerless.Core.Persistence;

/// <summary>
/// One organization as the daily reminder sweep sees it from the directory alone: its due dates
/// (null when the directory row predates them: read the organization) and the rounds that may
/// still have unreported measures. <see cref="OpenVersion"/> is the version of that open-work
/// mark, for <see cref="IReminderWorkIndex.TrySetOpenRoundsAsync"/>.
/// </summary>
public sealed record ReminderCandidate(
    string OrganizationId,
    RoundDueDates? DueDates,
    IReadOnlySet<FiscalYearRound> OpenRounds,
    EntityVersion? OpenVersion);

/// <summary>
/// Which organizations may have reminders to send, without reading their partitions: creating a
/// measure marks both rounds of its fiscal year open; the sweep clears a round once it finds it
/// fully reported. The clear is conditional on the version the sweep listed, so a measure created
/// meanwhile keeps its round open.
/// </summary>
public interface IReminderWorkIndex
{
    /// <summary>Every organization of the directory, by id, page by page (never all in memory).</summary>
    IAsyncEnumerable<ReminderCandidate> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Marks the rounds open (idempotent; after the write that opened them).</summary>
    Task MarkOpenAsync(string organizationId, IEnumerable<FiscalYearRound> rounds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the open rounds with <paramref name="stillOpen"/> if the mark is still at
    /// <paramref name="ifMatch"/>; false when it changed meanwhile (left as it is).
    /// </summary>
    Task<bool> TrySetOpenRoundsAsync(string organizationId, IReadOnlyCollection<FiscalYearRound> stillOpen, EntityVersion ifMatch,
        CancellationToken cancellationToken = default);
}
