// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using System.Text;
using Azure;
using ItaServerless.Storage.Blobs;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class BlobClientTests(AzuriteFixture azurite)
{
    private readonly BlobServiceClient _service = new(azurite.ConnectionString);

    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));
        Assert.True((await container.CreateIfNotExistsAsync()).Value);
        return container;
    }

    [Fact]
    public async Task CreateIfNotExists_second_call_reports_existing()
    {
        var container = await NewContainerAsync();
        Assert.False((await container.CreateIfNotExistsAsync()).Value);
        Assert.True((await container.DeleteIfExistsAsync()).Value);
        Assert.False((await container.DeleteIfExistsAsync()).Value);
    }

    [Fact]
    public void Invalid_container_name_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => _service.GetBlobContainerClient("Bad_Name"));
    }

    [Fact]
    public async Task Upload_then_download_round_trips_content_type_metadata_and_etag_with_thai_and_emoji()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("รายงาน/2569/ผลการดำเนินงาน 🙂.txt");
        const string text = "มาตรการส่งเสริมคุณธรรม ปี ๒๕๖๙ ✅🇹🇭";
        var uploaded = await blob.UploadAsync(BinaryData.FromString(text), new BlobUploadOptions
        {
            ContentType = "text/plain; charset=utf-8",
            Metadata = new Dictionary<string, string> { ["org"] = "6340101", ["round"] = "6" },
        });

        var download = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(text, download.Content.ToString());
        Assert.Equal("text/plain; charset=utf-8", download.Properties.ContentType);
        Assert.Equal("6340101", download.Properties.Metadata["org"]);
        Assert.Equal("6", download.Properties.Metadata["round"]);
        Assert.Equal(uploaded.Value.ETag, download.Properties.ETag);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), download.Properties.ContentLength);

        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal(uploaded.Value.ETag, properties.ETag);
        Assert.Equal(uploaded.Value.LastModified, properties.LastModified);
        Assert.True((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Upload_from_stream()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("a.bin");
        byte[] bytes = [0, 1, 2, 255];
        await blob.UploadAsync(new MemoryStream(bytes));
        Assert.Equal(bytes, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task Non_ascii_metadata_is_rejected_before_sending()
    {
        var blob = _service.GetBlobContainerClient("never-created").GetBlobClient("x");
        var options = new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["title"] = "รายงาน" } };
        await Assert.ThrowsAsync<ArgumentException>(() => blob.UploadAsync(BinaryData.FromString("x"), options));
    }

    [Fact]
    public async Task Create_only_upload_fails_with_conflict_when_blob_exists()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("receipt.json");
        await blob.UploadAsync(BinaryData.FromString("1"), new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly() });
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("2"), new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly() }));
        Assert.True(ex.IsConflict());
        Assert.Equal(StorageErrors.BlobAlreadyExists, ex.ErrorCode);
        Assert.True(ex.IsConcurrencyConflict());
        Assert.Equal("1", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task If_match_with_stale_etag_fails_and_current_etag_succeeds()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("doc.txt");
        var first = (await blob.UploadAsync(BinaryData.FromString("v1"))).Value;
        var second = (await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfMatches(first.ETag) })).Value;
        Assert.NotEqual(first.ETag, second.ETag);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() =>
            blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = BlobRequestConditions.IfMatches(first.ETag) }));
        Assert.True(ex.IsPreconditionFailed());
        Assert.Equal(StorageErrors.ConditionNotMet, ex.ErrorCode);
        Assert.Equal("v2", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Missing_blob_maps_to_not_found_with_error_code()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("nothing-here");
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DownloadContentAsync());
        Assert.True(ex.IsNotFound());
        Assert.Equal(StorageErrors.BlobNotFound, ex.ErrorCode);
        Assert.False((await blob.ExistsAsync()).Value);
        Assert.False((await blob.DeleteIfExistsAsync()).Value);

        var missingContainer = _service.GetBlobContainerClient(AzuriteFixture.UniqueName("missing"));
        var ex2 = await Assert.ThrowsAsync<RequestFailedException>(() => missingContainer.GetBlobClient("x").UploadAsync(BinaryData.FromString("x")));
        Assert.Equal(StorageErrors.ContainerNotFound, ex2.ErrorCode);
    }

    [Fact]
    public async Task List_by_prefix_pages_with_continuation_and_item_properties()
    {
        var container = await NewContainerAsync();
        await Task.WhenAll(Enumerable.Range(0, 25).Select(i =>
            container.GetBlobClient($"in/{i:D3}.txt").UploadAsync(BinaryData.FromString(new string('x', i)))));
        await container.GetBlobClient("out/other.txt").UploadAsync(BinaryData.FromString("o"));

        var pages = new List<Page<BlobItem>>();
        await foreach (var page in container.GetBlobsAsync("in/").AsPages(pageSizeHint: 10))
        {
            pages.Add(page);
        }
        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count));
        Assert.NotNull(pages[0].ContinuationToken);
        Assert.Null(pages[2].ContinuationToken);
        var items = pages.SelectMany(p => p.Values).ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"in/{i:D3}.txt"), items.Select(b => b.Name));
        Assert.All(items, b => Assert.NotEqual(default, b.ETag));
        Assert.All(items, b => Assert.True(b.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(7, items[7].ContentLength);

        // Resume from the first page's continuation token.
        var resumed = await container.GetBlobsAsync("in/").AsPages(pages[0].ContinuationToken, 10).FirstAsync();
        Assert.Equal("in/010.txt", resumed.Values[0].Name);

        var etag = (await container.GetBlobClient("in/003.txt").GetPropertiesAsync()).Value.ETag;
        Assert.Equal(etag, items[3].ETag);
    }

    [Fact]
    public async Task Delete_honours_conditions()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("d.txt");
        var v1 = (await blob.UploadAsync(BinaryData.FromString("1"))).Value;
        await blob.UploadAsync(BinaryData.FromString("2"));
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => blob.DeleteAsync(BlobRequestConditions.IfMatches(v1.ETag)));
        Assert.True(ex.IsPreconditionFailed());
        await blob.DeleteAsync();
        Assert.False((await blob.ExistsAsync()).Value);
    }

    [Fact]
    public async Task Lease_is_exclusive_and_guards_writes()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("locks/timer");
        await blob.UploadAsync(BinaryData.FromString(""));
        var holder = blob.GetBlobLeaseClient();
        var rival = blob.GetBlobLeaseClient();

        var lease = (await holder.AcquireAsync(TimeSpan.FromSeconds(15))).Value;
        Assert.Equal(holder.LeaseId, lease.LeaseId);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => rival.AcquireAsync(TimeSpan.FromSeconds(15)));
        Assert.True(ex.IsConflict());
        Assert.Equal(StorageErrors.LeaseAlreadyPresent, ex.ErrorCode);
        Assert.Equal("leased", (await blob.GetPropertiesAsync()).Value.LeaseState);

        // Writes need the lease id.
        var noLease = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(BinaryData.FromString("x")));
        Assert.True(noLease.IsPreconditionFailed());
        await blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { Conditions = new BlobRequestConditions { LeaseId = holder.LeaseId } });

        await holder.RenewAsync();
        await Assert.ThrowsAsync<RequestFailedException>(() => rival.RenewAsync());
        await holder.ReleaseAsync();

        await rival.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);
        await Assert.ThrowsAsync<RequestFailedException>(() => holder.AcquireAsync(TimeSpan.FromSeconds(15)));
        int remaining = (await holder.BreakAsync(TimeSpan.Zero)).Value;
        Assert.Equal(0, remaining);
        await holder.AcquireAsync(TimeSpan.FromSeconds(60));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => rival.AcquireAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Read_sas_url_allows_read_and_denies_write_and_expires()
    {
        var container = await NewContainerAsync();
        var blob = container.GetBlobClient("reports/รายงาน ๖ เดือน.pdf");
        await blob.UploadAsync(BinaryData.FromString("%PDF-1.7 ทดสอบ"), new BlobUploadOptions { ContentType = "application/pdf" });
        Assert.True(blob.CanGenerateSasUri);
        var sas = blob.GenerateReadSasUri(DateTimeOffset.UtcNow.AddMinutes(10));
        Assert.Contains("sp=r", sas.Query);
        Assert.Contains("sr=b", sas.Query);

        using var http = new HttpClient();
        using var read = await http.GetAsync(sas);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("%PDF-1.7 ทดสอบ", await read.Content.ReadAsStringAsync());

        using var put = new HttpRequestMessage(HttpMethod.Put, sas) { Content = new StringContent("overwritten") };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        using var write = await http.SendAsync(put);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);

        using var delete = await http.DeleteAsync(sas);
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        var expired = blob.GenerateReadSasUri(DateTimeOffset.UtcNow.AddMinutes(-1));
        using var late = await http.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);

        var tampered = new Uri(sas.AbsoluteUri.Replace("sp=r", "sp=rw", StringComparison.Ordinal));
        using var bad = await http.GetAsync(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
        Assert.Equal("%PDF-1.7 ทดสอบ", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }
}
