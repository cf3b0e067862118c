// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

/// <summary>The one summary of a round, for the API and the documents, from what is stored.</summary>
public sealed class RoundSummaryQueryTests
{
    private const string Org = "nakham";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private static readonly FiscalYearRound SixMonths = new(Year, ReportingRound.SixMonths);
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 3, 0, 0, TimeSpan.Zero);

    private readonly InMemoryPlans _plans = new();

    /// <summary>
    /// ITA: ita-1 budget 1,000 done with 1,000 disbursed; ita-2 budget 2,000 in progress with 500; ita-3 no
    /// budget, cannot be done; ita-4 budget 500, waiting. Anti-corruption: anticorruption-1 budget 100, done, 100.
    /// The 12-month round has one report (ita-4, done).
    /// </summary>
    private async Task SeedAsync()
    {
        var create = new CreateMeasure(_plans);
        foreach (var budget in new[] { 1000m, 2000m, 0m, 500m })
        {
            _ = (await create.ExecuteAsync(Org, Year, new MeasureDraft("ita", null, "มาตรการ", Indicators: [1], Responsible: ["*"],
                Period: new PeriodDraft(WholeYear: true), Budget: budget), AuditActor.Admin)).Value;
        }

        _ = (await create.ExecuteAsync(Org, Year, new MeasureDraft("anticorruption", null, "กิจกรรม", Responsible: ["*"],
            Period: new PeriodDraft(WholeYear: true), Budget: 100m, Kind: "activity", Dimension: 1), AuditActor.Admin)).Value;

        var report = new ReportProgress(_plans, new FixedClock(Now));
        var reporter = new ReporterDraft("นางสาวสมใจ ใจดี", null);
        async Task Report(string id, ReportingRound round, ProgressDraft draft) =>
            _ = (await report.ExecuteAsync(Org, Year, id, round, Caller.Admin, Precondition.None, DraftReader.Of(draft))).Value;
        await Report("ita-1", ReportingRound.SixMonths, new ProgressDraft("done", Disbursed: 1000m, Reporter: reporter));
        await Report("ita-2", ReportingRound.SixMonths, new ProgressDraft("inProgress", Disbursed: 500m, Reporter: reporter));
        await Report("ita-3", ReportingRound.SixMonths, new ProgressDraft("cannotDo", Reason: "ไม่มีงบประมาณ", Reporter: reporter));
        await Report("anticorruption-1", ReportingRound.SixMonths, new ProgressDraft("done", Disbursed: 100m, Reporter: reporter));
        await Report("ita-4", ReportingRound.TwelveMonths, new ProgressDraft("done", Disbursed: 500m, Reporter: reporter));
    }

    [Fact]
    public async Task One_plan_is_summarised_from_its_own_measures_and_reports()
    {
        await SeedAsync();
        var round = await new RoundSummaryQuery(_plans).ExecuteAsync(Org, SixMonths, Plan.Ita);
        var s = round.Summary;
        Assert.Equal((4, 1, 1, 1, 1), (s.Total, s.Waiting, s.InProgress, s.Done, s.CannotDo));
        Assert.Equal((3500m, 1500m), (s.TotalBudget.Amount, s.TotalDisbursed.Amount));
        Assert.Equal(42.86m, s.DisbursedPercent);     // 1,500 / 3,500 = 42.857…
        Assert.Equal(50.00m, s.ImplementedPercent);   // (1 in progress + 1 done) / 4
        Assert.Equal(ImplementationLevel.Medium, s.ImplementationLevel);
        Assert.Equal(25.00m, s.PercentOf(ProgressStatus.Waiting));
        Assert.Equal(100.00m, s.TotalPercent);
        Assert.Equal(["ita-1", "ita-2", "ita-3", "ita-4"], round.Measures.Select(m => m.Key.ToString()));
        Assert.Equal(["ita-1", "ita-2", "ita-3"], round.Reports.Select(r => r.Value.Measure.ToString()));
        Assert.Null(round.ReportOf(new MeasureKey(Plan.Ita, 4)));
        Assert.Equal(ProgressStatus.CannotDo, round.ReportOf(new MeasureKey(Plan.Ita, 3))!.Status);
    }

    [Fact]
    public async Task Without_a_plan_the_whole_year_is_summarised()
    {
        await SeedAsync();
        var s = (await new RoundSummaryQuery(_plans).ExecuteAsync(Org, SixMonths)).Summary;
        Assert.Equal((5, 1, 1, 2, 1), (s.Total, s.Waiting, s.InProgress, s.Done, s.CannotDo));
        Assert.Equal((3600m, 1600m), (s.TotalBudget.Amount, s.TotalDisbursed.Amount));
        Assert.Equal(44.44m, s.DisbursedPercent);     // 1,600 / 3,600 = 44.444…
        Assert.Equal(60.00m, s.ImplementedPercent);   // 3 / 5
        Assert.Equal(40.00m, s.PercentOf(ProgressStatus.Done));
    }

    [Fact]
    public async Task Each_round_has_its_own_reports()
    {
        await SeedAsync();
        var s = (await new RoundSummaryQuery(_plans).ExecuteAsync(Org, new FiscalYearRound(Year, ReportingRound.TwelveMonths), Plan.Ita)).Summary;
        Assert.Equal((4, 3, 1), (s.Total, s.Waiting, s.Done));
        Assert.Equal(500m, s.TotalDisbursed.Amount);
        Assert.Equal(14.29m, s.DisbursedPercent);     // 500 / 3,500 = 14.285…
        Assert.Equal(ImplementationLevel.Low, s.ImplementationLevel);
    }

    [Fact]
    public async Task A_year_without_measures_is_an_empty_summary()
    {
        var round = await new RoundSummaryQuery(_plans).ExecuteAsync(Org, SixMonths, Plan.AntiCorruption);
        Assert.Empty(round.Measures);
        Assert.Equal((0, 0m, 0m, 0m), (round.Summary.Total, round.Summary.DisbursedPercent, round.Summary.ImplementedPercent, round.Summary.TotalPercent));
    }
}
