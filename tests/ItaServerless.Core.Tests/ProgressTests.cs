// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;

namespace ItaServerless.Core.Tests;

public class ProgressTests
{
    private static readonly Measure Funded = Seed003.Measures[12];   // budget 100,000.00
    private static readonly Measure Unfunded = Seed003.Measures[0];  // budget 0.00
    private static readonly ReporterDraft Reporter = new("นายรังสรรค์ ศรีเพชร", "หัวหน้าสำนักปลัดเทศบาล");

    private static IEnumerable<(string, string)> Errors(ProgressDraft draft, Measure? measure = null) =>
        Progress.Create(draft, measure ?? Funded, ReportingRound.SixMonths).Errors.Select(e => (e.Code, e.Field));

    [Fact]
    public void A_valid_report()
    {
        var p = Progress.Create(new ProgressDraft("inProgress", Result: "จัดอบรมแล้ว ๑ ครั้ง", Disbursed: 4840m,
            Reporter: Reporter, Evidence: ["https://example.go.th/ita/o27.pdf"]), Funded, ReportingRound.SixMonths).Value;
        Assert.Equal(ProgressStatus.InProgress, p.Status);
        Assert.Equal(new MeasureKey(Plan.AntiCorruption, 13), p.Measure);
        Assert.Equal("2566/6m", p.Round.ToString());
        Assert.Equal(Baht.Of(4840m), p.Disbursed);
        Assert.Equal("หัวหน้าสำนักปลัดเทศบาล", p.Reporter.Position);
        Assert.Equal("https://example.go.th/ita/o27.pdf", p.Evidence.Single().AbsoluteUri);
        Assert.Equal(ProgressStatus.InProgress, ProgressStatuses.Of(p));
        Assert.Equal(ProgressStatus.Waiting, ProgressStatuses.Of(null));
    }

    [Fact]
    public void Statuses_have_thai_names_and_codes()
    {
        Assert.Equal("รอรายงาน", ProgressStatus.Waiting.NameTh());
        Assert.Equal("ดำเนินการแล้วเสร็จ", ProgressStatus.Done.NameTh());
        Assert.Equal(ProgressStatus.Done, ProgressStatuses.ParseReported("ดำเนินการแล้วเสร็จ").Value);
        Assert.Equal(ProgressStatus.CannotDo, ProgressStatuses.ParseReported("cannotDo").Value);
        Assert.Equal("not_allowed", ProgressStatuses.ParseReported("waiting").Errors.Single().Code);
        Assert.Equal("unknown_value", ProgressStatuses.ParseReported("later").Errors.Single().Code);
    }

    [Fact]
    public void Cannot_do_needs_a_reason_and_only_it_has_one()
    {
        Assert.Equal([("required", "reason")], Errors(new ProgressDraft("cannotDo", Reporter: Reporter)));
        Assert.Empty(Errors(new ProgressDraft("cannotDo", Reason: "ไม่ได้รับจัดสรรงบประมาณ", Reporter: Reporter)));
        Assert.Equal([("not_allowed", "reason")], Errors(new ProgressDraft("done", Reason: "เหตุผล", Reporter: Reporter)));
    }

    [Fact]
    public void Disbursed_may_not_exceed_the_budget()
    {
        Assert.Empty(Errors(new ProgressDraft("done", Disbursed: 100_000m, Reporter: Reporter)));
        var over = Progress.Create(new ProgressDraft("done", Disbursed: 100_000.01m, Reporter: Reporter), Funded, ReportingRound.TwelveMonths)
            .Errors.Single();
        Assert.Equal(("over_budget", "disbursed"), (over.Code, over.Field));
        Assert.Contains("100,000.00 บาท", over.MessageTh);
        var unfunded = Errors(new ProgressDraft("done", Disbursed: 1m, Reporter: Reporter), Unfunded);
        Assert.Equal([("over_budget", "disbursed")], unfunded);
        Assert.Equal([("negative", "disbursed")], Errors(new ProgressDraft("done", Disbursed: -5m, Reporter: Reporter)));
    }

    [Fact]
    public void Every_bad_field_is_reported()
    {
        var draft = new ProgressDraft(null, Result: "ok\u0000", Outcome: new string('ก', 4001),
            Disbursed: 0.001m, Reporter: new ReporterDraft(" ", new string('ก', 201)),
            Evidence: ["ftp://example.go.th/x", "/relative/path", "https://example.go.th/ok", "", "https://exa mple.go.th"]);
        Assert.Equal(new HashSet<(string, string)>
        {
            ("required", "status"),
            ("control_character", "result"),
            ("too_long", "outcome"),
            ("too_many_decimals", "disbursed"),
            ("required", "reporter.name"),
            ("too_long", "reporter.position"),
            ("invalid_url", "evidence[0]"),
            ("invalid_url", "evidence[1]"),
            ("required", "evidence[3]"),
            ("invalid_url", "evidence[4]"),
        }, Errors(draft).ToHashSet());
        Assert.Equal([("required", "reporter")], Errors(new ProgressDraft("done")));
        Assert.Equal([("too_many", "evidence")],
            Errors(new ProgressDraft("done", Reporter: Reporter, Evidence: Enumerable.Repeat<string?>("https://a.go.th", 21).ToArray())));
    }

    [Fact]
    public void Multiline_text_keeps_its_lines()
    {
        var p = Progress.Create(new ProgressDraft("done", Result: "๑. ประชุม\r\n๒. อบรม", Reporter: Reporter), Funded, ReportingRound.SixMonths).Value;
        Assert.Equal("๑. ประชุม\n๒. อบรม", p.Result);
    }

    [Fact]
    public void A_stored_report_is_restored_without_the_budget_rule_but_not_without_its_structure()
    {
        var round = new FiscalYearRound(Funded.FiscalYear, ReportingRound.SixMonths);
        var reporter = ItaServerless.Core.Planning.Reporter.Restore("นายรังสรรค์ ศรีเพชร", null);
        // Accepted under an earlier, larger budget: still readable.
        var old = Progress.Restore(round, Funded.Key, ProgressStatus.InProgress, null, null, null, null, null, Baht.Of(250_000m), reporter, []);
        Assert.Equal(250_000m, old.Disbursed.Amount);

        Assert.Throws<Persistence.StoredDataException>(() =>
            Progress.Restore(round, Funded.Key, ProgressStatus.Waiting, null, null, null, null, null, Baht.Zero, reporter, []));
        Assert.Throws<Persistence.StoredDataException>(() =>
            Progress.Restore(round, Funded.Key, ProgressStatus.CannotDo, null, null, null, null, null, Baht.Zero, reporter, []));
        Assert.Throws<Persistence.StoredDataException>(() => ItaServerless.Core.Planning.Reporter.Restore(" ", null));
    }

    [Fact]
    public void A_budget_cut_below_a_reported_amount_is_refused_naming_the_budget()
    {
        var six = Progress.Create(new ProgressDraft("inProgress", Disbursed: 4_000m, Reporter: Reporter), Funded, ReportingRound.SixMonths).Value;
        var twelve = Progress.Create(new ProgressDraft("done", Disbursed: 4_500m, Reporter: Reporter), Funded, ReportingRound.TwelveMonths).Value;
        var cut = Measure.Create(Funded.ToDraft() with { Budget = 4_000m }, Funded.FiscalYear, null).Value;
        var error = Assert.Single(BudgetRule.CheckCut(cut, [six, twelve]));
        Assert.Equal(("below_disbursed", "budget"), (error.Code, error.Field));
        Assert.Contains("รอบ ๑๒ เดือน", error.MessageTh, StringComparison.Ordinal);
        Assert.Contains("4500.00", error.MessageEn, StringComparison.Ordinal);

        var enough = Measure.Create(Funded.ToDraft() with { Budget = 4_500m }, Funded.FiscalYear, null).Value;
        Assert.Empty(BudgetRule.CheckCut(enough, [six, twelve]));
        Assert.Empty(BudgetRule.CheckCut(cut, []));
    }
}
