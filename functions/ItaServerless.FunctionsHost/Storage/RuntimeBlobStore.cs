// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace ItaServerless.FunctionsHost.Storage;

/// <summary>A small JSON document read from a blob, with its ETag.</summary>
public sealed record StoredJson<T>(T? Value, ETag ETag);

/// <summary>What the host needs from Blob Storage: small JSON records, create-only writes, and leases as locks.</summary>
public sealed class RuntimeBlobStore(BlobServiceClient service)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public BlobServiceClient Service { get; } = service;

    public BlobClient Blob(string container, string name) => Service.GetBlobContainerClient(container).GetBlobClient(name);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container)) return;
        await Service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _containers[container] = true;
    }

    /// <summary>Null when absent; an empty blob (a fresh lock or receipt) reads as a default value.</summary>
    public async Task<StoredJson<T>?> ReadJsonAsync<T>(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await Blob(container, name).DownloadContentAsync(cancellationToken)).Value;
            var value = result.Content.ToMemory().Length == 0 ? default : result.Content.ToObjectFromJson<T>(Json);
            return new StoredJson<T>(value, result.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Writes a JSON blob, under a lease when given.</summary>
    public async Task WriteJsonAsync<T>(string container, string name, T value, string? leaseId, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(container, cancellationToken);
        await Blob(container, name).UploadAsync(BinaryData.FromObjectAsJson(value, Json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId } },
            cancellationToken);
    }

    /// <summary>Creates the blob unless it exists; returns what is stored afterwards (ours, or the one that won the race).</summary>
    public async Task<T> GetOrCreateJsonAsync<T>(string container, string name, Func<T> create, CancellationToken cancellationToken) where T : class
    {
        if ((await ReadJsonAsync<T>(container, name, cancellationToken))?.Value is { } existing) return existing;
        await EnsureContainerAsync(container, cancellationToken);
        var value = create();
        try
        {
            await Blob(container, name).UploadAsync(BinaryData.FromObjectAsJson(value, Json),
                new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            return value;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return (await ReadJsonAsync<T>(container, name, cancellationToken))?.Value ?? value;
        }
    }

    /// <summary>Takes a lease on the blob (created empty when missing); null when another holder has it.</summary>
    public async Task<BlobLeaseClient?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(container, cancellationToken);
        var blob = Blob(container, name);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Exists already, perhaps leased: the acquire decides.
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            return lease;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Runs <paramref name="work"/> while renewing the lease, then releases it.</summary>
    public static async Task<T> HoldingAsync<T>(BlobLeaseClient lease, TimeSpan duration, Func<Task<T>> work)
    {
        using var renewing = new CancellationTokenSource();
        var renewal = KeepRenewingAsync(lease, duration, renewing.Token);
        try
        {
            return await work();
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException)
            {
                // Expired or taken over: nothing to give back.
            }
        }
    }

    private static async Task KeepRenewingAsync(BlobLeaseClient lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (RequestFailedException)
        {
            // Lost the lease: the status or receipt check still stops a second run.
        }
    }
}
