// SPDX-License-Identifier: MIT
using System.Text.Json;
using Azure.Data.Tables;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Storage.Repositories;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>
/// Storage's own stored shapes: what the rows hold now (literal names and values), rows written in
/// the API draft shape of the first releases still read (literal JSON), rebuilding checks only
/// what makes the value whole (not today's lengths or limits), a row that cannot be rebuilt is a
/// <see cref="StoredDataException"/>, and a chain written by the old code still verifies and grows.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StoredShapeTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string OrgId = "na-kham";
    private const string PlanPartition = "na-kham|2569";
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private StorageTables _tables = null!;

    public async Task InitializeAsync()
    {
        _tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("s"));
        await _tables.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonElement Data(TableEntity row) => JsonDocument.Parse(row.GetString("Data")!).RootElement;

    private static List<string> Names(JsonElement json) => json.EnumerateObject().Select(p => p.Name).ToList();

    private Task Insert(TableClient table, string partition, string rowKey, string json) =>
        table.AddEntityAsync(new TableEntity(partition, rowKey) { ["Data"] = json });

    [Fact]
    public async Task Measure_is_stored_in_its_own_shape_and_rows_written_as_api_drafts_still_read()
    {
        var repo = new TablePlanRepository(_tables);
        await repo.CreateMeasureAsync(OrgId, RepositoryTests.MeasureOf(3), RepositoryTests.Actor);
        var row = (await _tables.Plans.FindEntityAsync(PlanPartition, "measure|ita|0003"))!;
        var stored = Data(row);
        Assert.Equal(1_234_567, stored.GetProperty("BudgetSatang").GetInt64());
        Assert.Equal(("2568-10", "2569-03"), (stored.GetProperty("From").GetString(), stored.GetProperty("To").GetString()));
        Assert.Equal("ita", stored.GetProperty("Plan").GetString());
        Assert.Equal("[\"*\"]", stored.GetProperty("Responsible").GetRawText());
        Assert.Equal("[\"o1\",\"o2\"]", stored.GetProperty("Questions").GetRawText());
        Assert.DoesNotContain("Budget", Names(stored));
        Assert.DoesNotContain("Period", Names(stored));
        Assert.Equal(2568, row.GetInt32("CatalogYear"));

        // As the first releases wrote it (the API draft): an anti-corruption item whose title is longer than today's limit.
        string longTitle = string.Concat(Enumerable.Repeat("โครงการอบรม", 60));
        Assert.True(longTitle.Length > Measure.MaxTitleLength);
        await Insert(_tables.Plans, PlanPartition, "measure|anticorruption|0013",
            "{\"Plan\":\"anticorruption\",\"Number\":13,\"Title\":\"" + longTitle + "\",\"Indicators\":[],\"Questions\":[],\"Method\":[\"ขั้นที่ 1\"]," +
            "\"Responsible\":[\"finance\",\"office\"],\"Period\":{\"From\":\"2568-12\",\"To\":\"2569-02\",\"WholeYear\":null},\"FollowUp\":null," +
            "\"Budget\":150000.5,\"Kind\":\"project\",\"Dimension\":2}");
        var old = (await repo.GetMeasureAsync(OrgId, Year, new MeasureKey(Plan.AntiCorruption, 13)))!.Value;
        Assert.Equal(longTitle, old.Title);
        Assert.Equal(150_000.50m, old.Budget.Amount);
        Assert.Equal("2568-12..2569-02", old.Period.ToString());
        Assert.Equal((MeasureKind.Project, 2), (old.Kind!.Value, old.Dimension!.Value));
        Assert.Equal(["finance", "office"], old.Responsible.UnitIds);
        Assert.Equal(["ขั้นที่ 1"], old.Method);

        // A whole-year draft naming questions but no catalog: the old reader refused it, a stored measure needs none.
        await Insert(_tables.Plans, PlanPartition, "measure|ita|0004",
            "{\"Plan\":\"ita\",\"Number\":4,\"Title\":\"ตลอดปี\",\"Indicators\":[9,10],\"Questions\":[\"o1\"],\"Method\":[],\"Responsible\":[\"*\"]," +
            "\"Period\":null,\"FollowUp\":\"ทุกไตรมาส\",\"Budget\":0,\"Kind\":null,\"Dimension\":null}");
        var wholeYear = (await repo.GetMeasureAsync(OrgId, Year, new MeasureKey(Plan.Ita, 4)))!.Value;
        Assert.True(wholeYear.Period.IsWholeYear);
        Assert.Equal(["o1"], wholeYear.Questions.Select(q => q.Value));
        Assert.Equal([9, 10], wholeYear.Indicators.Select(i => i.Number));
        Assert.True(wholeYear.Budget.IsZero);
        Assert.True(wholeYear.Responsible.IsEveryDivision);
        Assert.Equal([3, 4, 13], (await repo.ListMeasuresAsync(OrgId, Year)).Select(m => m.Value.Number));
    }

    [Theory]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"],\"Kind\":\"project\",\"Dimension\":1}")]
    [InlineData("{\"Plan\":\"anticorruption\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"],\"Kind\":\"project\"}")]
    [InlineData("{\"Plan\":\"plan-b\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"]}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\" \",\"Responsible\":[\"*\"]}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"],\"From\":\"2569-10\",\"To\":\"2569-11\"}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"],\"Indicators\":[9,9]}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\"x\",\"Responsible\":[\"*\"],\"BudgetSatang\":-1}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":6,\"Title\":\"x\",\"Responsible\":[\"*\"]}")]
    [InlineData("{\"Plan\":\"ita\",\"Number\":5,\"Title\":\"x\"")]
    public async Task A_measure_row_that_is_not_a_measure_is_a_data_defect(string json)
    {
        await Insert(_tables.Plans, PlanPartition, "measure|ita|0005", json);
        await Assert.ThrowsAsync<StoredDataException>(() => new TablePlanRepository(_tables).GetMeasureAsync(OrgId, Year, new MeasureKey(Plan.Ita, 5)));
    }

    [Fact]
    public void The_reporting_summary_of_a_measure_is_the_same_from_either_shape()
    {
        // Existing "~reporting" rows were built from draft-shaped rows: verification compares them with rows of both shapes.
        var draftShaped = new TableEntity(PlanPartition, "measure|ita|0003")
        {
            ["Data"] = "{\"Plan\":\"ita\",\"Number\":3,\"Title\":\"เผยแพร่ข้อมูล\",\"Indicators\":[9],\"Questions\":[],\"Method\":[]," +
                       "\"Responsible\":[\"finance\"],\"Period\":null,\"FollowUp\":null,\"Budget\":1000.25,\"Kind\":null,\"Dimension\":null}",
        };
        var measure = Measure.Create(new MeasureDraft("ita", 3, "เผยแพร่ข้อมูล", Indicators: [9], Responsible: ["finance"], Budget: 1000.25m), Year, null).Value;
        var ownShaped = EntityKinds.Measure.ToRow(PlanPartition, measure);
        Assert.NotEqual(draftShaped.GetString("Data"), ownShaped.GetString("Data"));
        var expected = JsonDocument.Parse("{\"plan\":\"ita\",\"number\":3,\"round\":null,\"title\":\"เผยแพร่ข้อมูล\",\"responsible\":[\"finance\"]}").RootElement;
        Assert.True(JsonElement.DeepEquals(expected, PlanReportingProjection.Instance.Build([draftShaped])["measure|ita|0003"]));
        Assert.True(JsonElement.DeepEquals(expected, PlanReportingProjection.Instance.Build([ownShaped])["measure|ita|0003"]));
    }

    [Fact]
    public async Task A_chain_written_in_the_draft_shape_still_verifies_and_grows_in_the_new_one()
    {
        // What the first releases left behind: a measure row as its API draft, its record, no "~reporting" row.
        const string draftJson = "{\"Plan\":\"ita\",\"Number\":1,\"Title\":\"เดิม\",\"Indicators\":[9],\"Questions\":[],\"Method\":[]," +
                                 "\"Responsible\":[\"*\"],\"Period\":null,\"FollowUp\":null,\"Budget\":500,\"Kind\":null,\"Dimension\":null}";
        var record = AuditRecord.Create(PlanPartition, 1, new DateTimeOffset(2025, 11, 3, 2, 0, 0, TimeSpan.Zero), RepositoryTests.Actor,
            "measure", "ita-1", AuditActions.Create, null, draftJson, AuditRecord.Genesis);
        await _tables.Plans.AddEntityAsync(new TableEntity(PlanPartition, "measure|ita|0001") { ["Data"] = draftJson, ["AuditSeq"] = 1L });
        await _tables.Plans.AddEntityAsync(AuditRows.ToRow(record));
        var trail = new TableAuditTrail(_tables);
        Assert.True((await trail.VerifyAsync(OrgId, Year)).Valid);

        var repo = new TablePlanRepository(_tables);
        var current = (await repo.GetMeasureAsync(OrgId, Year, new MeasureKey(Plan.Ita, 1)))!;
        Assert.Equal(500m, current.Value.Budget.Amount);
        var edited = Measure.Create(new MeasureDraft("ita", 1, "ใหม่", Indicators: [9], Responsible: ["*"], Budget: 500m), Year, null).Value;
        await repo.ReplaceMeasureAsync(OrgId, edited, current.Version, RepositoryTests.Actor);

        var verdict = await trail.VerifyAsync(OrgId, Year);
        Assert.True(verdict.Valid, verdict.FirstBroken?.Reason);
        Assert.Equal(2, verdict.Checked);
        var update = (await trail.ListAsync(OrgId, Year, 1, null)).Records.Single();
        Assert.Equal(draftJson, update.Before);
        Assert.Equal(50_000, JsonDocument.Parse(update.After!).RootElement.GetProperty("BudgetSatang").GetInt64());
        Assert.Equal(["ita-1 ใหม่"], (await repo.ListReportingAsync(OrgId, Year)).Select(m => $"{m.Key} {m.Title}"));
    }

    [Fact]
    public async Task Assessment_is_stored_with_codes_and_draft_rows_still_read()
    {
        var repo = new TablePlanRepository(_tables);
        var assessment = Assessment.Create(new AssessmentDraft(OrgId, 2568, 84.57m,
            new Dictionary<string, decimal> { ["iit"] = 90.12m },
            new Dictionary<string, decimal> { ["9"] = 38m },
            new Dictionary<string, decimal> { ["O1"] = 100m })).Value;
        await repo.PutAssessmentAsync(assessment, null, RepositoryTests.Actor);
        var stored = Data((await _tables.Plans.FindEntityAsync("na-kham|2568", "assessment"))!);
        Assert.Equal(["OrganizationId", "AssessmentYear", "Total", "ToolScores", "IndicatorScores", "QuestionScores"], Names(stored));
        Assert.Equal("{\"IIT\":90.12}", stored.GetProperty("ToolScores").GetRawText());
        Assert.Equal("{\"9\":38.00}", stored.GetProperty("IndicatorScores").GetRawText());
        Assert.Equal("{\"o1\":100.00}", stored.GetProperty("QuestionScores").GetRawText());

        // The draft shape of the first releases, of another organization.
        await Insert(_tables.Plans, "ban-mai|2568", "assessment",
            "{\"OrganizationId\":\"ban-mai\",\"AssessmentYear\":2568,\"Total\":71.5,\"ToolScores\":{\"OIT\":60}," +
            "\"IndicatorScores\":{\"10\":55.25},\"QuestionScores\":{\"o28\":0,\"i1\":99.99}}");
        var old = (await repo.GetAssessmentAsync("ban-mai", FiscalYear.Of(2568)))!.Value;
        Assert.Equal(71.5m, old.Total.Value);
        Assert.Equal(60m, old.ScoreOf(Tool.OIT)!.Value.Value);
        Assert.Equal(55.25m, old.ScoreOf(Indicator.Of(10))!.Value.Value);
        Assert.Equal(99.99m, old.ScoreOf(QuestionId.Of("i1"))!.Value.Value);
        Assert.Equal(2568, old.Catalog.AssessmentYear);
    }

    [Theory]
    [InlineData("na-kham|2568", "{\"OrganizationId\":\"na-kham\",\"AssessmentYear\":2568,\"Total\":101}")]
    [InlineData("na-kham|2568", "{\"OrganizationId\":\"na-kham\",\"AssessmentYear\":2568,\"Total\":80,\"ToolScores\":{\"XIT\":1}}")]
    [InlineData("na-kham|2568", "{\"OrganizationId\":\"na-kham\",\"AssessmentYear\":2568,\"Total\":80,\"QuestionScores\":{\"o99\":1}}")]
    [InlineData("na-kham|2568", "{\"OrganizationId\":\"na-kham\",\"AssessmentYear\":2568}")]
    [InlineData("na-kham|2568", "{\"OrganizationId\":\"ban-mai\",\"AssessmentYear\":2568,\"Total\":80}")]
    [InlineData("na-kham|2567", "{\"OrganizationId\":\"na-kham\",\"AssessmentYear\":2567,\"Total\":80}")]
    public async Task An_assessment_row_that_is_not_one_is_a_data_defect(string partition, string json)
    {
        await Insert(_tables.Plans, partition, "assessment", json);
        await Assert.ThrowsAsync<StoredDataException>(() =>
            new TablePlanRepository(_tables).GetAssessmentAsync(OrgId, TablePlanRepository.YearOf(partition)));
    }

    [Fact]
    public async Task Organization_units_and_officials_are_stored_in_their_own_shape_and_draft_rows_still_read()
    {
        var repo = new TableOrganizationRepository(_tables);
        await repo.CreateAsync(RepositoryTests.Org(), RepositoryTests.Actor);
        var org = Data((await _tables.Organizations.FindEntityAsync(OrgId, "org"))!);
        Assert.Equal("subdistrictMunicipality", org.GetProperty("Kind").GetString());
        Assert.Equal("{\"SixMonths\":\"05-15\",\"TwelveMonths\":\"10-20\"}", org.GetProperty("DueDates").GetRawText());
        await repo.PutOfficialAsync(Official.Create(OrgId, "mayor", new OfficialDraft("นายก", "นายกเทศมนตรี", "ผู้บริหาร", 3)).Value, null, RepositoryTests.Actor);
        Assert.Equal("executive", Data((await _tables.Organizations.FindEntityAsync(OrgId, "official|mayor"))!).GetProperty("Role").GetString());

        // The draft shape of the first releases: the kind in Thai, names longer than today's limits.
        string longName = new('ก', Unit.MaxNameLength + 50);
        string longOrgName = "อบต.บ้านใหม่" + new string('ข', Organization.MaxNameLength);
        await Insert(_tables.Organizations, "ban-mai", "org",
            "{\"Id\":\"ban-mai\",\"Name\":\"" + longOrgName + "\",\"Kind\":\"อบต.\",\"District\":\"เมือง\",\"Province\":\"นครพนม\",\"Phone\":null," +
            "\"DocumentPrefix\":\"นพ ๗๘๑๐๑\",\"Website\":\"https://ban-mai.go.th/\",\"DueDates\":{\"SixMonths\":\"04-30\",\"TwelveMonths\":null}," +
            "\"AutoPublish\":true,\"Webhook\":null}");
        await Insert(_tables.Organizations, "ban-mai", "unit|finance",
            "{\"Name\":\"" + longName + "\",\"Contacts\":[{\"Name\":\"สมหญิง\",\"Email\":\"somying@ban-mai.go.th\"}]}");
        await Insert(_tables.Organizations, "ban-mai", "official|clerk",
            "{\"Name\":\"สมชาย\",\"Position\":\"ปลัด\\nอบต.บ้านใหม่\",\"Role\":\"permanentSecretary\",\"Order\":2,\"Email\":null}");
        var profile = (await repo.GetProfileAsync("ban-mai"))!;
        var o = profile.Organization.Value;
        Assert.Equal((OrganizationKind.SubdistrictAdministrativeOrganization, "นพ ๗๘๑๐๑", true), (o.Kind, o.DocumentPrefix, o.AutoPublish));
        Assert.Equal(longOrgName, o.Name);
        Assert.Equal(("04-30", "10-31"), (o.DueDates.SixMonths.ToString(), o.DueDates.TwelveMonths.ToString()));
        Assert.Equal("https://ban-mai.go.th/", o.Website!.ToString());
        var unit = profile.Units.Single().Value;
        Assert.Equal((longName, "somying@ban-mai.go.th"), (unit.Name, unit.Contacts.Single().Email));
        var clerk = profile.Officials.Single().Value;
        Assert.Equal(("ปลัด\nอบต.บ้านใหม่", OfficialRole.PermanentSecretary, 2, (string?)null), (clerk.Position, clerk.Role, clerk.Order, clerk.Email));
    }

    [Theory]
    [InlineData("org", "{\"Id\":\"ban-mai\",\"Name\":\"อบต.บ้านใหม่\",\"Kind\":\"เทศบาลจังหวัด\"}")]
    [InlineData("org", "{\"Id\":\"ban-mai\",\"Name\":\"อบต.บ้านใหม่\",\"Kind\":\"อบต.\",\"Website\":\"ไม่ใช่ลิงก์\"}")]
    [InlineData("org", "{\"Id\":\"na-kham\",\"Name\":\"อบต.บ้านใหม่\",\"Kind\":\"อบต.\"}")]
    [InlineData("unit|finance", "{\"Name\":\" \"}")]
    [InlineData("unit|finance", "{\"Name\":\"กองคลัง\",\"Contacts\":[{\"Name\":\"สมหญิง\",\"Email\":null}]}")]
    [InlineData("official|clerk", "{\"Name\":\"สมชาย\",\"Position\":\"ปลัด\",\"Role\":\"mayor\"}")]
    [InlineData("official|clerk", "{\"Name\":\"สมชาย\",\"Role\":\"drafter\"}")]
    public async Task An_organization_row_that_cannot_be_rebuilt_is_a_data_defect(string rowKey, string json)
    {
        await Insert(_tables.Organizations, "ban-mai", rowKey, json);
        await Assert.ThrowsAsync<StoredDataException>(() => new TableOrganizationRepository(_tables).GetProfileAsync("ban-mai"));
    }
}
