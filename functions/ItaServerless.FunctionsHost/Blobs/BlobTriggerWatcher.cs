// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using Google.Protobuf;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Storage;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ItaServerless.FunctionsHost.Blobs;

/// <summary>The receipt of one blob version for one function (the host keeps one per ETag too).</summary>
public sealed record BlobReceipt(string Status, int Attempts, string? LastError, DateTime LastUpdated)
{
    public const string Pending = "Pending";
    public const string Completed = "Completed";
    public const string Poisoned = "Poisoned";

    public bool IsFinal => Status is Completed or Poisoned;
}

/// <summary>The poison record: the host's poison-queue message fields plus why.</summary>
public sealed record BlobPoisonRecord(string FunctionId, string BlobType, string ContainerName, string BlobName, string ETag, int Attempts, string LastError, DateTime PoisonedAt);

/// <summary>
/// Blob triggers by listing the containers (locally in place of Event Grid): a receipt per
/// function and blob ETag makes each new or changed blob run once; a failure is tried again at
/// the next scan, and after BlobMaxAttempts tries a poison record is written.
/// </summary>
public sealed class BlobTriggerWatcher(FunctionsHostOptions options, FunctionDispatcher dispatcher, RuntimeBlobStore store, TimeProvider clock, ILogger<BlobTriggerWatcher> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal); // final receipts, not read again

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await dispatcher.FirstLoad.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ScanAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Blob scan failed; trying again in {Interval}", options.BlobPollInterval);
                }
                await Task.Delay(options.BlobPollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass over every watched container; returns how many invocations ran.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var invocations = 0;
        foreach (var function in dispatcher.Functions.Where(f => f.Trigger is BlobTrigger))
        {
            var path = ((BlobTrigger)function.Trigger!).Path;
            await store.EnsureContainerAsync(path.Container, cancellationToken);
            var container = store.Service.GetBlobContainerClient(path.Container);
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = path.Prefix.Length == 0 ? null : path.Prefix }, cancellationToken))
            {
                if (path.Match(item.Name) is not null && await ProcessAsync(function, item, cancellationToken)) invocations++;
            }
        }
        return invocations;
    }

    /// <summary>Runs the function for this version of the blob unless its receipt says done or another host holds it.</summary>
    public async Task<bool> ProcessAsync(HostFunction function, BlobItem blob, CancellationToken cancellationToken)
    {
        var path = ((BlobTrigger)function.Trigger!).Path;
        var etag = blob.Properties.ETag!.Value.ToString();
        var receiptName = RuntimePaths.BlobReceipt(options.HostId, function.Name, etag, path.Container, blob.Name);
        if (_done.ContainsKey(receiptName)) return false;
        if ((await store.ReadJsonAsync<BlobReceipt>(RuntimePaths.HostsContainer, receiptName, cancellationToken))?.Value is { IsFinal: true })
        {
            _done[receiptName] = true;
            return false;
        }
        var lease = await store.TryAcquireLeaseAsync(RuntimePaths.HostsContainer, receiptName, options.BlobLeaseDuration, cancellationToken);
        if (lease is null) return false;
        return await RuntimeBlobStore.HoldingAsync(lease, options.BlobLeaseDuration, async () =>
        {
            var receipt = (await store.ReadJsonAsync<BlobReceipt>(RuntimePaths.HostsContainer, receiptName, cancellationToken))?.Value;
            if (receipt is { IsFinal: true })
            {
                _done[receiptName] = true;
                return false;
            }
            var outcome = await InvokeAsync(function, blob, $"New blob detected(ContainerScan): {path.Container}/{blob.Name}", cancellationToken);
            var attempts = (receipt?.Attempts ?? 0) + 1;
            var now = clock.GetUtcNow().UtcDateTime;
            var status = outcome.Succeeded ? BlobReceipt.Completed : attempts >= options.BlobMaxAttempts ? BlobReceipt.Poisoned : BlobReceipt.Pending;
            if (status == BlobReceipt.Poisoned)
            {
                var poison = RuntimePaths.Poison(options.HostId, function.Name, etag, path.Container, blob.Name);
                await store.WriteJsonAsync(RuntimePaths.HostsContainer, poison,
                    new BlobPoisonRecord($"Host.Functions.{function.Name}", "BlockBlob", path.Container, blob.Name, RuntimePaths.Unquote(etag), attempts, outcome.Error!, now), null, cancellationToken);
                logger.LogError("Blob {Container}/{Blob} failed {Attempts} times in {Function} and is poisoned ({Poison})", path.Container, blob.Name, attempts, function.Name, poison);
            }
            else if (status == BlobReceipt.Pending)
            {
                logger.LogWarning("Blob {Container}/{Blob} failed in {Function} (try {Attempts} of {Max}); it is tried again at the next scan",
                    path.Container, blob.Name, function.Name, attempts, options.BlobMaxAttempts);
            }
            await store.WriteJsonAsync(RuntimePaths.HostsContainer, receiptName, new BlobReceipt(status, attempts, outcome.Error, now), lease.LeaseId, cancellationToken);
            if (status != BlobReceipt.Pending) _done[receiptName] = true;
            return true;
        });
    }

    /// <summary>
    /// What the host sends for a blob trigger: ModelBindingData (the worker's blob converter reads
    /// the blob itself) when the binding supports deferred binding, else the content; plus the
    /// trigger metadata (the path's parameters, BlobTrigger, Uri, Properties, Metadata).
    /// </summary>
    public async Task<InvocationOutcome> InvokeAsync(HostFunction function, BlobItem blob, string reason, CancellationToken cancellationToken)
    {
        var trigger = (BlobTrigger)function.Trigger!;
        var client = store.Blob(trigger.Path.Container, blob.Name);
        TypedData data;
        if (trigger.DeferredBinding)
        {
            var content = JsonSerializer.SerializeToUtf8Bytes(new { trigger.Connection, ContainerName = trigger.Path.Container, BlobName = blob.Name });
            data = new TypedData { ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageBlobs", ContentType = "application/json", Content = ByteString.CopyFrom(content) } };
        }
        else
        {
            data = new TypedData { Bytes = ByteString.CopyFrom((await client.DownloadContentAsync(cancellationToken)).Value.Content.ToArray()) };
        }
        var p = blob.Properties;
        var metadata = new Dictionary<string, TypedData>
        {
            ["BlobTrigger"] = new() { String = $"{trigger.Path.Container}/{blob.Name}" },
            ["Uri"] = new() { Json = JsonSerializer.Serialize(client.Uri.ToString()) },
            ["Properties"] = new() { Json = JsonSerializer.Serialize(new { ETag = p.ETag?.ToString(), Length = p.ContentLength, p.ContentType, p.LastModified }) },
            ["Metadata"] = new() { Json = JsonSerializer.Serialize(blob.Metadata ?? new Dictionary<string, string>()) },
        };
        foreach (var (name, value) in trigger.Path.Match(blob.Name) ?? new Dictionary<string, string>()) metadata[name] = new TypedData { String = value };
        return await dispatcher.InvokeAsync(function, reason, [new ParameterBinding { Name = trigger.Parameter, Data = data }], metadata, cancellationToken);
    }

    /// <summary>The listing entry of one blob, for the admin API; null when it does not exist.</summary>
    public async Task<BlobItem?> FindAsync(string container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var p = (await store.Blob(container, name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return BlobsModelFactory.BlobItem(name, properties: BlobsModelFactory.BlobItemProperties(true, contentLength: p.ContentLength, contentType: p.ContentType,
                eTag: p.ETag, lastModified: p.LastModified), metadata: p.Metadata);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
