// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using ItaServerless.Functions.Invocation;
using ItaServerless.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;

namespace ItaServerless.Functions.Storage;

/// <summary>A small JSON document read from a blob, with the ETag to write it back conditionally.</summary>
public sealed record StoredJson<T>(T? Value, ETag ETag);

/// <summary>
/// What the functions runtime needs from Blob Storage: small JSON records, create-if-absent,
/// listing, and leases as distributed locks. Built on the storage client of ItaServerless.Storage.
/// </summary>
public sealed class RuntimeBlobStore(BlobServiceClient service)
{
    /// <summary>The Functions host's own container for timer status, receipts and locks.</summary>
    public const string HostsContainer = "azure-webjobs-hosts";

    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public BlobServiceClient Service { get; } = service;

    public BlobClient Blob(string container, string name) => Service.GetBlobContainerClient(container).GetBlobClient(name);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container)) return;
        await Service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _containers[container] = true;
    }

    /// <summary>Reads a JSON blob; null when absent. An empty blob (a fresh lock or receipt) reads as a default value.</summary>
    public async Task<StoredJson<T>?> ReadJsonAsync<T>(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await Blob(container, name).DownloadContentAsync(cancellationToken: cancellationToken)).Value;
            var value = result.Content.ToMemory().Length == 0 ? default : JsonSerializer.Deserialize<T>(result.Content.ToStream(), PayloadJson.Options);
            return new StoredJson<T>(value, result.Details.ETag);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>Writes a JSON blob (under a lease when given); the container is created when missing.</summary>
    public async Task WriteJsonAsync<T>(string container, string name, T value, string? leaseId, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(container, cancellationToken);
        await Blob(container, name).UploadAsync(
            BinaryData.FromObjectAsJson(value, PayloadJson.Options),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId } },
            cancellationToken);
    }

    /// <summary>
    /// Takes a lease on the blob (created empty when missing): the holder alone may proceed.
    /// Null when another holder has it.
    /// </summary>
    public async Task<BlobLeaseClient?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(container, cancellationToken);
        var blob = Blob(container, name);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = BlobConditions.CreateOnly() }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsConcurrencyConflict() || e.ErrorCode == StorageErrors.LeaseAlreadyPresent || e.Status == 412)
        {
            // Exists already (perhaps leased by someone else): fine, the acquire below decides.
        }
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
            return lease;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return null;
        }
    }

    /// <summary>Releases a lease, ignoring one that already expired or was lost.</summary>
    public static async Task ReleaseQuietlyAsync(BlobLeaseClient lease)
    {
        try
        {
            await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Expired or taken over: nothing to give back.
        }
    }

    /// <summary>Renews <paramref name="lease"/> every third of its duration until <paramref name="cancellationToken"/> fires.</summary>
    public static async Task KeepRenewingAsync(BlobLeaseClient lease, TimeSpan duration, CancellationToken cancellationToken)
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
            // Lost the lease: the status/receipt check stops a second run of the same work anyway.
        }
    }
}
