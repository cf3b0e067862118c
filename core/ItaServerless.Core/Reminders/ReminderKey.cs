// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reminders;

/// <summary>
/// Identifies one reminder: (organization, fiscal year, round, unit, slot). A reminder with a
/// given key is delivered at most once. <see cref="Value"/> ("2569|6m|finance|-7") is unique
/// within the organization (the storage partition); <see cref="FullValue"/> adds the organization.
/// </summary>
public sealed record ReminderKey
{
    private const char Separator = '|';

    public ReminderKey(string organization, FiscalYearRound round, string unitId, ReminderSlot slot)
    {
        Organization = Identifier.Check(organization, "organization").Value;
        Round = round ?? throw new ArgumentNullException(nameof(round));
        UnitId = Identifier.Check(unitId, "unit").Value;
        Slot = slot;
    }

    public string Organization { get; }

    public FiscalYearRound Round { get; }

    public string UnitId { get; }

    public ReminderSlot Slot { get; }

    /// <summary>"2569|6m|finance|-7" (ids cannot contain '|').</summary>
    public string Value => string.Join(Separator, Round.Year.ToString(), Round.Round.Code, UnitId, Slot.ToString());

    /// <summary>"na-kham|2569|6m|finance|-7".</summary>
    public string FullValue => Organization + Separator + Value;

    /// <summary>Reads back <see cref="Value"/> for <paramref name="organization"/>; null when malformed.</summary>
    public static ReminderKey? TryParse(string organization, string? value)
    {
        var parts = value?.Split(Separator);
        if (parts is not { Length: 4 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !FiscalYear.Create(year).TryGetValue(out var fiscalYear)
            || !ReportingRound.Parse(parts[1]).TryGetValue(out var round)
            || !Identifier.IsValid(parts[2]) || !Identifier.IsValid(organization)
            || !ReminderSlot.TryParse(parts[3], out var slot))
        {
            return null;
        }

        return new ReminderKey(organization, new FiscalYearRound(fiscalYear, round), parts[2], slot);
    }

    public override string ToString() => FullValue;
}
