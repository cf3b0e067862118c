// SPDX-License-Identifier: MIT
using ItaServerless.FunctionsHost.Blobs;
using ItaServerless.FunctionsHost.Storage;
using ItaServerless.Testing;

namespace ItaServerless.FunctionsHost.Tests;

[Collection(HostCollection.Name)]
public sealed class BlobTriggerTests(HostFixture host)
{
    [Fact]
    public async Task A_blob_runs_once_per_version_and_again_when_it_changes()
    {
        var name = AzuriteFixture.UniqueName("once") + ".txt";
        var first = await UploadAsync(name, "first version");

        var record = Assert.Single(await RecordsOnceAsync(name, 1));
        Assert.Equal("first version", record["content"]!.GetValue<string>()); // the worker read the blob from the ModelBindingData
        Assert.Equal(name, record["name"]!.GetValue<string>()); // bound from the trigger metadata
        await HostFixture.EventuallyAsync(() => ReceiptAsync(name, first, BlobReceipt.Completed), "the receipt");

        // More scans do not run the same version again.
        await host.BlobWatcher.ScanAsync(default);
        await host.BlobWatcher.ScanAsync(default);
        Assert.Single(await host.RecordsAsync($"inbox/{name}/"));

        await UploadAsync(name, "second version");
        var records = await RecordsOnceAsync(name, 2);
        Assert.Contains(records, r => r["content"]!.GetValue<string>() == "second version");
    }

    [Fact]
    public async Task A_failing_blob_is_tried_five_times_then_poisoned()
    {
        var name = AzuriteFixture.UniqueName("bad") + ".txt";
        var etag = await UploadAsync(name, "please fail");
        var poisonBlob = host.Blobs.GetBlobContainerClient(RuntimePaths.HostsContainer)
            .GetBlobClient(RuntimePaths.Poison(host.Options.HostId, "OnInbox", etag, "inbox", name));

        var poison = await HostFixture.EventuallyAsync(async () => await poisonBlob.ExistsAsync() ? (await poisonBlob.DownloadContentAsync()).Value.Content.ToObjectFromJson<BlobPoisonRecord>() : null, "the poison record");

        Assert.Equal(5, poison!.Attempts);
        Assert.Equal(name, poison.BlobName);
        Assert.Contains("says fail", poison.LastError, StringComparison.Ordinal);
        Assert.Equal(5, (await host.RecordsAsync($"inbox/{name}/")).Count);
        Assert.NotNull(await ReceiptAsync(name, etag, BlobReceipt.Poisoned));
        await host.BlobWatcher.ScanAsync(default);
        Assert.Equal(5, (await host.RecordsAsync($"inbox/{name}/")).Count);
    }

    private async Task<string> UploadAsync(string name, string content)
    {
        var container = host.Blobs.GetBlobContainerClient("inbox");
        await container.CreateIfNotExistsAsync();
        return (await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true)).Value.ETag.ToString();
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode>> RecordsOnceAsync(string name, int count) =>
        await HostFixture.EventuallyAsync(async () =>
            (await host.RecordsAsync($"inbox/{name}/")).Select(r => r.Json).ToList() is { } l && l.Count >= count ? l : null, $"{count} run(s) of {name}");

    private async Task<BlobReceipt?> ReceiptAsync(string name, string etag, string status)
    {
        var receipt = await host.Store.ReadJsonAsync<BlobReceipt>(RuntimePaths.HostsContainer, RuntimePaths.BlobReceipt(host.Options.HostId, "OnInbox", etag, "inbox", name), default);
        return receipt?.Value?.Status == status ? receipt.Value : null;
    }
}
