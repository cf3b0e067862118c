// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reminders;

/// <summary>
/// What the planner needs to know about one organization on one day. <see cref="Measures"/>
/// (with the rounds each was reported in) may span several fiscal years; the planner picks those
/// of the active rounds. <see cref="SentKeys"/> holds <see cref="ReminderKey.Value"/>s already delivered.
/// </summary>
public sealed record ReminderInput(
    DateOnly Today,
    string Organization,
    RoundDueDates DueDates,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<OfficialContact> Officials,
    IReadOnlyList<MeasureReporting> Measures,
    IReadOnlySet<string> SentKeys);

/// <summary>
/// One reminder to deliver to one unit about one round. <see cref="Measures"/> are the
/// unit's unreported measures (plan, then number). <see cref="DaysLeft"/> counts from the
/// run day (negative when late), so a reminder sent after downtime tells the truth.
/// </summary>
public sealed record ReminderToSend(
    ReminderKey Key,
    Unit Unit,
    FiscalYearRound Round,
    DateOnly DueDate,
    ReminderSlot Slot,
    DateOnly Today,
    IReadOnlyList<MeasureReporting> Measures,
    IReadOnlyList<Contact> To,
    IReadOnlyList<Contact> Cc)
{
    /// <summary>True from the first overdue slot (+7): the slot that copies the officials.</summary>
    public bool Overdue => Slot.IsOverdue;

    /// <summary>Due date − today in days: positive before, 0 on the day, negative after.</summary>
    public int DaysLeft => DueDate.DayNumber - Today.DayNumber;

    public int DaysOverdue => Math.Max(0, -DaysLeft);
}

/// <summary>The reminder decision: a pure function of the day and the organization's state.</summary>
public static class ReminderPlanner
{
    /// <summary>
    /// For each active round and each unit with unreported measures, the current slot's
    /// reminder unless its key was already sent. Older unsent slots are never returned, so a
    /// run after downtime sends one current reminder, not a burst. Recipients: the unit's
    /// contacts (or, when it has none, the planning officers, so that someone is told); from
    /// the first overdue slot the planning officers and permanent secretaries are copied.
    /// A measure for every division (ทุกส่วนราชการ) is pending for every unit until one
    /// report for it exists. Measures naming a unit that is not listed are not reminded.
    /// </summary>
    public static IReadOnlyList<ReminderToSend> Plan(ReminderInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var organization = Identifier.Check(input.Organization, "organization").Value;
        var drafters = Contacts(input.Officials, OfficialRole.Drafter);
        var copied = Distinct(drafters.Concat(Contacts(input.Officials, OfficialRole.PermanentSecretary)));
        var units = input.Units.DistinctBy(u => u.Id, StringComparer.Ordinal).ToArray();
        var result = new List<ReminderToSend>();

        foreach (var active in ReminderSchedule.ActiveOn(input.Today, input.DueDates))
        {
            var pending = input.Measures
                .Where(m => m.IsPendingIn(active.Round))
                .DistinctBy(m => m.Key)
                .OrderBy(m => m.Plan).ThenBy(m => m.Number)
                .ToArray();
            if (pending.Length == 0) continue;

            foreach (var unit in units)
            {
                var mine = pending.Where(m => m.Responsible.Includes(unit.Id)).ToArray();
                if (mine.Length == 0) continue;
                var key = new ReminderKey(organization, active.Round, unit.Id, active.Slot);
                if (input.SentKeys.Contains(key.Value)) continue;

                var to = unit.Contacts.Count > 0 ? Distinct(unit.Contacts) : drafters;
                var cc = active.Slot.IsOverdue ? copied.Where(c => !to.Any(t => string.Equals(t.Email, c.Email, StringComparison.OrdinalIgnoreCase))).ToArray() : [];
                result.Add(new ReminderToSend(key, unit, active.Round, active.DueDate, active.Slot, input.Today, mine, to, cc));
            }
        }

        return result;
    }

    private static Contact[] Contacts(IEnumerable<OfficialContact> officials, OfficialRole role) =>
        Distinct(officials.Where(o => o.Role == role).Select(o => o.Contact));

    // Addresses compare case-insensitively, as every real mail system does in practice.
    private static Contact[] Distinct(IEnumerable<Contact> contacts) =>
        contacts.DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase).ToArray();
}
