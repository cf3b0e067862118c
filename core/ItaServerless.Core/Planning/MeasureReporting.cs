// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;

namespace ItaServerless.Core.Planning;

/// <summary>
/// What the reminders need of one measure: its number and title, who reports it, and the rounds
/// in which a report for it exists. Small on purpose: storage keeps it for a whole fiscal year in
/// one row, so the daily sweep reads one row per organization instead of the measures and reports.
/// </summary>
public sealed record MeasureReporting
{
    public MeasureReporting(FiscalYear fiscalYear, MeasureKey key, string title, ResponsibleUnits responsible, IEnumerable<ReportingRound> reportedIn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(responsible);
        ArgumentNullException.ThrowIfNull(reportedIn);
        FiscalYear = fiscalYear;
        Key = key;
        Title = title;
        Responsible = responsible;
        ReportedIn = reportedIn.ToHashSet();
    }

    public FiscalYear FiscalYear { get; }

    public MeasureKey Key { get; }

    public Plan Plan => Key.Plan;

    public int Number => Key.Number;

    public string Title { get; }

    public ResponsibleUnits Responsible { get; }

    public IReadOnlySet<ReportingRound> ReportedIn { get; }

    /// <summary>A measure of the round's year without a report in it: what the round still waits for.</summary>
    public bool IsPendingIn(FiscalYearRound round) => round.Year == FiscalYear && !ReportedIn.Contains(round.Round);

    /// <summary>The measures with the rounds reported for each (reports of other measures or years are ignored).</summary>
    public static IReadOnlyList<MeasureReporting> Of(IEnumerable<Measure> measures, IEnumerable<Progress> reports)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(reports);
        var reported = reports.ToLookup(p => (p.Round.Year, p.Measure), p => p.Round.Round);
        return measures.Select(m => new MeasureReporting(m.FiscalYear, m.Key, m.Title, m.Responsible, reported[(m.FiscalYear, m.Key)])).ToArray();
    }
}
