// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>
/// The "~reporting" row of a plan partition (what the reminder sweep reads in one point read)
/// against the measures and reports it summarizes, through every kind of write, concurrent
/// writers, a missing row and tampering.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class PlanReportingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OrgId = "na-kham";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private static readonly FiscalYearRound Six = new(Year, ReportingRound.SixMonths);
    private static readonly FiscalYearRound Twelve = new(Year, ReportingRound.TwelveMonths);
    private StorageTables _tables = null!;
    private TablePlanRepository _plans = null!;

    public async Task InitializeAsync()
    {
        _tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("p"));
        await _tables.EnsureCreatedAsync();
        _plans = new TablePlanRepository(_tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Measure Ita(int number, string title, params string[] units) =>
        Measure.Create(new MeasureDraft("ita", number, title, Indicators: [9], Responsible: units), Year, null).Value;

    private static ProgressRecord Report(int number, ReportingRound round, string status = "done") =>
        new(Progress.Restore(new FiscalYearRound(Year, round), new MeasureKey(Plan.Ita, number), ProgressStatuses.ParseReported(status).Value,
            status == "cannotDo" ? "งบประมาณไม่เพียงพอ" : null, null, null, null, null, Baht.Zero, Reporter.Restore("ผู้รายงาน", null), []), DateTimeOffset.UtcNow);

    /// <summary>The same facts from the measures and reports themselves (two partition queries).</summary>
    private async Task<string> FromSourceAsync()
    {
        var measures = (await _plans.ListMeasuresAsync(OrgId, Year)).Select(m => m.Value).ToArray();
        var reports = new List<Progress>();
        foreach (var round in new[] { Six, Twelve })
        {
            foreach (var record in await _plans.ListProgressAsync(OrgId, round))
            {
                Assert.Contains(measures, m => m.Key == record.Value.Measure);
                reports.Add(record.Value.Progress);
            }
        }
        return Describe(MeasureReporting.Of(measures, reports));
    }

    private static string Describe(IEnumerable<MeasureReporting> measures) => string.Join("; ", measures.Select(m =>
        $"{m.Key} {m.Title} [{(m.Responsible.IsEveryDivision ? "*" : string.Join(",", m.Responsible.UnitIds))}] " +
        string.Join(",", m.ReportedIn.Select(r => r.Code).Order(StringComparer.Ordinal))));

    private async Task<string> ProjectedAsync() => Describe(await _plans.ListReportingAsync(OrgId, Year));

    private Task<TableEntity?> ProjectionRowAsync() =>
        _tables.Plans.FindEntityAsync(TablePlanRepository.Partition(OrgId, Year), PlanReportingProjection.Instance.RowKey);

    [Fact]
    public async Task Every_kind_of_write_keeps_the_row_equal_to_the_measures_and_reports()
    {
        Assert.Empty(await _plans.ListReportingAsync(OrgId, Year));
        var v1 = await _plans.CreateMeasureAsync(OrgId, Ita(1, "เปิดเผยข้อมูลจัดซื้อจัดจ้าง", "finance"), RepositoryTests.Actor);
        await _plans.CreateMeasureAsync(OrgId, Ita(2, "ประชาสัมพันธ์ช่องทางร้องเรียน", "*"), RepositoryTests.Actor);
        var v3 = await _plans.CreateMeasureAsync(OrgId, Ita(3, "อบรมคุณธรรม", "office", "works"), RepositoryTests.Actor);
        Assert.NotNull(await ProjectionRowAsync());
        Assert.Equal("ita-1 เปิดเผยข้อมูลจัดซื้อจัดจ้าง [finance] ; ita-2 ประชาสัมพันธ์ช่องทางร้องเรียน [*] ; ita-3 อบรมคุณธรรม [office,works] ",
            await ProjectedAsync());

        var p1 = await _plans.PutProgressAsync(OrgId, Year, Report(1, ReportingRound.SixMonths, "inProgress"), null, RepositoryTests.Actor);
        await _plans.PutProgressAsync(OrgId, Year, Report(3, ReportingRound.SixMonths), null, RepositoryTests.Actor);
        await _plans.PutProgressAsync(OrgId, Year, Report(3, ReportingRound.TwelveMonths, "cannotDo"), null, RepositoryTests.Actor);
        await _plans.PutProgressAsync(OrgId, Year, Report(1, ReportingRound.SixMonths), p1, RepositoryTests.Actor);
        // Title and units change; a refused (stale) write changes nothing.
        await _plans.ReplaceMeasureAsync(OrgId, Ita(1, "เปิดเผยข้อมูลจัดซื้อจัดจ้างรายเดือน", "finance", "office"), v1, RepositoryTests.Actor);
        await Assert.ThrowsAsync<StaleVersionException>(() => _plans.ReplaceMeasureAsync(OrgId, Ita(1, "ไม่ควรบันทึก", "works"), v1, RepositoryTests.Actor));
        Assert.Equal("ita-1 เปิดเผยข้อมูลจัดซื้อจัดจ้างรายเดือน [finance,office] 6m; ita-2 ประชาสัมพันธ์ช่องทางร้องเรียน [*] ; ita-3 อบรมคุณธรรม [office,works] 12m,6m",
            await ProjectedAsync());
        Assert.Equal(await FromSourceAsync(), await ProjectedAsync());

        // A deleted measure leaves with its reports.
        await _plans.DeleteMeasureAsync(OrgId, Year, new MeasureKey(Plan.Ita, 3), v3, RepositoryTests.Actor);
        Assert.Equal("ita-1 เปิดเผยข้อมูลจัดซื้อจัดจ้างรายเดือน [finance,office] 6m; ita-2 ประชาสัมพันธ์ช่องทางร้องเรียน [*] ", await ProjectedAsync());
        Assert.Equal(await FromSourceAsync(), await ProjectedAsync());
        Assert.True((await new TableAuditTrail(_tables).VerifyAsync(OrgId, Year)).Valid);
    }

    [Fact]
    public async Task Concurrent_writers_to_one_year_lose_nothing_in_the_row()
    {
        const int measures = 12;
        await Parallel.ForEachAsync(Enumerable.Range(1, measures), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
            await _plans.CreateMeasureAsync(OrgId, Ita(n, $"มาตรการที่ {n}", "finance"), RepositoryTests.Actor, ct));
        await Parallel.ForEachAsync(Enumerable.Range(1, measures), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, ct) =>
        {
            await _plans.PutProgressAsync(OrgId, Year, Report(n, ReportingRound.SixMonths), null, RepositoryTests.Actor, ct);
            if (n % 2 == 0) await _plans.PutProgressAsync(OrgId, Year, Report(n, ReportingRound.TwelveMonths), null, RepositoryTests.Actor, ct);
        });

        var projected = await _plans.ListReportingAsync(OrgId, Year);
        Assert.Equal(measures, projected.Count);
        Assert.All(projected, m => Assert.Contains(ReportingRound.SixMonths, m.ReportedIn));
        Assert.Equal(measures / 2, projected.Count(m => m.ReportedIn.Contains(ReportingRound.TwelveMonths)));
        Assert.Equal(await FromSourceAsync(), Describe(projected));
        Assert.True((await new TableAuditTrail(_tables).VerifyAsync(OrgId, Year)).Valid);
    }

    [Fact]
    public async Task A_missing_row_is_read_from_the_partition_and_rebuilt_by_the_next_write()
    {
        await _plans.CreateMeasureAsync(OrgId, Ita(1, "มาตรการหนึ่ง", "finance"), RepositoryTests.Actor);
        await _plans.CreateMeasureAsync(OrgId, Ita(2, "มาตรการสอง", "office"), RepositoryTests.Actor);
        await _plans.PutProgressAsync(OrgId, Year, Report(2, ReportingRound.SixMonths), null, RepositoryTests.Actor);
        var expected = await FromSourceAsync();

        // Data written before the projection existed has no row.
        var row = await ProjectionRowAsync();
        await _tables.Plans.DeleteEntityAsync(row!.PartitionKey, row.RowKey, row.ETag);
        Assert.Equal(expected, await ProjectedAsync());
        Assert.True((await new TableAuditTrail(_tables).VerifyAsync(OrgId, Year)).Valid);

        await _plans.PutProgressAsync(OrgId, Year, Report(1, ReportingRound.TwelveMonths), null, RepositoryTests.Actor);
        Assert.NotNull(await ProjectionRowAsync());
        Assert.Equal("ita-1 มาตรการหนึ่ง [finance] 12m; ita-2 มาตรการสอง [office] 6m", await ProjectedAsync());
        Assert.Equal(await FromSourceAsync(), await ProjectedAsync());
    }

    [Fact]
    public async Task An_edited_row_is_a_state_mismatch_in_the_audit_verification()
    {
        await _plans.CreateMeasureAsync(OrgId, Ita(1, "มาตรการหนึ่ง", "finance"), RepositoryTests.Actor);
        await _plans.CreateMeasureAsync(OrgId, Ita(2, "มาตรการสอง", "office"), RepositoryTests.Actor);
        var row = (await ProjectionRowAsync())!;
        var genuine = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var (name, value) in row) genuine[name] = value;

        // Someone marks measure 1 as reported so that its unit is never reminded.
        var forged = PlanReportingProjection.Instance.Build([
            EntityKinds.Measure.ToRow(row.PartitionKey, Ita(1, "มาตรการหนึ่ง", "finance")),
            EntityKinds.Measure.ToRow(row.PartitionKey, Ita(2, "มาตรการสอง", "office")),
            EntityKinds.Progress.ToRow(row.PartitionKey, Report(1, ReportingRound.SixMonths)),
        ]);
        await _tables.Plans.UpsertEntityAsync(PlanReportingProjection.Instance.ToEntity(row.PartitionKey, forged), TableUpdateMode.Replace);
        var verdict = await new TableAuditTrail(_tables).VerifyAsync(OrgId, Year);
        Assert.False(verdict.Valid);
        Assert.Equal(("state_mismatch", "~reporting"), (verdict.FirstBroken!.Reason, verdict.FirstBroken.Entity));

        await _tables.Plans.UpsertEntityAsync(genuine, TableUpdateMode.Replace);
        Assert.True((await new TableAuditTrail(_tables).VerifyAsync(OrgId, Year)).Valid);
    }
}
