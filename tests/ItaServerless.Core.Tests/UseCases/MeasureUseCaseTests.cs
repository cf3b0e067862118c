// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

/// <summary>Numbering, the identity of a measure (plan and number), the budget cut and progress reporting.</summary>
public sealed class MeasureUseCaseTests
{
    private const string Org = "nakham";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private static readonly AuditActor Actor = AuditActor.System("test");
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 2, 30, 0, TimeSpan.Zero);

    private readonly InMemoryPlans _plans = new();

    private static MeasureDraft Ita(int? number = null, decimal budget = 0m, string title = "มาตรการ", string[]? responsible = null) =>
        new("ita", number, title, Indicators: [1], Responsible: responsible ?? ["*"], Period: new PeriodDraft(WholeYear: true), Budget: budget);

    private static MeasureDraft AntiCorruption(int? number = null) =>
        new("anticorruption", number, "กิจกรรม", Responsible: ["*"], Period: new PeriodDraft(WholeYear: true), Kind: "activity", Dimension: 4);

    private async Task<Versioned<Measure>> CreateAsync(MeasureDraft draft) =>
        (await new CreateMeasure(_plans).ExecuteAsync(Org, Year, draft, Actor)).Value;

    [Fact]
    public async Task A_measure_without_a_number_gets_the_next_of_its_plan()
    {
        Assert.Equal("ita-1", (await CreateAsync(Ita())).Value.Key.ToString());
        Assert.Equal("ita-2", (await CreateAsync(Ita())).Value.Key.ToString());
        Assert.Equal("anticorruption-13", (await CreateAsync(AntiCorruption(13))).Value.Key.ToString());
        Assert.Equal("anticorruption-14", (await CreateAsync(AntiCorruption())).Value.Key.ToString());
        Assert.Equal("ita-9", (await CreateAsync(Ita(9))).Value.Key.ToString());
        Assert.Equal("ita-10", (await CreateAsync(Ita())).Value.Key.ToString()); // after the highest, not into the gap
        Assert.Equal(Actor, _plans.LastActor);
    }

    [Fact]
    public void The_next_number_counts_only_the_plan_and_starts_at_one()
    {
        Measure M(MeasureDraft d) => Measure.Create(d, Year, null).Value;
        Measure[] year = [M(Ita(4)), M(Ita(2)), M(AntiCorruption(15))];
        Assert.Equal(5, CreateMeasure.NextNumber(year, Plan.Ita));
        Assert.Equal(16, CreateMeasure.NextNumber(year, Plan.AntiCorruption));
        Assert.Equal(1, CreateMeasure.NextNumber([M(Ita(4))], Plan.AntiCorruption));
        Assert.Equal(1, CreateMeasure.NextNumber([], Plan.Ita));
    }

    [Fact]
    public async Task A_number_lost_to_another_request_is_taken_again()
    {
        // Two other requests take ita-1 and ita-2 between our read and our insert.
        var taken = 0;
        _plans.BeforeCreate = (_, m) =>
        {
            if (taken++ < 2) _plans.Insert(Org, Measure.Create(Ita(m.Number, title: "ของคนอื่น"), Year, null).Value);
        };
        var created = await CreateAsync(Ita(title: "ของเรา"));
        Assert.Equal(("ita-3", "ของเรา"), (created.Value.Key.ToString(), created.Value.Title));
        Assert.Equal(3, _plans.CreateAttempts);
    }

    [Fact]
    public async Task Numbering_gives_up_after_its_retries_with_a_conflict()
    {
        _plans.BeforeCreate = (_, m) => _plans.Insert(Org, Measure.Create(Ita(m.Number), Year, null).Value);
        var refused = await new CreateMeasure(_plans).ExecuteAsync(Org, Year, Ita(), Actor);
        Assert.Equal(RefusalKind.Conflict, refused.Refusal!.Kind);
        Assert.Equal(("number", "already_exists"), (refused.Refusal.Errors[0].Field, refused.Refusal.Errors[0].Code));
        Assert.Equal(1 + CreateMeasure.NumberingRetries, _plans.CreateAttempts);
    }

    [Fact]
    public async Task A_number_given_that_is_taken_is_a_conflict_at_once()
    {
        await CreateAsync(AntiCorruption(13));
        var refused = await new CreateMeasure(_plans).ExecuteAsync(Org, Year, AntiCorruption(13), Actor);
        var error = Assert.Single(refused.Refusal!.Errors);
        Assert.Equal((RefusalKind.Conflict, "number", "already_exists"), (refused.Refusal.Kind, error.Field, error.Code));
        Assert.Equal("มีมาตรการลำดับที่ 13 ในแผนนี้อยู่แล้ว", error.MessageTh);
        Assert.Equal(2, _plans.CreateAttempts);
    }

    [Fact]
    public async Task An_invalid_draft_is_refused_with_every_field_and_nothing_written()
    {
        var refused = await new CreateMeasure(_plans).ExecuteAsync(Org, Year, new MeasureDraft("itaa", null, ""), Actor);
        Assert.Equal(RefusalKind.Invalid, refused.Refusal!.Kind);
        Assert.Contains(refused.Refusal.Errors, e => (e.Field, e.Code) == ("plan", "unknown_value"));
        Assert.Contains(refused.Refusal.Errors, e => (e.Field, e.Code) == ("title", "required"));
        Assert.Equal(0, _plans.CreateAttempts);
    }

    [Fact]
    public async Task Plan_and_number_left_out_of_a_replacement_are_kept()
    {
        var created = await CreateAsync(Ita(title: "เดิม"));
        var draft = Ita(title: "ใหม่") with { Plan = null, Number = null };
        var replaced = await Replace(created.Value.Key.ToString(), draft, created.Version);
        Assert.Equal(("ita-1", "ใหม่"), (replaced.Value.Value.Key.ToString(), replaced.Value.Value.Title));
        Assert.Equal("ใหม่", (await _plans.GetMeasureAsync(Org, Year, created.Value.Key))!.Value.Title);
    }

    [Theory]
    [InlineData("ita", 2, "number")]
    [InlineData("anticorruption", 1, "plan")]
    [InlineData("anticorruption", 7, "plan")]
    public async Task Plan_and_number_of_a_measure_cannot_change(string plan, int number, string field)
    {
        var created = await CreateAsync(Ita());
        var draft = plan == "ita" ? Ita(number) : AntiCorruption(number);
        var refused = await Replace("ita-1", draft, created.Version);
        Assert.Equal(RefusalKind.NotAllowed, refused.Refusal!.Kind);
        Assert.Equal((field, "not_allowed"), (refused.Refusal.Errors[0].Field, refused.Refusal.Errors[0].Code));
        Assert.Equal(created.Version, (await _plans.GetMeasureAsync(Org, Year, created.Value.Key))!.Version);
    }

    [Fact]
    public async Task An_invalid_replacement_is_reported_as_invalid_before_its_number()
    {
        var created = await CreateAsync(Ita());
        var refused = await Replace("ita-1", Ita(0), created.Version);
        Assert.Equal(RefusalKind.Invalid, refused.Refusal!.Kind);
        Assert.Equal(("number", "out_of_range"), (refused.Refusal.Errors[0].Field, refused.Refusal.Errors[0].Code));
    }

    [Fact]
    public async Task A_replacement_needs_the_current_version_before_its_body_is_read()
    {
        var created = await CreateAsync(Ita());
        var reads = 0;
        DraftReader<MeasureDraft> counting = _ => { reads++; return Task.FromResult<MeasureDraft?>(Ita()); };
        var replace = new ReplaceMeasure(_plans);
        Assert.Equal(RefusalKind.VersionRequired, (await replace.ExecuteAsync(Org, Year, "ita-1", Precondition.None, counting, Actor)).Refusal!.Kind);
        Assert.Equal(RefusalKind.VersionMismatch, (await replace.ExecuteAsync(Org, Year, "ita-1", new Precondition("\"old\""), counting, Actor)).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await replace.ExecuteAsync(Org, Year, "ita-2", new Precondition("*"), counting, Actor)).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await replace.ExecuteAsync(Org, Year, "nonsense", new Precondition("*"), counting, Actor)).Refusal!.Kind);
        Assert.Equal(0, reads);
        Assert.Equal(RefusalKind.Unreadable, (await replace.ExecuteAsync(Org, Year, "ita-1", new Precondition(created.Version.Value),
            _ => Task.FromResult<MeasureDraft?>(null), Actor)).Refusal!.Kind);
    }

    [Fact]
    public async Task A_budget_below_what_a_round_reports_disbursed_is_refused()
    {
        var created = await CreateAsync(Ita(budget: 5000m));
        await Report("ita-1", ReportingRound.SixMonths, new ProgressDraft("inProgress", Disbursed: 1200.50m, Reporter: new ReporterDraft("นายก", null)));
        await Report("ita-1", ReportingRound.TwelveMonths, new ProgressDraft("done", Disbursed: 3000m, Reporter: new ReporterDraft("นายก", null)));

        var refused = await Replace("ita-1", Ita(budget: 2999.99m), created.Version);
        Assert.Equal(RefusalKind.Invalid, refused.Refusal!.Kind);
        var error = Assert.Single(refused.Refusal.Errors);
        Assert.Equal(("budget", "below_disbursed"), (error.Field, error.Code));
        Assert.Contains("12m", error.MessageEn, StringComparison.Ordinal);

        Assert.True((await Replace("ita-1", Ita(budget: 3000m), created.Version)).IsOk);
    }

    [Fact]
    public async Task Deleting_needs_the_current_version()
    {
        var created = await CreateAsync(Ita());
        var delete = new DeleteMeasure(_plans);
        Assert.Equal(RefusalKind.VersionRequired, (await delete.ExecuteAsync(Org, Year, "ita-1", Precondition.None, Actor)).Refusal!.Kind);
        Assert.True((await delete.ExecuteAsync(Org, Year, "ita-1", new Precondition(created.Version.Value), Actor)).IsOk);
        Assert.Equal(RefusalKind.NotFound, (await delete.ExecuteAsync(Org, Year, "ita-1", new Precondition("*"), Actor)).Refusal!.Kind);
    }

    [Fact]
    public async Task A_first_report_needs_no_version_a_correction_does_and_both_are_stamped()
    {
        await CreateAsync(Ita(budget: 5000m));
        var clock = new FixedClock(Now);
        var report = new ReportProgress(_plans, clock);
        var draft = new ProgressDraft("inProgress", Result: "ร่างคู่มือแล้ว", Disbursed: 100m, Reporter: new ReporterDraft("นายอรรถพร พูลช่วย", null));

        var first = (await report.ExecuteAsync(Org, Year, "ita-1", ReportingRound.SixMonths, Caller.Admin, Precondition.None, DraftReader.Of(draft))).Value;
        Assert.True(first.Created);
        Assert.Equal(Now, first.Value.ReportedAt);
        Assert.Equal(AuditActor.Admin, _plans.LastActor);

        clock.Now = Now.AddHours(1);
        var correction = draft with { Status = "done" };
        Assert.Equal(RefusalKind.VersionRequired,
            (await report.ExecuteAsync(Org, Year, "ita-1", ReportingRound.SixMonths, Caller.Admin, Precondition.None, DraftReader.Of(correction))).Refusal!.Kind);
        var second = (await report.ExecuteAsync(Org, Year, "ita-1", ReportingRound.SixMonths, Caller.Admin, new Precondition(first.Version.Value),
            DraftReader.Of(correction))).Value;
        Assert.False(second.Created);
        Assert.Equal((ProgressStatus.Done, Now.AddHours(1)), (second.Value.Progress.Status, second.Value.ReportedAt));
    }

    [Fact]
    public async Task A_unit_reporter_reports_only_its_units_and_every_divisions_measures()
    {
        await CreateAsync(Ita(responsible: ["finance"]));
        await CreateAsync(Ita(responsible: ["office"]));
        await CreateAsync(Ita(responsible: ["*"]));
        var finance = Caller.Holder(AccessTokens.Issue(Org, AccessRole.Reporter, "finance", "กองคลัง", Now).Grant);
        var report = new ReportProgress(_plans, new FixedClock(Now));
        var reads = 0;
        DraftReader<ProgressDraft> body = _ => { reads++; return Task.FromResult<ProgressDraft?>(new ProgressDraft("done", Reporter: new ReporterDraft("กองคลัง", null))); };

        Assert.True((await report.ExecuteAsync(Org, Year, "ita-1", ReportingRound.SixMonths, finance, Precondition.None, body)).IsOk);
        Assert.Equal(RefusalKind.Forbidden, (await report.ExecuteAsync(Org, Year, "ita-2", ReportingRound.SixMonths, finance, Precondition.None, body)).Refusal!.Kind);
        Assert.True((await report.ExecuteAsync(Org, Year, "ita-3", ReportingRound.SixMonths, finance, Precondition.None, body)).IsOk);
        Assert.Equal(2, reads); // the refused one never read its body
        Assert.Equal(finance.Actor, _plans.LastActor);
    }

    [Fact]
    public async Task A_report_over_the_budget_is_invalid()
    {
        await CreateAsync(Ita(budget: 1000m));
        var refused = await new ReportProgress(_plans, new FixedClock(Now)).ExecuteAsync(Org, Year, "ita-1", ReportingRound.SixMonths, Caller.Admin,
            Precondition.None, DraftReader.Of(new ProgressDraft("done", Disbursed: 1000.01m, Reporter: new ReporterDraft("x", null))));
        Assert.Equal(("disbursed", "over_budget"), (refused.Refusal!.Errors[0].Field, refused.Refusal.Errors[0].Code));
    }

    private Task<Outcome<Versioned<Measure>>> Replace(string id, MeasureDraft draft, EntityVersion version) =>
        new ReplaceMeasure(_plans).ExecuteAsync(Org, Year, id, new Precondition(version.Value), DraftReader.Of(draft), Actor);

    private async Task Report(string id, ReportingRound round, ProgressDraft draft) =>
        _ = (await new ReportProgress(_plans, new FixedClock(Now)).ExecuteAsync(Org, Year, id, round, Caller.Admin, Precondition.None, DraftReader.Of(draft))).Value;
}
