// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Reminders;
using ItaServerless.Core.Scoring;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class RepositoryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly FiscalYear Year = FiscalYear.Of(2569);

    /// <summary>The author of the tests' writes in the audit trail.</summary>
    internal static readonly AuditActor Actor = AuditActor.System("tests");
    private StorageTables _tables = null!;

    public async Task InitializeAsync()
    {
        _tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("r"));
        await _tables.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static Organization Org(string id = "na-kham", string name = "เทศบาลตำบลนาคำ 🏛") =>
        Organization.Create(new OrganizationDraft(id, name, "เทศบาลตำบล", Province: "ศรีสะเกษ",
            DueDates: new DueDatesDraft("05-15", "10-20"))).Value;

    internal static Measure MeasureOf(int number, string title = "เผยแพร่ข้อมูลสาธารณะ ✅", int steps = 2, int stepLength = 40) =>
        Measure.Create(new MeasureDraft("ita", number, title,
            Indicators: [9],
            Questions: ["o1", "o2"],
            Method: Enumerable.Range(1, steps).Select(i => (string?)(i + ". " + new string('ก', stepLength))).ToArray(),
            Responsible: ["*"],
            Period: new PeriodDraft("2568-10", "2569-03"),
            FollowUp: "รายงานผลทุกไตรมาส",
            Budget: 12_345.67m), Year, QuestionCatalog.ForMeasuresOf(Year)).Value;


    internal static ProgressRecord Record(Measure measure, ReportingRound round, ProgressDraft draft, DateTimeOffset at) =>
        new(Progress.Create(draft, measure, round).Value, at);

    [Fact]
    public async Task Organization_create_get_update_with_versions_and_directory()
    {
        var repo = new TableOrganizationRepository(_tables);
        var org = Org();
        var v1 = await repo.CreateAsync(org, RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => repo.CreateAsync(org, RepositoryTests.Actor));

        var read = await repo.GetAsync("na-kham");
        Assert.NotNull(read);
        Assert.Equal(v1, read.Version);
        Assert.Equal(("na-kham", "เทศบาลตำบลนาคำ 🏛", OrganizationKind.SubdistrictMunicipality, "ศรีสะเกษ"),
            (read.Value.Id, read.Value.Name, read.Value.Kind, read.Value.Province));
        Assert.Null(read.Value.Phone);
        Assert.False(read.Value.AutoPublish);
        Assert.Equal(DueDay.Of(5, 15), read.Value.DueDates.SixMonths);
        Assert.Equal(DueDay.Of(10, 20), read.Value.DueDates.TwelveMonths);

        var changed = org with { Phone = "045-123456", DueDates = new RoundDueDates(DueDay.Of(4, 30), DueDay.Of(10, 31)) };
        var v2 = await repo.UpdateAsync(changed, v1, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.UpdateAsync(org, v1, RepositoryTests.Actor));
        Assert.Equal("045-123456", (await repo.GetAsync("na-kham"))!.Value.Phone);
        Assert.Equal(v2, (await repo.GetAsync("na-kham"))!.Version);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => repo.UpdateAsync(Org("nowhere"), v2, RepositoryTests.Actor));
        Assert.Null(await repo.GetAsync("nowhere"));

        await repo.CreateAsync(Org("ban-mai", "อบต.บ้านใหม่"), RepositoryTests.Actor);
        var directory = await repo.ListAsync().ToListAsync();
        Assert.Equal(["ban-mai", "na-kham"], directory.Select(d => d.Id));
        Assert.Equal("เทศบาลตำบลนาคำ 🏛", directory[1].Name);
        Assert.Equal(OrganizationKind.SubdistrictMunicipality, directory[1].Kind);
    }

    [Fact]
    public async Task Units_and_officials_form_the_profile_and_honour_versions()
    {
        var repo = new TableOrganizationRepository(_tables);
        await repo.CreateAsync(Org(), RepositoryTests.Actor);
        var finance = Unit.Create("na-kham", "finance", new UnitDraft("กองคลัง", [new ContactDraft("สมหญิง ใจดี", "somying@example.go.th")])).Value;
        var unitVersion = await repo.PutUnitAsync(finance, null, RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => repo.PutUnitAsync(finance, null, RepositoryTests.Actor));
        await repo.PutUnitAsync(Unit.Create("na-kham", "office", new UnitDraft("สำนักปลัด")).Value, null, RepositoryTests.Actor);

        var mayor = Official.Create("na-kham", "mayor", new OfficialDraft("นายกเทศมนตรี ตัวอย่าง", "นายกเทศมนตรีตำบลนาคำ", "executive", 3)).Value;
        var clerk = Official.Create("na-kham", "clerk", new OfficialDraft("ผู้ใหญ่ ปั้น", "รองปลัดเทศบาล รักษาราชการแทน\nปลัดเทศบาลตำบลนาคำ", "permanentSecretary", 1)).Value;
        await repo.PutOfficialAsync(mayor, null, RepositoryTests.Actor);
        var clerkVersion = await repo.PutOfficialAsync(clerk, null, RepositoryTests.Actor);

        var profile = await repo.GetProfileAsync("na-kham");
        Assert.NotNull(profile);
        Assert.Equal(["finance", "office"], profile.Units.Select(u => u.Value.Id));
        Assert.Equal("somying@example.go.th", profile.Units[0].Value.Contacts.Single().Email);
        Assert.Equal(["clerk", "mayor"], profile.Officials.Select(o => o.Value.Id));
        Assert.Equal(clerk.Position, profile.Officials[0].Value.Position);
        Assert.Equal(["finance", "office"], (await repo.ListUnitsAsync("na-kham")).Select(u => u.Value.Id));
        Assert.Equal(["clerk", "mayor"], (await repo.ListOfficialsAsync("na-kham")).Select(o => o.Value.Id));
        Assert.Null(await repo.GetProfileAsync("nowhere"));

        var renamed = finance with { Name = "กองคลัง (ใหม่)" };
        var unitV2 = await repo.PutUnitAsync(renamed, unitVersion, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.PutUnitAsync(finance, unitVersion, RepositoryTests.Actor));
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.DeleteUnitAsync("na-kham", "finance", unitVersion, RepositoryTests.Actor));
        await repo.DeleteUnitAsync("na-kham", "finance", unitV2, RepositoryTests.Actor);
        Assert.Null(await repo.GetUnitAsync("na-kham", "finance"));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => repo.DeleteUnitAsync("na-kham", "finance", unitV2, RepositoryTests.Actor));

        await repo.DeleteOfficialAsync("na-kham", "clerk", clerkVersion, RepositoryTests.Actor);
        Assert.Null(await repo.GetOfficialAsync("na-kham", "clerk"));
        Assert.Equal("นายกเทศมนตรี ตัวอย่าง", (await repo.GetOfficialAsync("na-kham", "mayor"))!.Value.Name);
    }

    [Fact]
    public async Task Measures_round_trip_and_stale_writes_are_refused()
    {
        var repo = new TablePlanRepository(_tables);
        var m1 = MeasureOf(1);
        var v1 = await repo.CreateMeasureAsync("na-kham", m1, RepositoryTests.Actor);
        await repo.CreateMeasureAsync("na-kham", MeasureOf(2, "มาตรการที่ ๒"), RepositoryTests.Actor);
        await repo.CreateMeasureAsync("na-kham", MeasureOf(10, "มาตรการที่ ๑๐"), RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => repo.CreateMeasureAsync("na-kham", m1, RepositoryTests.Actor));

        var list = await repo.ListMeasuresAsync("na-kham", Year);
        Assert.Equal([1, 2, 10], list.Select(m => m.Value.Number));
        var read = list[0];
        Assert.Equal(v1, read.Version);
        Assert.Equal(("เผยแพร่ข้อมูลสาธารณะ ✅", Plan.Ita, 1), (read.Value.Title, read.Value.Plan, read.Value.Number));
        Assert.Equal([9], read.Value.Indicators.Select(i => i.Number));
        Assert.Equal(["1. " + new string('ก', 40), "2. " + new string('ก', 40)], read.Value.Method);
        Assert.Equal((YearMonth.Of(2568, 10), YearMonth.Of(2569, 3)), (read.Value.Period.From, read.Value.Period.To));
        Assert.Equal("รายงานผลทุกไตรมาส", read.Value.FollowUp);
        Assert.True(read.Value.Responsible.IsEveryDivision);
        Assert.Equal(12_345.67m, read.Value.Budget.Amount);
        Assert.Equal(["o1", "o2"], read.Value.Questions.Select(q => q.Value));
        Assert.Empty(await repo.ListMeasuresAsync("na-kham", Year.Next));
        Assert.Empty(await repo.ListMeasuresAsync("other", Year));

        var edited = MeasureOf(1, "ชื่อใหม่");
        var v2 = await repo.ReplaceMeasureAsync("na-kham", edited, v1, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.ReplaceMeasureAsync("na-kham", MeasureOf(1, "เขียนทับ"), v1, RepositoryTests.Actor));
        Assert.Equal("ชื่อใหม่", (await repo.GetMeasureAsync("na-kham", Year, m1.Key))!.Value.Title);
        Assert.Equal(v2, (await repo.GetMeasureAsync("na-kham", Year, m1.Key))!.Version);
    }

    [Fact]
    public async Task Concurrent_measure_edits_exactly_one_wins()
    {
        var repo = new TablePlanRepository(_tables);
        var version = await repo.CreateMeasureAsync("na-kham", MeasureOf(1), RepositoryTests.Actor);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await repo.ReplaceMeasureAsync("na-kham", MeasureOf(1, $"แก้ไขโดยคนที่ {i}"), version, RepositoryTests.Actor);
                return $"แก้ไขโดยคนที่ {i}";
            }
            catch (StaleVersionException)
            {
                return null;
            }
        }));
        var winner = Assert.Single(outcomes, o => o != null);
        Assert.Equal(winner, (await repo.GetMeasureAsync("na-kham", Year, new MeasureKey(Plan.Ita, 1)))!.Value.Title);
    }

    [Fact]
    public async Task Large_measure_is_split_across_properties_and_round_trips()
    {
        var repo = new TablePlanRepository(_tables);
        var big = MeasureOf(7, "ใหญ่ 🙂", steps: Measure.MaxSteps, stepLength: Measure.MaxStepLength - 10);
        await repo.CreateMeasureAsync("na-kham", big, RepositoryTests.Actor);
        var read = await repo.GetMeasureAsync("na-kham", Year, big.Key);
        Assert.Equal("ใหญ่ 🙂", read!.Value.Title);
        Assert.Equal(Measure.MaxSteps, read.Value.Method.Count);
        Assert.All(read.Value.Method.Select((step, i) => (step, i)), s => Assert.Equal($"{s.i + 1}. " + new string('ก', Measure.MaxStepLength - 10), s.step));
    }

    [Fact]
    public async Task Progress_is_stored_in_its_own_shape_and_rows_written_as_api_drafts_still_read()
    {
        var repo = new TablePlanRepository(_tables);
        var m = MeasureOf(3);
        await repo.CreateMeasureAsync("na-kham", m, RepositoryTests.Actor);
        var at = new DateTimeOffset(2026, 3, 20, 3, 0, 0, TimeSpan.Zero);
        var draft = new ProgressDraft("done", Disbursed: 4_000m, Reporter: new ReporterDraft("สมชาย", null), Evidence: ["https://na-kham.go.th/ita/o1.pdf"]);
        await repo.PutProgressAsync("na-kham", Year, Record(m, ReportingRound.SixMonths, draft, at), null, RepositoryTests.Actor);

        var row = await _tables.Plans.FindEntityAsync("na-kham|2569", "progress|6m|ita|0003");
        using var stored = JsonDocument.Parse(row!.GetString("Data")!);
        var names = stored.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal("done", stored.RootElement.GetProperty("Status").GetString());
        Assert.Equal(400_000, stored.RootElement.GetProperty("DisbursedSatang").GetInt64());
        Assert.Equal("สมชาย", stored.RootElement.GetProperty("ReporterName").GetString());
        Assert.Equal("https://na-kham.go.th/ita/o1.pdf", stored.RootElement.GetProperty("Evidence")[0].GetString());
        Assert.DoesNotContain("Disbursed", names);
        Assert.DoesNotContain("Reporter", names);
        Assert.Equal(JsonValueKind.Null, stored.RootElement.GetProperty("Draft").ValueKind);

        // A row as the first releases wrote it (the API draft), over the budget the measure has now: it still reads.
        var legacy = new Azure.Data.Tables.TableEntity("na-kham|2569", "progress|12m|ita|0003")
        {
            ["Data"] = "{\"Plan\":\"ita\",\"Number\":3,\"Round\":\"12m\",\"Draft\":{\"Status\":\"inProgress\",\"Disbursed\":99999.5," +
                       "\"Reporter\":{\"Name\":\"สมศรี\",\"Position\":null}},\"ReportedAt\":\"2026-09-30T03:00:00+00:00\"}",
        };
        await _tables.Plans.AddEntityAsync(legacy);
        var read = await repo.GetProgressAsync("na-kham", Year, ReportingRound.TwelveMonths, m.Key);
        Assert.Equal(ProgressStatus.InProgress, read!.Value.Progress.Status);
        Assert.Equal(99_999.50m, read.Value.Progress.Disbursed.Amount);
        Assert.Equal("สมศรี", read.Value.Progress.Reporter.Name);
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 3, 0, 0, TimeSpan.Zero), read.Value.ReportedAt);

        // A row that is not a report at all is a data defect, not bad input.
        await _tables.Plans.AddEntityAsync(new Azure.Data.Tables.TableEntity("na-kham|2569", "progress|6m|ita|0009")
        {
            ["Data"] = "{\"Plan\":\"ita\",\"Number\":9,\"Round\":\"6m\",\"ReportedAt\":\"2026-03-20T03:00:00+00:00\",\"Status\":\"waiting\",\"ReporterName\":\"x\"}",
        });
        await Assert.ThrowsAsync<StoredDataException>(() => repo.GetProgressAsync("na-kham", Year, ReportingRound.SixMonths, new MeasureKey(Plan.Ita, 9)));
    }

    [Fact]
    public async Task Progress_is_kept_per_round_and_deleted_with_its_measure()
    {
        var repo = new TablePlanRepository(_tables);
        var m1 = MeasureOf(1);
        var m2 = MeasureOf(2);
        var v1 = await repo.CreateMeasureAsync("na-kham", m1, RepositoryTests.Actor);
        await repo.CreateMeasureAsync("na-kham", m2, RepositoryTests.Actor);
        var at = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(7));
        var draft = new ProgressDraft("inProgress", Result: "ดำเนินการแล้ว ๕๐%", Disbursed: 5_000.25m, Reporter: new ReporterDraft("สมชาย", "นักวิเคราะห์"));
        var p6 = await repo.PutProgressAsync("na-kham", Year, Record(m1, ReportingRound.SixMonths, draft, at), null, RepositoryTests.Actor);
        await repo.PutProgressAsync("na-kham", Year, Record(m1, ReportingRound.TwelveMonths, draft with { Status = "done" }, at.AddMonths(6)), null, RepositoryTests.Actor);
        await repo.PutProgressAsync("na-kham", Year, Record(m2, ReportingRound.SixMonths, draft, at), null, RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() =>
            repo.PutProgressAsync("na-kham", Year, Record(m1, ReportingRound.SixMonths, draft, at), null, RepositoryTests.Actor));

        var six = await repo.ListProgressAsync("na-kham", new FiscalYearRound(Year, ReportingRound.SixMonths));
        Assert.Equal([1, 2], six.Select(p => p.Value.Measure.Number));
        Assert.Equal(5_000.25m, six[0].Value.Progress.Disbursed.Amount);
        Assert.Equal(at, six[0].Value.ReportedAt);
        Assert.Equal(p6, six[0].Version);
        var twelve = await repo.GetProgressAsync("na-kham", Year, ReportingRound.TwelveMonths, m1.Key);
        Assert.Equal(ProgressStatus.Done, twelve!.Value.Progress.Status);
        Assert.Same(ReportingRound.TwelveMonths, twelve.Value.Round);

        var revised = await repo.PutProgressAsync("na-kham", Year, Record(m1, ReportingRound.SixMonths, draft with { Result = "แก้ไข" }, at), p6, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() =>
            repo.PutProgressAsync("na-kham", Year, Record(m1, ReportingRound.SixMonths, draft, at), p6, RepositoryTests.Actor));

        // Stale delete: nothing removed.
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.DeleteMeasureAsync("na-kham", Year, m1.Key, revised, RepositoryTests.Actor));
        Assert.NotNull(await repo.GetProgressAsync("na-kham", Year, ReportingRound.SixMonths, m1.Key));

        await repo.DeleteMeasureAsync("na-kham", Year, m1.Key, v1, RepositoryTests.Actor);
        Assert.Null(await repo.GetMeasureAsync("na-kham", Year, m1.Key));
        Assert.Null(await repo.GetProgressAsync("na-kham", Year, ReportingRound.SixMonths, m1.Key));
        Assert.Null(await repo.GetProgressAsync("na-kham", Year, ReportingRound.TwelveMonths, m1.Key));
        Assert.NotNull(await repo.GetProgressAsync("na-kham", Year, ReportingRound.SixMonths, m2.Key));
        await Assert.ThrowsAsync<EntityNotFoundException>(() => repo.DeleteMeasureAsync("na-kham", Year, m1.Key, v1, RepositoryTests.Actor));
    }

    [Fact]
    public async Task Assessment_round_trips_with_exact_scores()
    {
        var repo = new TablePlanRepository(_tables);
        var assessment = Assessment.Create(new AssessmentDraft("na-kham", 2568, 84.57m,
            new Dictionary<string, decimal> { ["IIT"] = 90.12m, ["OIT"] = 70m },
            new Dictionary<string, decimal> { ["9"] = 38m, ["1"] = 99.99m },
            new Dictionary<string, decimal> { ["o1"] = 100m, ["i1"] = 88.5m })).Value;
        var v1 = await repo.PutAssessmentAsync(assessment, null, RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => repo.PutAssessmentAsync(assessment, null, RepositoryTests.Actor));
        var read = await repo.GetAssessmentAsync("na-kham", FiscalYear.Of(2568));
        Assert.Equal(v1, read!.Version);
        Assert.Equal(84.57m, read.Value.Total.Value);
        Assert.Equal([("IIT", 90.12m), ("OIT", 70m)], read.Value.ToolScores.Select(t => (t.Key.ToString(), t.Value.Value)).OrderBy(t => t.Item1));
        Assert.Equal([(1, 99.99m), (9, 38m)], read.Value.IndicatorScores.Select(i => (i.Key.Number, i.Value.Value)).OrderBy(i => i.Item1));
        Assert.Equal([("i1", 88.5m), ("o1", 100m)], read.Value.QuestionScores.Select(q => (q.Key.Value, q.Value.Value)).OrderBy(q => q.Item1));
        Assert.Equal(38m, read.Value.ScoreOf(Indicator.Of(9))!.Value.Value);
        Assert.Null(await repo.GetAssessmentAsync("na-kham", FiscalYear.Of(2567)));
        await repo.PutAssessmentAsync(assessment, v1, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.PutAssessmentAsync(assessment, v1, RepositoryTests.Actor));
    }

    [Fact]
    public async Task Report_records_list_newest_first_and_publish_with_versions()
    {
        var repo = new TableReportRecordRepository(_tables);
        var t0 = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(7));
        await repo.AddAsync(new ReportRecord("na-kham", Year, "r1", ReportKind.Progress, ReportingRound.SixMonths, "na-kham/2569/r1.pdf", t0, "สมชาย"), RepositoryTests.Actor);
        var v2 = await repo.AddAsync(new ReportRecord("na-kham", Year, "r2", ReportKind.Measures, null, "na-kham/2569/r2.pdf", t0.AddHours(1)), RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => repo.AddAsync(new ReportRecord("na-kham", Year, "r2", ReportKind.Measures, null, "x.pdf", t0), RepositoryTests.Actor));

        var list = await repo.ListAsync("na-kham", Year);
        Assert.Equal(["r2", "r1"], list.Select(r => r.Value.Id));
        Assert.Same(ReportingRound.SixMonths, list[1].Value.Round);
        Assert.Equal("สมชาย", list[1].Value.CreatedBy);

        var published = await repo.MarkPublishedAsync("na-kham", Year, "r2", t0.AddDays(1), v2, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => repo.MarkPublishedAsync("na-kham", Year, "r2", t0.AddDays(2), v2, RepositoryTests.Actor));
        var read = await repo.GetAsync("na-kham", Year, "r2");
        Assert.Equal(t0.AddDays(1), read!.Value.PublishedAt);
        Assert.Equal(published, read.Version);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => repo.MarkPublishedAsync("na-kham", Year, "r9", t0, v2, RepositoryTests.Actor));
        // The kind is stored as its code; a code that names no kind is a data defect, not bad input.
        var stored = await _tables.Plans.FindEntityAsync("na-kham|2569", "report|r1");
        Assert.Equal("progress", stored!.GetString("Kind"));
        stored["Kind"] = "budget";
        await _tables.Plans.UpdateEntityAsync(stored, stored.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        await Assert.ThrowsAsync<StoredDataException>(() => repo.GetAsync("na-kham", Year, "r1"));
    }

    [Fact]
    public async Task Access_grants_are_found_listed_without_secrets_and_revoked()
    {
        var store = new ItaServerless.Storage.Access.AccessGrantRepository(_tables);
        var issued = AccessTokens.Issue("na-kham", AccessRole.Reporter, "finance", "กองคลัง", DateTimeOffset.UtcNow);
        await store.AddAsync(issued.Grant, RepositoryTests.Actor);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => store.AddAsync(issued.Grant, RepositoryTests.Actor));

        var found = await store.FindAsync("na-kham", issued.Grant.TokenId);
        Assert.Equal(issued.Grant, found);
        Assert.Null(await store.FindAsync("other-org", issued.Grant.TokenId));
        Assert.Null(await store.FindAsync("na-kham", "../bad#id"));
        var listed = await store.ListAsync("na-kham").ToListAsync();
        Assert.Equal("", Assert.Single(listed).SecretSha256);

        var at = DateTimeOffset.UtcNow;
        Assert.True(await store.RevokeAsync("na-kham", issued.Grant.TokenId, at, RepositoryTests.Actor));
        Assert.False((await store.FindAsync("na-kham", issued.Grant.TokenId))!.IsActiveAt(at.AddSeconds(1)));
        Assert.False(await store.RevokeAsync("na-kham", "missing", at, RepositoryTests.Actor));
    }
}
