// SPDX-License-Identifier: MIT
using FsCheck.Fluent;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Thai;

namespace ItaServerless.Core.Tests;

public class RoundSummaryTests
{
    private static readonly ReporterDraft Reporter = new("ผู้รายงาน", null);

    [Fact]
    public void Seed_003_summary_is_reproduced_exactly()
    {
        var s = RoundSummary.Of(Seed003.Round, Seed003.Measures, Seed003.Reports);
        Assert.Equal(15, s.Total);
        Assert.Equal(0, s.Waiting);
        Assert.Equal(0, s.InProgress);
        Assert.Equal(15, s.Done);
        Assert.Equal(0, s.CannotDo);
        Assert.Equal("4,840.00 บาท", ThaiFormat.Baht(s.TotalDisbursed));
        Assert.Equal("100,000.00 บาท", ThaiFormat.Baht(s.TotalBudget));
        Assert.Equal(4.84m, s.DisbursedPercent);
        Assert.Equal("ร้อยละ 4.84", ThaiFormat.Percent(s.DisbursedPercent));
        Assert.Equal(100.00m, s.ImplementedPercent);
        Assert.Equal("ร้อยละ 100.00", ThaiFormat.Percent(s.ImplementedPercent));
        Assert.Equal("มาก", s.ImplementationLevel.NameTh());
    }

    [Fact]
    public void Measures_without_a_report_are_waiting()
    {
        var s = RoundSummary.Of(Seed003.Round, Seed003.Measures, Seed003.Reports.Take(5));
        Assert.Equal((15, 10, 5), (s.Total, s.Waiting, s.Done));
        Assert.Equal(33.33m, s.ImplementedPercent);
        Assert.Equal(ImplementationLevel.Low, s.ImplementationLevel);
        Assert.Equal(0m, s.DisbursedPercent);
    }

    [Fact]
    public void Empty_rounds_and_zero_budgets_give_zero_percentages()
    {
        var s = RoundSummary.Of(Seed003.Round, [], []);
        Assert.Equal((0, 0m, 0m), (s.Total, s.DisbursedPercent, s.ImplementedPercent));
    }

    [Theory]
    [InlineData(80, ImplementationLevel.High)]
    [InlineData(79.99, ImplementationLevel.Medium)]
    [InlineData(50, ImplementationLevel.Medium)]
    [InlineData(49.99, ImplementationLevel.Low)]
    public void Implementation_levels(double percent, ImplementationLevel expected) =>
        Assert.Equal(expected, ImplementationLevels.Of((decimal)percent));

    [Fact]
    public void Percentages_round_half_up()
    {
        Assert.Equal(66.67m, Percentage.Of(2, 3));
        Assert.Equal(0.01m, Percentage.Of(1m, 20_000m));   // 0.005 → 0.01
        Assert.Equal(0.00m, Percentage.Of(1m, 20_001m));
        Assert.Equal(0m, Percentage.Of(5m, 0m));
    }

    [Fact]
    public void Mismatched_reports_are_programming_errors()
    {
        var other = new FiscalYearRound(Seed003.Year, ReportingRound.SixMonths);
        Assert.Throws<ArgumentException>(() => RoundSummary.Of(other, Seed003.Measures, Seed003.Reports));
        Assert.Throws<ArgumentException>(() => RoundSummary.Of(Seed003.Round, Seed003.Measures.Skip(1), Seed003.Reports));
        Assert.Throws<ArgumentException>(() => RoundSummary.Of(Seed003.Round, Seed003.Measures, Seed003.Reports.Append(Seed003.Reports[0])));
        Assert.Throws<ArgumentException>(() => RoundSummary.Of(Seed003.Round, Seed003.Measures.Append(Seed003.Measures[0]), []));
        Assert.Throws<ArgumentException>(() =>
            RoundSummary.Of(new FiscalYearRound(FiscalYear.Of(2567), ReportingRound.TwelveMonths), Seed003.Measures, []));
    }

    [Fact]
    public void Summary_counts_and_money_add_up_for_any_round() =>
        PropertyCheck.ForAll(
            Gen.Zip(Gen.Choose(0, 4), Gen.Choose(0, 1000)).Select(t => (Status: t.Item1, Budget: t.Item2)).ListOf(),
            items =>
            {
                var rows = items.Take(60).ToArray();
                var measures = rows.Select((r, i) => Measure.Create(new MeasureDraft("anticorruption", i + 1, $"รายการ {i + 1}",
                    Responsible: ["*"], Budget: r.Budget * 10m, Kind: "project", Dimension: 1), Seed003.Year, null).Value).ToArray();
                var statuses = new[] { null, "inProgress", "done", "cannotDo", "done" };
                var reports = rows.Select((r, i) => (r, m: measures[i]))
                    .Where(x => statuses[x.r.Status] is not null)
                    .Select(x => Progress.Create(new ProgressDraft(statuses[x.r.Status], Reporter: Reporter,
                        Reason: x.r.Status == 3 ? "เหตุผล" : null, Disbursed: x.r.Budget * 5m), x.m, ReportingRound.TwelveMonths).Value)
                    .ToArray();
                var s = RoundSummary.Of(Seed003.Round, measures, reports);
                return s.Total == rows.Length
                    && s.Waiting + s.InProgress + s.Done + s.CannotDo == s.Total
                    && s.Waiting == rows.Count(r => r.Status == 0)
                    && s.TotalBudget.Amount == rows.Sum(r => r.Budget * 10m)
                    && s.TotalDisbursed.Amount == reports.Sum(p => p.Disbursed.Amount)
                    && s.DisbursedPercent is >= 0m and <= 100m
                    && s.ImplementedPercent is >= 0m and <= 100m
                    && (s.Total == 0 || s.ImplementedPercent == Percentage.Of(s.InProgress + s.Done, s.Total));
            });
}
