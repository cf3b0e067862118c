// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    private readonly TableServiceClient _service = new(azurite.ConnectionString);

    private async Task<TableClient> NewTableAsync()
    {
        var table = _service.GetTableClient(AzuriteFixture.UniqueName("t"));
        Assert.True((await table.CreateIfNotExistsAsync()).Value);
        return table;
    }

    private static TableEntity Row(string pk, string rk, string text = "x") => new(pk, rk) { ["Text"] = text };

    [Fact]
    public async Task CreateIfNotExists_reports_existing_and_delete_removes()
    {
        var table = await NewTableAsync();
        Assert.False((await table.CreateIfNotExistsAsync()).Value);
        Assert.True((await table.DeleteAsync()).Value);
        Assert.False((await table.DeleteAsync()).Value);
    }

    [Fact]
    public async Task Every_property_type_round_trips_including_thai_and_emoji()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 3, 31, 16, 59, 59, 123, TimeSpan.FromHours(7)).AddTicks(4567);
        var id = Guid.NewGuid();
        var entity = new TableEntity("org-1", "measure-001")
        {
            ["Title"] = "มาตรการเปิดเผยข้อมูลสาธารณะ ผู้ใหญ่ ปั้น ฟ้า น้ำ 🙂👍🏽 \"quoted\" \\ <tag>",
            ["Count"] = 42,
            ["BudgetSatang"] = 1_234_567_890_123L,
            ["Small64"] = 5L,
            ["Ratio"] = 0.1,
            ["Whole"] = 3.0,
            ["Done"] = true,
            ["DueUtc"] = when,
            ["Id"] = id,
            ["Blob"] = new byte[] { 0, 1, 2, 254, 255 },
            ["Empty"] = "",
        };
        var etag = (await table.AddEntityAsync(entity)).Value;
        Assert.NotEqual(default, etag);

        var read = (await table.GetEntityAsync("org-1", "measure-001")).Value;
        Assert.Equal(entity.GetString("Title"), read.GetString("Title"));
        Assert.Equal(42, read["Count"]);
        Assert.Equal(1_234_567_890_123L, read["BudgetSatang"]);
        Assert.Equal(5L, read["Small64"]);
        Assert.Equal(0.1, read["Ratio"]);
        Assert.Equal(3.0, read["Whole"]);
        Assert.Equal(true, read["Done"]);
        Assert.Equal(when, read.GetDateTimeOffset("DueUtc"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("DueUtc")!.Value.Offset);
        Assert.Equal(id, read.GetGuid("Id"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read.GetBinary("Blob"));
        Assert.Equal("", read.GetString("Empty"));
        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(entity.Properties.Keys.Order(), read.Properties.Keys.Order());
    }

    [Fact]
    public async Task Large_thai_and_emoji_strings_survive_bodies_split_across_network_reads()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "big");
        for (int i = 0; i < 4; i++)
        {
            entity["Text" + i] = string.Concat(Enumerable.Repeat("กข🙂น้ำ", 4_000));
        }
        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync("p", "big")).Value;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(entity.GetString("Text" + i), read.GetString("Text" + i));
        }
    }

    [Fact]
    public async Task Keys_with_thai_spaces_and_quotes_work_for_point_operations()
    {
        var table = await NewTableAsync();
        var entity = Row("เทศบาล 'ตำบล'", "O'Brien & co+1 %20", "ข้อความ");
        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync(entity.PartitionKey, entity.RowKey)).Value;
        Assert.Equal("ข้อความ", read.GetString("Text"));
        var page = await table.QueryPartitionAsync(entity.PartitionKey).AsPages().FirstAsync();
        Assert.Single(page.Values);
        Assert.True((await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, read.ETag)).Value);
    }

    [Fact]
    public void Unsupported_values_and_keys_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new TableEntity("a", "b") { ["Money"] = 1.5m });
        Assert.Throws<ArgumentException>(() => new TableEntity("a/b", "c"));
        Assert.Throws<ArgumentException>(() => new TableEntity("a", "b") { ["PartitionKey"] = "x" });
        Assert.Throws<ArgumentException>(() => new TableEntity("a", "b") { ["When"] = new DateTime(2026, 1, 1) });
        Assert.Throws<ArgumentException>(() => _service.GetTableClient("bad-name"));
        Assert.Throws<ArgumentException>(() => new TableEntity("a", "b") { ["Long"] = new string('ก', 32 * 1024 + 1) });
        Assert.Throws<ArgumentException>(() => new TableEntity("a", "b") { ["Bytes"] = new byte[64 * 1024 + 1] });
    }

    [Fact]
    public async Task Insert_of_existing_keys_is_a_conflict()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Row("p", "r"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Row("p", "r", "other")));
        Assert.True(ex.IsConflict());
        Assert.Equal(StorageErrors.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal("x", (await table.GetEntityAsync("p", "r")).Value.GetString("Text"));
    }

    [Fact]
    public async Task Missing_entity_and_missing_table_are_distinguished()
    {
        var table = await NewTableAsync();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync("p", "nope"));
        Assert.True(ex.IsNotFound());
        Assert.Equal(StorageErrors.ResourceNotFound, ex.ErrorCode);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "nope"));
        Assert.False((await table.DeleteEntityAsync("p", "nope")).Value);

        var missing = _service.GetTableClient(AzuriteFixture.UniqueName("missing"));
        var ex2 = await Assert.ThrowsAsync<RequestFailedException>(() => missing.GetEntityIfExistsAsync("p", "r"));
        Assert.Equal(StorageErrors.TableNotFound, ex2.ErrorCode);
        var ex3 = await Assert.ThrowsAsync<RequestFailedException>(() => missing.AddEntityAsync(Row("p", "r")));
        Assert.True(ex3.IsNotFound());
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "1", ["B"] = "2" });
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = "two" }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal("1", merged.GetString("A"));
        Assert.Equal("two", merged.GetString("B"));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = 3 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync("p", "r")).Value;
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal(3, replaced.GetInt32("C"));
    }

    [Fact]
    public async Task Update_and_delete_with_stale_etag_fail_with_precondition()
    {
        var table = await NewTableAsync();
        var v1 = (await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1, ["Keep"] = "k" })).Value;
        var v2 = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 2 }, v1, TableUpdateMode.Merge)).Value;
        Assert.NotEqual(v1, v2);
        Assert.Equal("k", (await table.GetEntityAsync("p", "r")).Value.GetString("Keep"));

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, v1, TableUpdateMode.Replace));
        Assert.True(stale.IsPreconditionFailed());
        Assert.Equal(StorageErrors.UpdateConditionNotSatisfied, stale.ErrorCode);

        var v3 = (await table.UpdateEntityAsync(new TableEntity("p", "r") { ["N"] = 3 }, v2, TableUpdateMode.Replace)).Value;
        var read = (await table.GetEntityAsync("p", "r")).Value;
        Assert.Equal(3, read.GetInt32("N"));
        Assert.False(read.ContainsKey("Keep"));

        var staleDelete = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", v2));
        Assert.True(staleDelete.IsPreconditionFailed());
        Assert.True((await table.DeleteEntityAsync("p", "r", v3)).Value);

        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All));
        Assert.True(gone.IsNotFound());
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default));
    }

    [Fact]
    public async Task Concurrent_conflicting_updates_exactly_one_wins()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Writer"] = "none" });
        var etag = (await table.GetEntityAsync("p", "r")).Value.ETag;

        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Writer"] = $"w{i}" }, etag, TableUpdateMode.Replace);
                return $"w{i}";
            }
            catch (RequestFailedException ex) when (ex.IsPreconditionFailed())
            {
                return null;
            }
        }).ToList();
        var outcomes = await Task.WhenAll(attempts);
        var winners = outcomes.Where(o => o != null).ToList();
        Assert.Single(winners);
        Assert.Equal(winners[0], (await table.GetEntityAsync("p", "r")).Value.GetString("Writer"));
    }

    [Fact]
    public async Task Query_pages_across_more_than_a_thousand_entities_one_page_at_a_time()
    {
        var table = await NewTableAsync();
        const int total = 1_234;
        var rows = Enumerable.Range(0, total).Select(i => new TableEntity("big", $"{i:D5}") { ["I"] = i, ["Odd"] = i % 2 == 1, ["Pad"] = "ข้อมูล" }).ToList();
        await Task.WhenAll(rows.Chunk(100).Select(chunk =>
            table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)))));
        await table.AddEntityAsync(Row("other", "00001"));

        // Service default page (1,000), lazily.
        var pageSizes = new List<int>();
        await foreach (var page in table.QueryPartitionAsync("big").AsPages())
        {
            pageSizes.Add(page.Values.Count);
        }
        Assert.Equal([1000, total - 1000], pageSizes);

        // Explicit page size, select and continuation resume.
        var pages = table.QueryPartitionAsync("big", select: ["I"], maxPerPage: 500).AsPages();
        var first = await pages.FirstAsync();
        Assert.Equal(500, first.Values.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.All(first.Values, e => Assert.False(e.ContainsKey("Pad")));
        var resumed = await table.QueryPartitionAsync("big", select: ["I"], maxPerPage: 500).AsPages(first.ContinuationToken).ToListAsync();
        Assert.Equal([500, total - 1000], resumed.Select(p => p.Values.Count));
        Assert.Equal(500, resumed[0].Values[0].GetInt32("I"));

        // Filter inside the partition.
        int odd = 0;
        await foreach (var e in table.QueryPartitionAsync("big", TableFilter.Create($"Odd eq {true} and I lt {100}")))
        {
            Assert.True(e.GetBoolean("Odd"));
            odd++;
        }
        Assert.Equal(50, odd);

        var prefixed = await table.QueryAsync(TableFilter.PartitionWithRowKeyPrefix("big", "0120")).ToListAsync();
        Assert.Equal(Enumerable.Range(1200, 10).Select(i => $"{i:D5}"), prefixed.Select(e => e.RowKey));
    }

    [Fact]
    public async Task Transaction_applies_mixed_actions_atomically_and_returns_etags()
    {
        var table = await NewTableAsync();
        var existing = (await table.AddEntityAsync(new TableEntity("p", "upd") { ["N"] = 1 })).Value;
        await table.AddEntityAsync(Row("p", "del"));
        var result = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Row("p", "new", "ใหม่")),
            new(TableTransactionActionType.UpsertMerge, Row("p", "ups")),
            new(TableTransactionActionType.UpsertReplace, Row("p", "rep")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "upd") { ["N"] = 2 }, existing),
            new(TableTransactionActionType.Delete, new TableEntity("p", "del")),
        ]);
        Assert.Equal(5, result.Value.Count);
        Assert.All(result.Value, r => Assert.Equal(204, r.Status));
        Assert.NotEqual(default, result.Value[0].ETag);
        Assert.Equal(result.Value[3].ETag, (await table.GetEntityAsync("p", "upd")).Value.ETag);
        Assert.Equal(2, (await table.GetEntityAsync("p", "upd")).Value.GetInt32("N"));
        Assert.Equal("ใหม่", (await table.GetEntityAsync("p", "new")).Value.GetString("Text"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "del"));
    }

    [Fact]
    public async Task Transaction_with_one_bad_action_writes_nothing_and_names_the_action()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(Row("p", "003", "original"));
        var actions = Enumerable.Range(0, 6)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row("p", $"{i:D3}", "batch")))
            .ToList();
        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
        Assert.True(ex.IsConflict());
        Assert.Equal(StorageErrors.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(3, ex.FailedTransactionActionIndex);

        var all = await table.QueryPartitionAsync("p").ToListAsync();
        Assert.Single(all);
        Assert.Equal("original", all[0].GetString("Text"));

        // Stale ETag inside a transaction: also nothing written.
        var stale = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, Row("p", "100")),
            new(TableTransactionActionType.UpdateReplace, Row("p", "003", "changed"), new ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"")),
        ]));
        Assert.True(stale.IsPreconditionFailed());
        Assert.Equal(1, stale.FailedTransactionActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "100"));
    }

    [Fact]
    public async Task Transaction_rules_are_checked_before_sending()
    {
        var table = _service.GetTableClient("notcreated");
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Row("a", "1")), new(TableTransactionActionType.Add, Row("b", "1"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, Row("a", "1")), new(TableTransactionActionType.Delete, Row("a", "1"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Row("a", $"{i}")))));
    }

    [Fact]
    public void Filter_values_are_escaped_by_type()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal(
            "PartitionKey eq 'O''Brien' and N eq 5L and I eq 7 and G eq guid'0f8fad5b-d9cb-469f-a165-70867728950e' and B eq true and D eq datetime'2026-01-01T00:00:00.0000000Z'",
            TableFilter.Create($"PartitionKey eq {"O'Brien"} and N eq {5L} and I eq {7} and G eq {id} and B eq {true} and D eq {new DateTimeOffset(2026, 1, 1, 7, 0, 0, TimeSpan.FromHours(7))}"));
    }
}
