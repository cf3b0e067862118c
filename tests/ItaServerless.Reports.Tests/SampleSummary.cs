// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;

namespace ItaServerless.Reports.Tests;

/// <summary>
/// Core's <see cref="RoundSummary"/> of rows given as status, budget and disbursed amount: each row
/// becomes a Core measure and, unless it is waiting, its report, so documents print what the product computes.
/// </summary>
internal static class SampleSummary
{
    public static RoundSummary Of(FiscalYearRound round, IEnumerable<(ProgressStatus Status, Baht Budget, Baht Disbursed)> rows)
    {
        var measures = new List<Measure>();
        var reports = new List<Progress>();
        foreach (var (status, budget, disbursed) in rows)
        {
            var number = measures.Count + 1;
            var measure = Measure.Create(new MeasureDraft("anticorruption", number, $"รายการที่ {number}", Responsible: ["*"],
                Period: new PeriodDraft(WholeYear: true), Budget: budget.Amount, Kind: "activity", Dimension: 1), round.Year, null).Value;
            measures.Add(measure);
            if (status == ProgressStatus.Waiting) continue;
            reports.Add(Progress.Create(new ProgressDraft(status.Code(), Reason: status == ProgressStatus.CannotDo ? "งบประมาณไม่เพียงพอ" : null,
                Disbursed: disbursed.Amount, Reporter: new ReporterDraft("ผู้รายงาน", null)), measure, round.Round).Value);
        }

        return RoundSummary.Of(round, measures, reports);
    }
}
