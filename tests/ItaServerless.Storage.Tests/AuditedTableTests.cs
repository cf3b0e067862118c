// SPDX-License-Identifier: MIT
using System.Reflection;
using System.Text.Json;
using Azure.Data.Tables;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reports;
using ItaServerless.Storage.Repositories;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>
/// The registry of entity kinds and the one writer per table: the names and keys existing audit
/// chains hold, a kind written only through its own table, the derived row kept by every write of
/// the table (report records included), a new kind audited and verified with nothing but its
/// entry, and the open-work marks derived in one place.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class AuditedTableTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OrgId = "na-kham";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private StorageTables _tables = null!;

    public async Task InitializeAsync()
    {
        _tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("a"));
        await _tables.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Partition => OrgId + "|2569";

    private static Measure Ita(int number, string title, params string[] units) =>
        Measure.Create(new MeasureDraft("ita", number, title, Indicators: [9], Responsible: units), Year, null).Value;

    private static ProgressRecord Report(int number, ReportingRound round) =>
        new(Progress.Restore(new FiscalYearRound(Year, round), new MeasureKey(Plan.Ita, number), ProgressStatus.Done, null, null, null, null, null,
            Baht.Zero, Reporter.Restore("ผู้รายงาน", null), []), DateTimeOffset.UtcNow);

    private Task<TableEntity?> ReportingRowAsync() => _tables.Plans.FindEntityAsync(Partition, "~reporting");

    /// <summary>The "~reporting" map of two measures, the first reported in 6m, as the sweep reads it (written out by hand).</summary>
    private const string TwoMeasuresFirstReported = """
        {
          "measure|ita|0001": {"plan":"ita","number":1,"round":null,"title":"มาตรการหนึ่ง","responsible":["finance"]},
          "measure|ita|0002": {"plan":"ita","number":2,"round":null,"title":"มาตรการสอง","responsible":["*"]},
          "progress|6m|ita|0001": {"plan":"ita","number":1,"round":"6m","title":null,"responsible":null}
        }
        """;

    private async Task SeedTwoMeasuresAsync()
    {
        var plans = new TablePlanRepository(_tables);
        await plans.CreateMeasureAsync(OrgId, Ita(1, "มาตรการหนึ่ง", "finance"), RepositoryTests.Actor);
        await plans.CreateMeasureAsync(OrgId, Ita(2, "มาตรการสอง", "*"), RepositoryTests.Actor);
        await plans.PutProgressAsync(OrgId, Year, Report(1, ReportingRound.SixMonths), null, RepositoryTests.Actor);
    }

    private static void AssertMap(string expected, TableEntity? row)
    {
        Assert.NotNull(row);
        using var want = JsonDocument.Parse(expected);
        using var got = JsonDocument.Parse(row.GetString("Data")!);
        Assert.True(JsonElement.DeepEquals(want.RootElement, got.RootElement), got.RootElement.GetRawText());
    }

    [Fact]
    public void The_registry_keeps_the_names_and_keys_that_stored_audit_chains_hold()
    {
        // Reflection: a kind declared but listed in no table (or in two) would be caught here.
        var declared = typeof(EntityKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => typeof(IEntityKind).IsAssignableFrom(f.FieldType)).Select(f => (IEntityKind)f.GetValue(null)!).ToArray();
        Assert.All(declared, kind => Assert.Single(EntityKinds.Tables, t => t.Holds(kind)));
        Assert.Equal(["organization", "unit", "official", "token"], EntityKinds.Organizations.Kinds.Select(k => k.Name));
        Assert.Equal(["assessment", "measure", "progress", "report"], EntityKinds.Plans.Kinds.Select(k => k.Name));
        Assert.Equal(declared.Length, EntityKinds.Tables.Sum(t => t.Kinds.Count));
        Assert.Equal(["~reporting"], EntityKinds.Plans.Projections.Select(p => p.RowKey));
        Assert.Empty(EntityKinds.Organizations.Projections);
        Assert.Equal(49, EntityKinds.Plans.MaxChangesPerWrite);
        Assert.Equal(50, EntityKinds.Organizations.MaxChangesPerWrite);

        var key = new MeasureKey(Plan.AntiCorruption, 13);
        Assert.Equal(("measure|anticorruption|0013", "anticorruption-13"), (EntityKinds.Measure.RowKey(key), EntityKinds.Measure.Id(key)));
        Assert.Equal(("progress|12m|anticorruption|0013", "anticorruption-13/12m"),
            (EntityKinds.Progress.RowKey((ReportingRound.TwelveMonths, key)), EntityKinds.Progress.Id((ReportingRound.TwelveMonths, key))));
        Assert.Equal(("assessment", "2568"), (EntityKinds.Assessment.RowKey(FiscalYear.Of(2568)), EntityKinds.Assessment.Id(FiscalYear.Of(2568))));
        Assert.Equal(("org", "na-kham"), (EntityKinds.Organization.RowKey("na-kham"), EntityKinds.Organization.Id("na-kham")));
        Assert.Equal(["unit|finance", "official|clerk", "token|t1", "report|r1"],
            new[] { EntityKinds.Unit.RowKey("finance"), EntityKinds.Official.RowKey("clerk"), EntityKinds.Token.RowKey("t1"), EntityKinds.Report.RowKey("r1") });
    }

    [Fact]
    public async Task A_report_record_write_keeps_the_reporting_row_and_the_chain()
    {
        await SeedTwoMeasuresAsync();
        AssertMap(TwoMeasuresFirstReported, await ReportingRowAsync());

        // A partition written before the row existed: the next write of any kind of the table stores it again.
        var row = (await ReportingRowAsync())!;
        await _tables.Plans.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag);
        var reports = new TableReportRecordRepository(_tables);
        var at = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.FromHours(7));
        var version = await reports.AddAsync(new ReportRecord(OrgId, Year, "r1", ReportKind.Progress, ReportingRound.SixMonths, "na-kham/2569/r1.pdf", at), RepositoryTests.Actor);
        var rebuilt = await ReportingRowAsync();
        AssertMap(TwoMeasuresFirstReported, rebuilt);

        // Rewritten (If-Match) in each report transaction, not merely left alone.
        await reports.MarkPublishedAsync(OrgId, Year, "r1", at.AddDays(1), version, RepositoryTests.Actor);
        var afterPublish = await ReportingRowAsync();
        AssertMap(TwoMeasuresFirstReported, afterPublish);
        Assert.NotEqual(rebuilt!.ETag, afterPublish!.ETag);

        var trail = new TableAuditTrail(_tables);
        var verdict = await trail.VerifyAsync(OrgId, Year);
        Assert.True(verdict.Valid, verdict.FirstBroken?.Reason);
        Assert.Equal(5, verdict.Checked);
        var records = (await trail.ListAsync(OrgId, Year, 10, null)).Records;
        Assert.Equal(["report r1 publish", "report r1 request", "progress ita-1/6m create", "measure ita-2 create", "measure ita-1 create"],
            records.Select(r => $"{r.EntityType} {r.EntityId} {r.Action}"));
    }

    [Fact]
    public async Task A_kind_is_written_only_through_the_table_that_holds_it()
    {
        var organizations = new AuditedTable(_tables, EntityKinds.Organizations);
        var measure = EntityKinds.Measure.Create(Partition, Ita(1, "มาตรการหนึ่ง", "finance"));
        await Assert.ThrowsAsync<ArgumentException>(() => organizations.SubmitAsync([measure], RepositoryTests.Actor, default));

        // A change whose row is not its kind's (a measure labelled as a report) is refused too.
        var plans = new AuditedTable(_tables, EntityKinds.Plans);
        var mislabelled = measure with { Kind = EntityKinds.Report };
        await Assert.ThrowsAsync<ArgumentException>(() => plans.SubmitAsync([mislabelled], RepositoryTests.Actor, default));
        Assert.Empty(await _tables.Plans.QueryPartitionAsync(Partition).ToListAsync());
        Assert.Empty(await _tables.Organizations.QueryPartitionAsync(Partition).ToListAsync());

        // The registry refuses kinds that would share rows or names, and data rows among the '~' rows.
        Assert.Throws<ArgumentException>(() => EntityKinds.Plans.With(NoteKind("note", "measure|notes|")));
        Assert.Throws<ArgumentException>(() => EntityKinds.Plans.With(NoteKind("measure", "note|")));
        Assert.Throws<ArgumentException>(() => EntityKinds.Plans.With(NoteKind("note", "~notes|")));
        Assert.Throws<ArgumentException>(() => EntityKinds.Organizations.With(NoteKind("note", "o")));
    }

    private sealed record Note(string Id, string Text);

    /// <summary>A kind a later release might add: its name, row keys, and how a note is stored and read.</summary>
    private static EntityKind<Note, string> NoteKind(string name = "note", string prefix = "note|") => EntityKind.Prefixed<Note, string>(
        name, prefix, n => n.Id, id => id, id => id, (row, n) => row["Text"] = n.Text, (row, id) => new Note(id, row.GetString("Text")!));

    [Fact]
    public async Task Adding_a_kind_is_one_registry_entry()
    {
        await SeedTwoMeasuresAsync();
        var row = (await ReportingRowAsync())!;
        await _tables.Plans.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag);

        var notes = NoteKind();
        var table = new AuditedTable(_tables, EntityKinds.Plans.With(notes));
        var v1 = await table.PutAsync(notes, Partition, new Note("n1", "บันทึกแรก"), null, RepositoryTests.Actor, default);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => table.PutAsync(notes, Partition, new Note("n1", "ซ้ำ"), null, RepositoryTests.Actor, default));
        var v2 = await table.PutAsync(notes, Partition, new Note("n1", "บันทึกแก้ไข"), v1, RepositoryTests.Actor, default);
        await Assert.ThrowsAsync<StaleVersionException>(() => table.PutAsync(notes, Partition, new Note("n1", "เก่า"), v1, RepositoryTests.Actor, default));

        Assert.Equal(new Versioned<Note>(new Note("n1", "บันทึกแก้ไข"), v2), await table.GetAsync(notes, Partition, "n1", default));
        Assert.Equal([new Note("n1", "บันทึกแก้ไข")], (await table.ListAsync(notes, Partition, default)).Select(n => n.Value));
        // The derived row came back with the first note and does not list notes.
        AssertMap(TwoMeasuresFirstReported, await ReportingRowAsync());

        var trail = new TableAuditTrail(_tables);
        var newest = (await trail.ListAsync(OrgId, Year, 1, null)).Records.Single();
        Assert.Equal(("note", "n1", "update"), (newest.EntityType, newest.EntityId, newest.Action));
        Assert.Equal("บันทึกแรก", JsonDocument.Parse(newest.Before!).RootElement.GetProperty("Text").GetString());
        Assert.Equal("บันทึกแก้ไข", JsonDocument.Parse(newest.After!).RootElement.GetProperty("Text").GetString());
        Assert.True((await trail.VerifyAsync(OrgId, Year)).Valid);

        // Verified like every kind: an edit behind the app's back is caught on the note's row.
        var stored = (await _tables.Plans.FindEntityAsync(Partition, "note|n1"))!;
        stored["Text"] = "แก้เอง";
        await _tables.Plans.UpdateEntityAsync(stored, stored.ETag, TableUpdateMode.Replace);
        var verdict = await trail.VerifyAsync(OrgId, Year);
        Assert.Equal(("state_mismatch", "note|n1"), (verdict.FirstBroken!.Reason, verdict.FirstBroken.Entity));
    }

    [Fact]
    public async Task Creating_a_measure_marks_its_rounds_in_the_registered_index()
    {
        var work = new RecordingWorkIndex();
        var plans = new TablePlanRepository(_tables, workIndex: work);
        await plans.CreateMeasureAsync(OrgId, Ita(1, "มาตรการหนึ่ง", "finance"), RepositoryTests.Actor);
        // Before and after the insert, both rounds of the measure's year.
        Assert.Equal(["na-kham 2569/6m,2569/12m", "na-kham 2569/6m,2569/12m"], work.Marks);
        Assert.Null(await _tables.Reminders.FindEntityAsync("~open", OrgId));
    }

    [Fact]
    public async Task Bulk_import_audits_every_row_and_marks_open_the_rounds_still_waiting()
    {
        OrganizationImport Import(string id, int measures, params (int Number, ReportingRound Round)[] reported)
        {
            var org = RepositoryTests.Org(id, "อบต. " + id);
            var unit = Unit.Create(id, "finance", new UnitDraft("กองคลัง", [new ContactDraft("สมหญิง", "somying@example.go.th")])).Value;
            var official = Official.Create(id, "clerk", new OfficialDraft("สมชาย", "ปลัด", "permanentSecretary", 1)).Value;
            var all = Enumerable.Range(1, measures).Select(n => Ita(n, $"มาตรการ {n}", "finance")).ToArray();
            return new OrganizationImport(org, [unit], [official], all, reported.Select(r => Report(r.Number, r.Round)).ToArray());
        }

        var six = ReportingRound.SixMonths;
        var twelve = ReportingRound.TwelveMonths;
        await new TableBulkImport(_tables).ImportAsync([
            Import("org-a", 2, (1, six), (2, six)),
            Import("org-b", 2, (1, six)),
            Import("org-c", 1, (1, six), (1, twelve)),
            // More rows than one transaction takes: the plan partition is written in chunks.
            Import("org-d", 60),
        ]);

        var candidates = await new TableReminderWorkIndex(_tables).ListAsync().ToListAsync();
        Assert.Equal(["org-a: 2569/12m", "org-b: 2569/12m,2569/6m", "org-c: ", "org-d: 2569/12m,2569/6m"],
            candidates.Select(c => c.OrganizationId + ": " + string.Join(",", c.OpenRounds.Select(r => r.ToString()).Order(StringComparer.Ordinal))));

        var trail = new TableAuditTrail(_tables);
        foreach (var (org, orgRecords, planRecords) in new[] { ("org-a", 3, 4), ("org-b", 3, 3), ("org-c", 3, 3), ("org-d", 3, 60) })
        {
            var ofOrg = await trail.VerifyAsync(org, null);
            var ofYear = await trail.VerifyAsync(org, Year);
            Assert.True(ofOrg.Valid && ofYear.Valid, org);
            Assert.Equal((orgRecords, planRecords), (ofOrg.Checked, ofYear.Checked));
        }
        var reporting = await new TablePlanRepository(_tables).ListReportingAsync("org-b", Year);
        Assert.Equal(["ita-1 6m", "ita-2 "], reporting.Select(m => m.Key + " " + string.Join(",", m.ReportedIn.Select(r => r.Code))));
        Assert.Equal(60, (await new TablePlanRepository(_tables).ListReportingAsync("org-d", Year)).Count);
        Assert.Equal("system", (await trail.ListAsync("org-a", Year, 1, null)).Records.Single().Actor.KindCode);
    }

    /// <summary>An index that only records what it is told to mark.</summary>
    private sealed class RecordingWorkIndex : IReminderWorkIndex
    {
        public List<string> Marks { get; } = [];

        public IAsyncEnumerable<ReminderCandidate> ListAsync(CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<ReminderCandidate>();

        public Task MarkOpenAsync(string organizationId, IEnumerable<FiscalYearRound> rounds, CancellationToken cancellationToken = default)
        {
            Marks.Add(organizationId + " " + string.Join(",", rounds.Select(r => r.ToString())));
            return Task.CompletedTask;
        }

        public Task<bool> TrySetOpenRoundsAsync(string organizationId, IReadOnlyCollection<FiscalYearRound> stillOpen, EntityVersion ifMatch,
            CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
