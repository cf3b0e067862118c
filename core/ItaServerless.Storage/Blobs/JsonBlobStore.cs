// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ItaServerless.Storage.Blobs;

/// <summary>A small JSON document read from a blob, with its ETag.</summary>
public sealed record StoredJson<T>(T? Value, ETag ETag);

/// <summary>
/// Blobs as small JSON records, with each container created once per process: the app's heartbeat and
/// report files, the local Functions host's timer status and receipts.
/// </summary>
public class JsonBlobStore(BlobServiceClient service, JsonSerializerOptions json)
{
    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public BlobServiceClient Service { get; } = service;

    protected JsonSerializerOptions Json { get; } = json;

    public BlobClient Blob(string container, string name) => Service.GetBlobContainerClient(container).GetBlobClient(name);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container)) return;
        await Service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        _containers[container] = true;
    }

    /// <summary>Null when absent; an empty blob (a fresh lock or receipt) reads as a default value.</summary>
    public async Task<StoredJson<T>?> ReadJsonAsync<T>(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await Blob(container, name).DownloadContentAsync(cancellationToken).ConfigureAwait(false)).Value;
            var value = result.Content.ToMemory().Length == 0 ? default : result.Content.ToObjectFromJson<T>(Json);
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
        await EnsureContainerAsync(container, cancellationToken).ConfigureAwait(false);
        await Blob(container, name).UploadAsync(BinaryData.FromObjectAsJson(value, Json), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId },
        }, cancellationToken).ConfigureAwait(false);
    }
}
