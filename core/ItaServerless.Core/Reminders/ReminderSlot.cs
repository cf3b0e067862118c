// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ItaServerless.Core.Reminders;

/// <summary>
/// When a reminder is due, as a whole number of days from the round's due date: −30, −14,
/// −7, −3, −1 before, 0 on the day, then +7, +14, … while overdue. Only these values exist.
/// </summary>
public readonly record struct ReminderSlot : IComparable<ReminderSlot>
{
    /// <summary>The reminders before the due date, earliest first (then the day itself).</summary>
    public static readonly IReadOnlyList<int> BeforeDue = [-30, -14, -7, -3, -1];

    /// <summary>Days between two overdue reminders.</summary>
    public const int OverdueInterval = 7;

    public static readonly ReminderSlot OnDueDate = new(0);

    private ReminderSlot(int offset) => Offset = offset;

    /// <summary>Days from the due date: negative before, 0 on it, positive (multiple of 7) after.</summary>
    public int Offset { get; }

    public bool IsOverdue => Offset > 0;

    public bool IsOnDueDate => Offset == 0;

    /// <summary>The first slot that copies the planning officer and the permanent secretary.</summary>
    public static ReminderSlot FirstOverdue => new(OverdueInterval);

    public static bool IsValidOffset(int offset) =>
        offset == 0 || BeforeDue.Contains(offset) || (offset > 0 && offset % OverdueInterval == 0);

    public static ReminderSlot FromOffset(int offset) =>
        IsValidOffset(offset)
            ? new ReminderSlot(offset)
            : throw new ArgumentOutOfRangeException(nameof(offset), offset, "Not a reminder slot (−30, −14, −7, −3, −1, 0 or a positive multiple of 7).");

    public static bool TryParse(string? text, out ReminderSlot slot)
    {
        slot = default;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset) || !IsValidOffset(offset)) return false;
        slot = new ReminderSlot(offset);
        return true;
    }

    public DateOnly DateFor(DateOnly dueDate) => dueDate.AddDays(Offset);

    /// <summary>
    /// The most recent slot whose date is on or before <paramref name="today"/>, or null
    /// before the first one (30 days ahead of the due date).
    /// </summary>
    public static ReminderSlot? LatestOn(DateOnly today, DateOnly dueDate)
    {
        var days = today.DayNumber - dueDate.DayNumber;
        if (days >= OverdueInterval) return new ReminderSlot(days / OverdueInterval * OverdueInterval);
        if (days >= 0) return OnDueDate;
        var before = BeforeDue.Where(o => o <= days).ToArray();
        return before.Length == 0 ? null : new ReminderSlot(before[^1]);
    }

    public int CompareTo(ReminderSlot other) => Offset.CompareTo(other.Offset);

    /// <summary>"-7", "0", "14": the form used in reminder keys.</summary>
    public override string ToString() => Offset.ToString(CultureInfo.InvariantCulture);
}
