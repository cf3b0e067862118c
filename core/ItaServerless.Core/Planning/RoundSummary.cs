// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;

namespace ItaServerless.Core.Planning;

/// <summary>How much of the plan was put into practice (ระดับการนำแผนไปปฏิบัติ).</summary>
public enum ImplementationLevel
{
    /// <summary>น้อย: below 50 %.</summary>
    Low,
    /// <summary>ปานกลาง: 50 % to 79.99 %.</summary>
    Medium,
    /// <summary>มาก: 80 % or more.</summary>
    High,
}

public static class ImplementationLevels
{
    public const decimal HighFrom = 80m;
    public const decimal MediumFrom = 50m;

    public static ImplementationLevel Of(decimal implementedPercent) => implementedPercent switch
    {
        >= HighFrom => ImplementationLevel.High,
        >= MediumFrom => ImplementationLevel.Medium,
        _ => ImplementationLevel.Low,
    };

    public static string NameTh(this ImplementationLevel level) => level switch
    {
        ImplementationLevel.High => "มาก",
        ImplementationLevel.Medium => "ปานกลาง",
        _ => "น้อย",
    };
}

/// <summary>
/// The summary of a round (seed 003 "สรุปผลการขับเคลื่อนแผนฯ"): counts per status, budget,
/// disbursement and the share put into practice. "Put into practice" counts the measures
/// that were started: (in progress + done) / total, 2 decimals half-up; its level is
/// มาก from 80 %, ปานกลาง from 50 %, น้อย below (seed 003: 15 of 15 done = มาก ร้อยละ 100.00).
/// </summary>
public sealed class RoundSummary
{
    private RoundSummary(FiscalYearRound round, IReadOnlyDictionary<ProgressStatus, int> counts, Baht budget, Baht disbursed)
    {
        Round = round;
        Counts = counts;
        Total = counts.Values.Sum();
        TotalBudget = budget;
        TotalDisbursed = disbursed;
    }

    public FiscalYearRound Round { get; }

    /// <summary>Every status, Waiting included, with its number of measures (0 when none).</summary>
    public IReadOnlyDictionary<ProgressStatus, int> Counts { get; }

    public int Total { get; }

    public int Waiting => Counts[ProgressStatus.Waiting];

    public int InProgress => Counts[ProgressStatus.InProgress];

    public int Done => Counts[ProgressStatus.Done];

    public int CannotDo => Counts[ProgressStatus.CannotDo];

    public Baht TotalBudget { get; }

    public Baht TotalDisbursed { get; }

    /// <summary>Disbursed / budget × 100, 2 decimals half-up; 0 when the budget is 0.</summary>
    public decimal DisbursedPercent => Percentage.Of(TotalDisbursed, TotalBudget);

    /// <summary>(In progress + done) / total × 100, 2 decimals half-up; 0 without measures.</summary>
    public decimal ImplementedPercent => Percentage.Of(InProgress + Done, Total);

    public ImplementationLevel ImplementationLevel => ImplementationLevels.Of(ImplementedPercent);

    /// <summary>The share of the measures in <paramref name="status"/> × 100, 2 decimals half-up; 0 without measures.</summary>
    public decimal PercentOf(ProgressStatus status) => Percentage.Of(Counts[status], Total);

    /// <summary>The share of all measures (a summary table's total row): 100.00, or 0.00 without measures.</summary>
    public decimal TotalPercent => Percentage.Of(Total, Total);

    /// <summary>
    /// Summarises <paramref name="measures"/> (one plan, or all, as the caller chooses) with the
    /// <paramref name="reports"/> of <paramref name="round"/>; a measure without a report is waiting.
    /// A report of another round or of a measure not listed, two reports of one measure, or a
    /// measure of another fiscal year is a programming error (ArgumentException).
    /// </summary>
    public static RoundSummary Of(FiscalYearRound round, IEnumerable<Measure> measures, IEnumerable<Progress> reports)
    {
        ArgumentNullException.ThrowIfNull(round);
        var measureList = measures.ToList();
        var byKey = new Dictionary<MeasureKey, Measure>();
        foreach (var m in measureList)
        {
            if (m.FiscalYear != round.Year) throw new ArgumentException($"Measure {m.Key} is of fiscal year {m.FiscalYear}, not {round.Year}.", nameof(measures));
            if (!byKey.TryAdd(m.Key, m)) throw new ArgumentException($"Measure {m.Key} is listed twice.", nameof(measures));
        }

        var reportByKey = new Dictionary<MeasureKey, Progress>();
        foreach (var p in reports)
        {
            if (p.Round != round) throw new ArgumentException($"A report of {p.Round} is not of round {round}.", nameof(reports));
            if (!byKey.ContainsKey(p.Measure)) throw new ArgumentException($"A report of {p.Measure} has no measure.", nameof(reports));
            if (!reportByKey.TryAdd(p.Measure, p)) throw new ArgumentException($"Measure {p.Measure} has two reports.", nameof(reports));
        }

        var counts = Enum.GetValues<ProgressStatus>().ToDictionary(s => s, _ => 0);
        foreach (var m in measureList) counts[ProgressStatuses.Of(reportByKey.GetValueOrDefault(m.Key))]++;
        return new RoundSummary(round, counts,
            measureList.Select(m => m.Budget).Sum(),
            reportByKey.Values.Select(p => p.Disbursed).Sum());
    }
}
