// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ItaServerless.Storage;

namespace ItaServerless.Functions.Storage;

/// <summary>A small JSON document read from a blob, with its ETag.</summary>
public sealed record StoredJson<T>(T? Value, ETag ETag);

/// <summary>The app's blobs: containers created once per process, small JSON records (the heartbeat).</summary>
public sealed class AppBlobStore(BlobServiceClient service)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, bool> _containers = new(StringComparer.Ordinal);

    public BlobServiceClient Service { get; } = service;

    public BlobClient Blob(string container, string name) => Service.GetBlobContainerClient(container).GetBlobClient(name);

    public async Task EnsureContainerAsync(string container, CancellationToken cancellationToken)
    {
        if (_containers.ContainsKey(container)) return;
        await Service.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        _containers[container] = true;
    }

    /// <summary>Reads a JSON blob; null when absent.</summary>
    public async Task<StoredJson<T>?> ReadJsonAsync<T>(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = (await Blob(container, name).DownloadContentAsync(cancellationToken: cancellationToken)).Value;
            return new StoredJson<T>(result.Content.ToObjectFromJson<T>(Json), result.Details.ETag);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>Writes a JSON blob; the container is created when missing.</summary>
    public async Task WriteJsonAsync<T>(string container, string name, T value, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(container, cancellationToken);
        await Blob(container, name).UploadAsync(BinaryData.FromObjectAsJson(value, Json),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
    }
}
