// SPDX-License-Identifier: MIT
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>
/// What the repositories rely on from Azure.Data.Tables and Azure.Storage.Blobs, against a real
/// Azurite that checks service versions: exact Thai text, transactions that name their failed
/// action, paging, create-only blobs and exclusive leases.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SdkContractTests(AzuriteFixture azurite)
{
    private StorageAccount Account => StorageAccount.FromConnectionString(azurite.ConnectionString);

    private async Task<TableClient> NewTableAsync()
    {
        var table = Account.Tables.GetTableClient(AzuriteFixture.UniqueName("sdk"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task Large_thai_emoji_and_combining_text_round_trips_exactly_in_a_full_transaction()
    {
        var table = await NewTableAsync();
        // 32,000 UTF-16 chars (the property limit is 64 KiB) of Thai with stacked marks, emoji and a combining mark.
        string unit = "ผู้ใหญ่บ้านน้ำท่วม ๒๕๖๙ 🏛️✅ e\u0301 ";
        string large = string.Concat(Enumerable.Repeat(unit, 32_000 / unit.Length + 1))[..32_000];
        if (char.IsHighSurrogate(large[^1])) large = large[..^1] + "ก";
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i:D3}") { ["Text"] = i == 0 ? large : unit + i }))
            .ToList();
        var results = await table.SubmitInOnePartitionAsync(actions);
        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.NotNull(r.Headers.ETag));

        var stored = await table.FindEntityAsync("p", "r000");
        Assert.Equal(large, stored!.GetString("Text"));
        var all = await table.QueryPartitionAsync("p").ToListAsync();
        Assert.Equal(Enumerable.Range(1, 99).Select(i => unit + i), all.Skip(1).Select(e => e.GetString("Text")));
    }

    [Fact]
    public async Task A_failed_transaction_writes_nothing_and_names_the_failed_action()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "taken"));
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p", "b")),
            new(TableTransactionActionType.Add, new TableEntity("p", "taken")),
        };
        var ex = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitInOnePartitionAsync(actions));
        Assert.Equal(409, ex.Status);
        Assert.Equal(2, ex.FailedTransactionActionIndex);
        Assert.Null(await table.FindEntityAsync("p", "a"));

        var stale = new TableEntity("p", "taken") { ["N"] = 1 };
        var update = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, stale, new ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"")) };
        var staleEx = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitInOnePartitionAsync(update));
        Assert.Equal(412, staleEx.Status);
    }

    [Fact]
    public async Task Transactions_azure_would_refuse_are_refused_before_sending()
    {
        var table = await NewTableAsync();
        var crossPartition = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p1", "a")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "a")),
        };
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitInOnePartitionAsync(crossPartition));
        var tooMany = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}"))).ToList();
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitInOnePartitionAsync(tooMany));
        var twice = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")),
        };
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitInOnePartitionAsync(twice));
        Assert.Empty(await table.QueryEntitiesAsync(null).ToListAsync());
    }

    [Fact]
    public async Task Queries_page_with_continuation_tokens_and_keep_keys_with_a_select()
    {
        var table = await NewTableAsync();
        foreach (var chunk in Enumerable.Range(0, 1_234).Chunk(100))
        {
            await table.SubmitInOnePartitionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity("p", $"r{i:D4}") { ["N"] = i, ["Big"] = (long)i << 40 })).ToList());
        }
        string? continuation = null;
        var seen = new List<string>();
        int pages = 0;
        do
        {
            await foreach (var page in table.QueryEntitiesAsync(null, ["N"]).AsPages(continuation, 500))
            {
                pages++;
                seen.AddRange(page.Values.Select(e => e.RowKey));
                Assert.All(page.Values, e => Assert.Null(e.GetInt64("Big")));
                continuation = page.ContinuationToken;
                break;
            }
        }
        while (!string.IsNullOrEmpty(continuation));
        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 1_234).Select(i => $"r{i:D4}"), seen);
        Assert.Equal(5L << 40, (await table.FindEntityAsync("p", "r0005"))!.GetInt64("Big"));
    }

    [Fact]
    public async Task Create_only_blobs_conflict_and_leases_are_exclusive()
    {
        var container = Account.Blobs.GetBlobContainerClient(AzuriteFixture.UniqueName("sdk"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("ระเบียบ/report 1.pdf");
        var metadata = new Dictionary<string, string> { ["sha256"] = "abc" };
        var created = await blob.UploadAsync(BinaryData.FromString("รายงาน ✅"),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" }, Metadata = metadata, Conditions = BlobConditions.CreateOnly() });
        var again = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly() }));
        Assert.True(again.IsConcurrencyConflict());

        var download = (await blob.DownloadContentAsync()).Value;
        Assert.Equal("รายงาน ✅", download.Content.ToString());
        Assert.Equal("application/pdf", download.Details.ContentType);
        Assert.Equal("abc", download.Details.Metadata["sha256"]);
        Assert.Equal(created.Value.ETag, download.Details.ETag);

        var first = blob.GetBlobLeaseClient();
        await first.AcquireAsync(TimeSpan.FromSeconds(15));
        var second = await Assert.ThrowsAsync<RequestFailedException>(() => blob.GetBlobLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));
        Assert.True(second.IsConflict());
        await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("y"), overwrite: true));
        await blob.UploadAsync(BinaryData.FromString("z"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = first.LeaseId } });
        await first.ReleaseAsync();

        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("w"), new BlobUploadOptions { Conditions = BlobConditions.IfMatches(created.Value.ETag) }));
        Assert.True(stale.IsPreconditionFailed());
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("none").DownloadContentAsync());
        Assert.True(missing.IsNotFound());
        Assert.Equal(StorageErrors.BlobNotFound, missing.ErrorCode);
    }
}
