// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Reminders;

namespace ItaServerless.Core.Persistence;

/// <summary>One reminder sent (or claimed for sending) to one unit for one slot.</summary>
public sealed record ReminderLogEntry(ReminderKey Key, DateTimeOffset SentAt, string Channel, IReadOnlyList<string> Recipients);

/// <summary>Which reminders went out: the key makes each (organization, round, unit, slot) happen once.</summary>
public interface IReminderLog
{
    /// <summary>
    /// Records the entry if its key is new: true when this call recorded it, false when it was
    /// already there (another timer run, or a retry) — then do not send again.
    /// </summary>
    Task<bool> TryRecordAsync(ReminderLogEntry entry, CancellationToken cancellationToken = default);

    Task<ReminderLogEntry?> FindAsync(ReminderKey key, CancellationToken cancellationToken = default);

    /// <summary>The reminders of one organization and round (one partition).</summary>
    Task<IReadOnlyList<ReminderLogEntry>> ListAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default);
}
