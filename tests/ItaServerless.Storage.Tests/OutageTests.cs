// SPDX-License-Identifier: MIT
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ItaServerless.Storage.Blobs;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>Storage going away mid-test: each test owns an Azurite with a data folder so data survives a restart.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ita-azurite-" + Guid.NewGuid().ToString("N"));
    private AzuriteServer _server = null!;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartNewAsync(_dataDirectory);

    public Task DisposeAsync()
    {
        _server.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    private StorageAccount Account(int maxRetries, TimeSpan delay) => StorageAccount.FromConnectionString(_server.ConnectionString, o =>
    {
        o.Retry.MaxRetries = maxRetries;
        o.Retry.Delay = delay;
        o.Retry.MaxDelay = delay;
        o.Retry.Mode = RetryMode.Fixed;
        o.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
    });

    [Fact]
    public async Task Stopped_storage_gives_a_clear_exception_and_no_partial_batch()
    {
        var account = Account(1, TimeSpan.FromMilliseconds(50));
        var table = account.Tables.GetTableClient("outage");
        var container = account.Blobs.GetBlobContainerClient("outage");
        await table.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "before") { ["Text"] = "ก่อน" });

        _server.Stop();
        var batch = Enumerable.Range(0, 50)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"b{i:D2}") { ["Text"] = "ชุด" }))
            .ToList();
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => table.SubmitTransactionAsync(batch));
        Assert.True(ex.IsUnavailable());
        Assert.Contains("Connection refused", Messages(ex), StringComparison.Ordinal);
        var blobEx = await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("x").UploadAsync(BinaryData.FromString("x")));
        Assert.True(blobEx.IsUnavailable());
        var readEx = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "before"));
        Assert.True(readEx.IsUnavailable());

        // After the restart, a client that waits out Azurite's start-up (not what is tested here).
        await _server.RestartAsync();
        var after = Account(120, TimeSpan.FromMilliseconds(250)).Tables.GetTableClient("outage");
        var rows = await after.QueryPartitionAsync("p").ToListAsync();
        Assert.Equal(["before"], rows.Select(r => r.RowKey));

        await after.SubmitTransactionAsync(batch);
        Assert.Equal(51, (await after.QueryPartitionAsync("p").ToListAsync()).Count);
    }

    private static string Messages(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " | " + Messages(ex.InnerException);

    [Fact]
    public async Task Reads_are_retried_through_a_short_outage()
    {
        var table = Account(120, TimeSpan.FromMilliseconds(250)).Tables.GetTableClient("retry");
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });

        _server.Stop();
        var read = table.GetEntityAsync<TableEntity>("p", "r");
        await Task.Delay(300);
        Assert.False(read.IsCompleted);
        await _server.RestartAsync();
        Assert.Equal(1, (await read).Value.GetInt32("N"));
    }
}
