// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

/// <summary>Report kinds and orders, the memo's defaults, and the one idempotency mechanism of report requests.</summary>
public sealed class RequestReportTests
{
    private const string Org = "nakham";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);

    /// <summary>18:30 UTC on 30 April 2026 is already 1 May in Bangkok.</summary>
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 18, 30, 0, TimeSpan.Zero);

    private static readonly AuditActor Editor = AuditActor.System("test-editor");
    private static readonly ReportOrderDraft Progress6m = new("progress", "6m", new MemoDraft(Number: "นพ ๕๒๔๐๑/๑๒๓"));

    private readonly InMemoryOrganizations _organizations = new();
    private readonly InMemoryReports _reports = new();
    private readonly RequestReport _request;

    public RequestReportTests()
    {
        _organizations.CreateAsync(Organization.Create(new OrganizationDraft(Org, "เทศบาลตำบลนาคำ", "เทศบาลตำบล", DocumentPrefix: "นพ ๕๒๔๐๑")).Value, Editor).Wait();
        _organizations.PutOfficialAsync(Official.Create(Org, "mayor", new OfficialDraft("นายสวัสดิ์ ตันแกง", "นายกเทศมนตรีตำบลนาคำ\nผู้บริหาร", "executive")).Value,
            null, Editor).Wait();
        _request = new RequestReport(_organizations, _reports, _reports, new FixedClock(Now));
    }

    [Fact]
    public void The_fingerprint_and_the_keyed_id_keep_their_stored_form()
    {
        // SHA-256 of {"year":2569,"kind":"progress","round":"6m","memo":{"date":null,"number":"นพ ๕๒๔๐๑/๑๒๓","subject":null,"to":null}}, computed apart.
        Assert.Equal("e57da54fda98cb5a14d7b7502948c953974675e43e6ec1b3b0d1c40b8968ff58", ReportRequest.FingerprintOf(Year, Progress6m));
        Assert.Equal("f390c740485de888d9d935ec3652ec22d5ee0677837beef0724549bc9e106f7a", ReportRequest.FingerprintOf(Year, new ReportOrderDraft("measures")));
        // "k-" + the first 24 hex digits of SHA-256("nakham\n2569\nretry-7f3a").
        Assert.Equal("k-5fa398d97d7eb8362e23a49f", ReportRequest.KeyedId(Org, Year, "retry-7f3a"));
        Assert.Equal("k-77321cc045eac09dbe608308", ReportRequest.KeyedId(Org, Year, "auto-publish|2569|6m"));
    }

    [Fact]
    public async Task A_request_is_queued_then_recorded_with_the_memo_resolved()
    {
        var submitted = (await _request.ExecuteAsync(Org, Year, new ReportOrderDraft("anticorruption", "12m"), null, Editor)).Value;
        Assert.False(submitted.Replayed);
        var record = submitted.Record;
        Assert.Equal((ReportKind.AntiCorruption, "12m", ReportStatus.Queued, Now, "system:test-editor"), (record.Kind, record.Round?.Code, record.Status, record.CreatedAt, record.CreatedBy));
        Assert.Equal($"{Org}/2569/{record.Id}.pdf", record.BlobName);
        Assert.Matches("^20260430183000-[0-9a-f]{10}$", record.Id);

        var queued = Assert.Single(_reports.Queued.Values);
        Assert.Equal(new MemoFields(new DateOnly(2026, 5, 1), "นพ ๕๒๔๐๑/",
            "รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ รอบ ๑๒ เดือน", "นายกเทศมนตรีตำบลนาคำ"), queued.Memo);
        Assert.Equal(Editor, _reports.LastActor);
    }

    [Fact]
    public async Task The_same_key_names_the_same_report_and_another_request_with_it_is_refused()
    {
        var first = (await _request.ExecuteAsync(Org, Year, Progress6m, "retry-7f3a", Editor)).Value;
        var again = (await _request.ExecuteAsync(Org, Year, Progress6m with { }, "retry-7f3a", Editor)).Value;
        Assert.Equal(("k-5fa398d97d7eb8362e23a49f", false, true), (first.Record.Id, first.Replayed, again.Replayed));
        Assert.Equal(first.Record, again.Record);
        Assert.Single(_reports.Queued);

        var reused = await _request.ExecuteAsync(Org, Year, new ReportOrderDraft("measures"), "retry-7f3a", Editor);
        Assert.Equal((RefusalKind.KeyReused, "Idempotency-Key", "key_reused"), (reused.Refusal!.Kind, reused.Refusal.Errors[0].Field, reused.Refusal.Errors[0].Code));
        Assert.NotEqual(first.Record.Id, (await _request.ExecuteAsync(Org, Year, Progress6m, "retry-8b21", Editor)).Value.Record.Id);
        Assert.NotEqual(first.Record.Id, (await _request.ExecuteAsync(Org, FiscalYear.Of(2570), Progress6m, "retry-7f3a", Editor)).Value.Record.Id);
    }

    [Fact]
    public async Task A_request_whose_record_write_was_lost_is_completed_by_the_retry()
    {
        // A crash after the request blob and before the record: the retry with the key finds the request and writes the record.
        var key = "crash-1";
        var id = ReportRequest.KeyedId(Org, Year, key);
        var earlier = new ReportRequest(Org, Year, id, ReportKind.Progress, ReportingRound.SixMonths,
            new MemoFields(new DateOnly(2026, 4, 1), "นพ ๕๒๔๐๑/๑", "เรื่อง", "นายก"), Now.AddMinutes(-5), "system:test-editor", key,
            ReportRequest.FingerprintOf(Year, Progress6m));
        await _reports.EnqueueAsync(earlier);

        var retried = (await _request.ExecuteAsync(Org, Year, Progress6m, key, Editor)).Value;
        Assert.True(retried.Replayed);
        Assert.Equal((id, Now.AddMinutes(-5)), (retried.Record.Id, retried.Record.CreatedAt));
        Assert.NotNull(await _reports.GetAsync(Org, Year, id));
    }

    [Fact]
    public async Task A_bad_order_is_invalid_and_an_unknown_organization_not_found()
    {
        var invalid = await _request.ExecuteAsync(Org, Year, new ReportOrderDraft("analysis", "12m", new MemoDraft(Date: "2569-04-30")), null, Editor);
        Assert.Equal([("round", "not_allowed"), ("memo.date", "year_looks_like_be")], invalid.Refusal!.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(RefusalKind.NotFound, (await _request.ExecuteAsync("nowhere", Year, Progress6m, null, Editor)).Refusal!.Kind);
        Assert.Empty(_reports.Queued);
    }

    [Theory]
    [InlineData("measures", false)]
    [InlineData("progress", true)]
    [InlineData("anticorruption", true)]
    [InlineData("analysis", false)]
    public void Kinds_parse_exactly_and_know_their_round(string code, bool hasRound)
    {
        var kind = ReportKinds.Parse(code).Value;
        Assert.Equal((code, hasRound), (kind.Code(), kind.HasRound()));
        Assert.False(ReportKinds.Parse(code.ToUpperInvariant()).IsValid);
    }

    [Fact]
    public void A_record_has_a_round_exactly_when_its_kind_has_one()
    {
        Assert.Equal(ReportKind.AntiCorruption, new ReportRecord(Org, Year, "r1", ReportKind.AntiCorruption, ReportingRound.SixMonths, "nakham/2569/r1.pdf", Now).Kind);
        Assert.Throws<ArgumentException>(() => new ReportRecord(Org, Year, "r2", ReportKind.Progress, null, "nakham/2569/r2.pdf", Now));
        Assert.Throws<ArgumentException>(() => new ReportRecord(Org, Year, "r3", ReportKind.Measures, ReportingRound.SixMonths, "nakham/2569/r3.pdf", Now));
    }

    [Fact]
    public void A_request_keeps_its_kind_and_round_together()
    {
        var memo = new MemoFields(new DateOnly(2026, 4, 1), "", "", "");
        Assert.Throws<ArgumentException>(() => new ReportRequest(Org, Year, "r1", ReportKind.Measures, ReportingRound.SixMonths, memo, Now, "admin", null, "f"));
        Assert.Throws<ArgumentException>(() => new ReportRequest(Org, Year, "r1", ReportKind.Progress, null, memo, Now, "admin", null, "f"));
        Assert.Null(new ReportRequest(Org, Year, "r1", ReportKind.Measures, null, memo, Now, "admin", "", "f").IdempotencyKey);
    }

    [Fact]
    public void Idempotency_keys_are_bounded_and_a_stored_one_is_visible_ascii()
    {
        Assert.Null(IdempotencyKeys.Check("form-7f3a2c"));
        Assert.Null(IdempotencyKeys.Check("ключ с пробелом"));
        Assert.Equal("invalid_format", IdempotencyKeys.Check(new string('k', 201))?.Code);
        Assert.Null(IdempotencyKeys.Check(new string('k', 200)));
        Assert.Equal("invalid_format", IdempotencyKeys.Check("a\u0007b")?.Code);
        Assert.Null(IdempotencyKeys.CheckStored("auto-publish|2569|6m"));
        Assert.Equal("invalid_format", IdempotencyKeys.CheckStored("key with spaces")?.Code);
        Assert.Equal("invalid_format", IdempotencyKeys.CheckStored("ключ")?.Code);
    }
}
