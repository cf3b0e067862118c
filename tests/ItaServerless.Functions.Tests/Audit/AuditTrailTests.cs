// SPDX-License-Identifier: MIT
using System.Net;
using System.Text.Json.Nodes;
using Azure;
using ItaServerless.Functions.Tests.Api;
using Azure.Data.Tables;
using ItaServerless.Storage;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Audit;

/// <summary>
/// The audit trail through the API: every change recorded with who, what, before and after; the
/// hash chain verified; records and data edited or deleted directly in the tables (as someone with
/// storage access could) are caught; a change whose audit record cannot be written is not written.
/// </summary>
[Collection(WorkerFixture.Collection)]
public sealed class AuditTrailTests : ApiTestBase
{
    private readonly AuditFault _fault = new();
    private readonly TableServiceClient _raw;

    public AuditTrailTests(WorkerFixture app) : base(app)
    {
        AzuriteConnection = app.ConnectionString;
        _raw = new TableServiceClient(AzuriteConnection);
    }

    private string AzuriteConnection { get; }

    [Fact]
    public async Task Every_change_is_recorded_with_who_what_before_and_after()
    {
        var (org, editor, _) = await CreateOrgAsync();
        var editorId = (await editor.GetAsync($"/api/orgs/{org}/tokens/current")).Json["id"]!.GetValue<string>();
        var unit = (await editor.PutAsync($"/api/orgs/{org}/units/finance", new { name = "กองคลัง" })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/units/finance", new { name = "กองคลัง (ใหม่)" }, unit.ETag)).Is(HttpStatusCode.OK);
        var issued = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "กองคลัง", unit = "finance" })).Is(HttpStatusCode.Created);
        var reporter = Anonymous.As(issued.Json["token"]!.GetValue<string>());
        var measure = (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", Measure("เผยแพร่ข้อมูล"))).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/years/2569/measures/ita-1", Measure("เผยแพร่ข้อมูลให้ครบ"), measure.ETag)).Is(HttpStatusCode.OK);
        (await reporter.PutAsync($"/api/orgs/{org}/years/2569/measures/ita-1/progress/6m",
            new { status = "inProgress", reporter = new { name = "นายอรรถพร พูลช่วย" } })).Is(HttpStatusCode.Created);
        var current = await editor.GetAsync($"/api/orgs/{org}/years/2569/measures/ita-1");
        (await editor.DeleteAsync($"/api/orgs/{org}/years/2569/measures/ita-1", current.ETag)).Is(HttpStatusCode.NoContent);
        (await editor.DeleteAsync($"/api/orgs/{org}/tokens/{issued.Json["grant"]!["id"]}")).Is(HttpStatusCode.NoContent);

        var orgChain = (await editor.GetAsync($"/api/orgs/{org}/audit")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["organization create admin", "token issue admin", "unit create token", "unit update token", "token issue token", "token revoke token"],
            orgChain.Reverse().Select(r => $"{r!["entityType"]} {r["action"]} {r["actor"]!["kind"]}"));
        Assert.Equal([6L, 5, 4, 3, 2, 1], orgChain.Select(r => r!["sequence"]!.GetValue<long>()));
        var unitUpdate = orgChain.Single(r => r!["entityType"]!.GetValue<string>() == "unit" && r["action"]!.GetValue<string>() == "update")!;
        Assert.Equal(editorId, unitUpdate["actor"]!["tokenId"]!.GetValue<string>());
        Assert.Equal("กองคลัง", unitUpdate["before"]!["Name"]!.GetValue<string>());
        Assert.Equal("กองคลัง (ใหม่)", unitUpdate["after"]!["Name"]!.GetValue<string>());
        Assert.Null(orgChain.Single(r => r!["action"]!.GetValue<string>() == "revoke")!["after"]!["SecretSha256"]);

        var yearChain = (await editor.GetAsync($"/api/orgs/{org}/audit?fy=2569")).Is(HttpStatusCode.OK).Json["items"]!.AsArray();
        Assert.Equal(["measure create", "measure update", "progress create", "measure delete", "progress delete"],
            yearChain.Reverse().Select(r => $"{r!["entityType"]} {r["action"]}"));
        var progress = yearChain.Single(r => r!["entityType"]!.GetValue<string>() == "progress" && r["action"]!.GetValue<string>() == "create")!;
        Assert.Equal("ita-1/6m", progress["entityId"]!.GetValue<string>());
        Assert.Equal("กองคลัง", progress["actor"]!["name"]!.GetValue<string>());
        Assert.Null(yearChain[0]!["after"]);
        for (var i = 0; i + 1 < yearChain.Count; i++)
            Assert.Equal(yearChain[i + 1]!["hash"]!.GetValue<string>(), yearChain[i]!["previousHash"]!.GetValue<string>());

        var page = (await editor.GetAsync($"/api/orgs/{org}/audit?fy=2569&limit=2")).Json;
        Assert.Equal(2, page["items"]!.AsArray().Count);
        var next = (await editor.GetAsync($"/api/orgs/{org}/audit?fy=2569&limit=2&continuation={Uri.EscapeDataString(page["next"]!.GetValue<string>())}")).Json;
        Assert.Equal([3L, 2], next["items"]!.AsArray().Select(r => r!["sequence"]!.GetValue<long>()));

        await AssertValidAsync(editor, org, null, 6);
        await AssertValidAsync(editor, org, 2569, 5);
        (await reporter.GetAsync($"/api/orgs/{org}/audit")).Is(HttpStatusCode.Unauthorized); // revoked
        (await editor.GetAsync($"/api/orgs/{org}/audit?limit=0")).IsProblem(HttpStatusCode.BadRequest, "limit", "out_of_range");
    }

    [Fact]
    public async Task A_record_edited_behind_the_apps_back_is_caught()
    {
        var (org, editor) = await OrgWithMeasuresAsync(3);
        var plans = _raw.GetTableClient("Plans");
        var second = await AuditRowAsync(plans, $"{org}|2569", 2);
        second["After"] = second.GetString("After")!.Replace("มาตรการที่ 2", "มาตรการที่ 9", StringComparison.Ordinal);
        await plans.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace);

        var verdict = await VerifyAsync(editor, org, 2569);
        Assert.False(verdict["valid"]!.GetValue<bool>());
        Assert.Equal(2, verdict["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Equal("hash_mismatch", verdict["firstBroken"]!["reason"]!.GetValue<string>());
        Assert.Equal(1, verdict["checked"]!.GetValue<int>());

        // Recomputing the record's own hash does not help: the next record still links to the old one.
        var (org2, editor2) = await OrgWithMeasuresAsync(3);
        var row = await AuditRowAsync(plans, $"{org2}|2569", 1);
        row["ActorName"] = "ผู้อื่น";
        row["Hash"] = RehashedRecord(row);
        await plans.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var relinked = await VerifyAsync(editor2, org2, 2569);
        Assert.Equal(2, relinked["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Equal("previous_hash_mismatch", relinked["firstBroken"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_record_is_caught_in_the_middle_and_at_the_end()
    {
        var (org, editor) = await OrgWithMeasuresAsync(3);
        var plans = _raw.GetTableClient("Plans");
        await plans.DeleteEntityAsync($"{org}|2569", (await AuditRowAsync(plans, $"{org}|2569", 2)).RowKey);
        var middle = await VerifyAsync(editor, org, 2569);
        Assert.Equal(2, middle["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Equal("sequence_gap", middle["firstBroken"]!["reason"]!.GetValue<string>());

        var (org2, editor2) = await OrgWithMeasuresAsync(3);
        await plans.DeleteEntityAsync($"{org2}|2569", (await AuditRowAsync(plans, $"{org2}|2569", 3)).RowKey);
        var last = await VerifyAsync(editor2, org2, 2569);
        Assert.Equal(3, last["firstBroken"]!["sequence"]!.GetValue<long>());
        Assert.Equal("record_missing", last["firstBroken"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Data_changed_behind_the_apps_back_is_caught()
    {
        var (org, editor) = await OrgWithMeasuresAsync(2);
        var plans = _raw.GetTableClient("Plans");
        var measure = (await plans.GetEntityAsync<TableEntity>($"{org}|2569", "measure|ita|0002")).Value;
        measure["Data"] = measure.GetString("Data")!.Replace("มาตรการที่ 2", "มาตรการแก้ไขเอง", StringComparison.Ordinal);
        await plans.UpdateEntityAsync(measure, measure.ETag, TableUpdateMode.Replace);
        var edited = await VerifyAsync(editor, org, 2569);
        Assert.Equal("state_mismatch", edited["firstBroken"]!["reason"]!.GetValue<string>());
        Assert.Equal("measure|ita|0002", edited["firstBroken"]!["entity"]!.GetValue<string>());

        var organizations = _raw.GetTableClient("Organizations");
        await organizations.UpsertEntityAsync(new TableEntity(org, "unit|ghost") { ["Data"] = """{"Name":"ผี"}""" });
        var unaudited = await VerifyAsync(editor, org, null);
        Assert.Equal("unaudited", unaudited["firstBroken"]!["reason"]!.GetValue<string>());

        var (org2, editor2) = await OrgWithMeasuresAsync(2);
        await plans.DeleteEntityAsync($"{org2}|2569", "measure|ita|0001");
        var removed = await VerifyAsync(editor2, org2, 2569);
        Assert.Equal("state_mismatch", removed["firstBroken"]!["reason"]!.GetValue<string>());
        Assert.Equal("measure/ita-1", removed["firstBroken"]!["entity"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_change_whose_audit_record_fails_is_not_written()
    {
        using var app = new FunctionsApp(AzuriteConnection, configure: b => b.ConfigureServices(s =>
            s.Replace(ServiceDescriptor.Singleton<TableServiceClient>(new FaultyTables(AzuriteConnection, _fault)))));
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var org = NewOrgId();
        (await admin.PostAsync("/api/orgs", new { id = org, name = "อบต.ทดสอบ", kind = "อบต." })).Is(HttpStatusCode.Created);
        var first = (await admin.PostAsync($"/api/orgs/{org}/years/2569/measures", Measure("มาตรการที่ 1"))).Is(HttpStatusCode.Created);
        (await admin.PostAsync($"/api/orgs/{org}/years/2569/measures", Measure("มาตรการที่ 2"))).Is(HttpStatusCode.Created);

        // Every audit row of the next write collides with an existing row: the whole transaction fails.
        _fault.CollideAuditRowsWith = "measure|ita|0002";
        var refused = await admin.PutAsync($"/api/orgs/{org}/years/2569/measures/ita-1", Measure("ไม่ควรถูกบันทึก"), first.ETag);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        var failedCreate = await admin.PostAsync($"/api/orgs/{org}/years/2569/measures", Measure("มาตรการที่ 3"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failedCreate.Status);
        Assert.True(_fault.Injected >= 2);
        _fault.CollideAuditRowsWith = null;

        var stored = (await admin.GetAsync($"/api/orgs/{org}/years/2569/measures/ita-1")).Is(HttpStatusCode.OK);
        Assert.Equal("มาตรการที่ 1", stored.Json["title"]!.GetValue<string>());
        Assert.Equal(first.ETag, stored.ETag);
        (await admin.GetAsync($"/api/orgs/{org}/years/2569/measures/ita-3")).Is(HttpStatusCode.NotFound);
        Assert.Equal(2, (await admin.GetAsync($"/api/orgs/{org}/audit?fy=2569")).Json["items"]!.AsArray().Count);
        await AssertValidAsync(admin, org, 2569, 2);

        (await admin.PutAsync($"/api/orgs/{org}/years/2569/measures/ita-1", Measure("บันทึกได้"), first.ETag)).Is(HttpStatusCode.OK);
        await AssertValidAsync(admin, org, 2569, 3);
    }

    internal static object Measure(string title) => new
    {
        plan = "ita", title, indicators = new[] { 9 }, responsible = new[] { "*" }, period = new { wholeYear = true },
    };

    private async Task<(string Org, ApiClient Editor)> OrgWithMeasuresAsync(int count)
    {
        var (org, editor, _) = await CreateOrgAsync();
        for (var i = 1; i <= count; i++)
            (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", Measure($"มาตรการที่ {i}"))).Is(HttpStatusCode.Created);
        await AssertValidAsync(editor, org, 2569, count);
        return (org, editor);
    }

    internal static async Task<JsonNode> VerifyAsync(ApiClient editor, string org, int? year) =>
        (await editor.GetAsync($"/api/orgs/{org}/audit/verify{(year is null ? "" : $"?fy={year}")}")).Is(HttpStatusCode.OK).Json;

    internal static async Task AssertValidAsync(ApiClient editor, string org, int? year, int records)
    {
        var verdict = await VerifyAsync(editor, org, year);
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
        Assert.Equal(records, verdict["checked"]!.GetValue<int>());
    }

    private static async Task<TableEntity> AuditRowAsync(TableClient table, string partition, long sequence) =>
        (await table.GetEntityAsync<TableEntity>(partition, "~audit|" + (999_999_999_999 - sequence).ToString("D12", System.Globalization.CultureInfo.InvariantCulture))).Value;

    /// <summary>The hash a forger would compute for an edited row (the canonical form is public in AuditRecord).</summary>
    private static string RehashedRecord(TableEntity row) =>
        Core.Audit.AuditRecord.Create(row.PartitionKey, row.GetInt64("Seq")!.Value,
            DateTimeOffset.Parse(row.GetString("At")!, System.Globalization.CultureInfo.InvariantCulture),
            Core.Audit.AuditActor.Restore(Core.Audit.AuditActor.ParseKind(row.GetString("ActorKind")), row.GetString("ActorId"), row.GetString("ActorName")!),
            row.GetString("EntityType")!, row.GetString("EntityId")!, row.GetString("Action")!, row.GetString("Before"), row.GetString("After"),
            row.GetString("Prev")!).Hash;
}

/// <summary>Test switch: while <see cref="CollideAuditRowsWith"/> is set, audit rows are sent under that (existing) row key.</summary>
public sealed class AuditFault
{
    public volatile string? CollideAuditRowsWith;

    public int Injected;
}

/// <summary>The real storage client whose tables can be told to send a failing audit row inside the real transaction.</summary>
public sealed class FaultyTables : TableServiceClient
{
    private readonly string _connectionString;
    private readonly AuditFault _fault;

    public FaultyTables(string connectionString, AuditFault fault)
        : base(connectionString, StorageOptions.ForTables())
    {
        _connectionString = connectionString;
        _fault = fault;
    }

    public override TableClient GetTableClient(string tableName) => new FaultyTable(_connectionString, tableName, _fault);
}

/// <summary>The real table client; only <see cref="SubmitTransactionAsync"/> may rewrite audit rows.</summary>
public sealed class FaultyTable(string connectionString, string tableName, AuditFault fault) : TableClient(connectionString, tableName, StorageOptions.ForTables())
{
    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        var collide = fault.CollideAuditRowsWith;
        if (collide is null) return base.SubmitTransactionAsync(actions, cancellationToken);
        Interlocked.Increment(ref fault.Injected);
        return base.SubmitTransactionAsync(actions.Select(a => a.Entity.RowKey.StartsWith("~audit|", StringComparison.Ordinal)
            ? new TableTransactionAction(a.ActionType, Copy((TableEntity)a.Entity, collide), a.ETag)
            : a).ToList(), cancellationToken);
    }

    private static TableEntity Copy(TableEntity entity, string rowKey)
    {
        var copy = new TableEntity(entity.PartitionKey, rowKey);
        foreach (var (name, value) in entity.StoredProperties()) copy[name] = value;
        return copy;
    }
}
