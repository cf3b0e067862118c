// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Azure;
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Metadata;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.LocalRuntime;

/// <summary>The receipt of one blob version for one function (the host keeps one per ETag too).</summary>
public sealed record BlobReceipt(
    [property: JsonPropertyName("Status")] string Status,
    [property: JsonPropertyName("Attempts")] int Attempts,
    [property: JsonPropertyName("LastError")] string? LastError,
    [property: JsonPropertyName("LastUpdated")] DateTime LastUpdated)
{
    public const string Pending = "Pending";
    public const string Completed = "Completed";
    public const string Poisoned = "Poisoned";

    [JsonIgnore]
    public bool IsFinal => Status is Completed or Poisoned;
}

/// <summary>The poison record: the host's poison-queue message fields plus why.</summary>
public sealed record BlobPoisonRecord(
    [property: JsonPropertyName("FunctionId")] string FunctionId,
    [property: JsonPropertyName("BlobType")] string BlobType,
    [property: JsonPropertyName("ContainerName")] string ContainerName,
    [property: JsonPropertyName("BlobName")] string BlobName,
    [property: JsonPropertyName("ETag")] string ETag,
    [property: JsonPropertyName("Attempts")] int Attempts,
    [property: JsonPropertyName("LastError")] string LastError,
    [property: JsonPropertyName("PoisonedAt")] DateTime PoisonedAt);

/// <summary>
/// Watches the containers of blobTrigger functions by listing them, like the host's scan: a
/// receipt per function and blob ETag in azure-webjobs-hosts/blobreceipts/... makes each new or
/// changed blob run once; failures are retried on the next scans and after
/// <see cref="FunctionsAppOptions.BlobMaxAttempts"/> tries a poison record is written under
/// azure-webjobs-hosts/poison/... and the reason logged.
/// </summary>
public sealed class BlobTriggerWatcher(
    FunctionInvoker invoker,
    RuntimeBlobStore store,
    IOptions<FunctionsAppOptions> options,
    TimeProvider clock,
    ILogger<BlobTriggerWatcher> logger) : BackgroundService
{
    private readonly FunctionsAppOptions _options = options.Value;
    // Receipts known to be final, so that a scan does not read them again.
    private readonly ConcurrentDictionary<string, bool> _done = new(StringComparer.Ordinal);

    public IEnumerable<FunctionDefinition> BlobFunctions =>
        invoker.Catalog.All.Where(f => f.Trigger is BlobTriggerBinding && !f.Disabled && invoker.CanInvoke(f.Name));

    private int _loopScans;

    /// <summary>Scans the polling loop has finished (tests wait on it instead of on the clock).</summary>
    public int LoopScans => Volatile.Read(ref _loopScans);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!BlobFunctions.Any()) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ScanAsync(stoppingToken);
                    Interlocked.Increment(ref _loopScans);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Blob scan failed; trying again in {Interval}", _options.BlobPollInterval);
                }
                await Task.Delay(_options.BlobPollInterval, clock, stoppingToken);
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
        foreach (var function in BlobFunctions)
        {
            var path = ((BlobTriggerBinding)function.Trigger).Path;
            await store.EnsureContainerAsync(path.Container, cancellationToken);
            var container = store.Service.GetBlobContainerClient(path.Container);
            await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = path.LiteralPrefix.Length == 0 ? null : path.LiteralPrefix }, cancellationToken))
            {
                if (path.Match(item.Name) is null) continue;
                if (await ProcessAsync(function, item.Name, item.Properties.ETag!.Value, cancellationToken)) invocations++;
            }
        }
        return invocations;
    }

    /// <summary>Runs <paramref name="function"/> for this version of the blob unless its receipt says done or another instance holds it.</summary>
    public async Task<bool> ProcessAsync(FunctionDefinition function, string blobName, ETag etag, CancellationToken cancellationToken)
    {
        var path = ((BlobTriggerBinding)function.Trigger).Path;
        var receiptName = RuntimePaths.BlobReceipt(_options.HostId, function.Name, etag.ToString(), path.Container, blobName);
        if (_done.ContainsKey(receiptName)) return false;
        var known = await store.ReadJsonAsync<BlobReceipt>(RuntimeBlobStore.HostsContainer, receiptName, cancellationToken);
        if (known?.Value is { IsFinal: true })
        {
            _done[receiptName] = true;
            return false;
        }

        var lease = await store.TryAcquireLeaseAsync(RuntimeBlobStore.HostsContainer, receiptName, _options.BlobLeaseDuration, cancellationToken);
        if (lease is null) return false;
        using var renewing = new CancellationTokenSource();
        var renewal = RuntimeBlobStore.KeepRenewingAsync(lease, _options.BlobLeaseDuration, renewing.Token);
        try
        {
            var receipt = (await store.ReadJsonAsync<BlobReceipt>(RuntimeBlobStore.HostsContainer, receiptName, cancellationToken))?.Value;
            if (receipt is { IsFinal: true })
            {
                _done[receiptName] = true;
                return false;
            }
            var blob = store.Blob(path.Container, blobName);
            BlobDownloadResult download;
            try
            {
                download = (await blob.DownloadContentAsync(BlobConditions.IfMatches(etag), cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.IsNotFound() || e.IsPreconditionFailed())
            {
                return false; // deleted or changed since the listing: the next scan sees the new version
            }

            var request = BuildRequest(function, blob, blobName, download);
            var outcome = await invoker.InvokeAsync(function.Name, request, cancellationToken);
            var attempts = (receipt?.Attempts ?? 0) + 1;
            var now = clock.GetUtcNow().UtcDateTime;
            if (outcome.Succeeded)
            {
                await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, receiptName, new BlobReceipt(BlobReceipt.Completed, attempts, null, now), lease.LeaseId, cancellationToken);
                _done[receiptName] = true;
                return true;
            }

            var error = $"{outcome.Error!.GetType().Name}: {outcome.Error.Message}";
            if (attempts >= _options.BlobMaxAttempts)
            {
                var poison = RuntimePaths.Poison(_options.HostId, function.Name, etag.ToString(), path.Container, blobName);
                await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, poison,
                    new BlobPoisonRecord($"Host.Functions.{function.Name}", "BlockBlob", path.Container, blobName, RuntimePaths.Unquote(etag.ToString()), attempts, error, now),
                    leaseId: null, cancellationToken);
                await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, receiptName, new BlobReceipt(BlobReceipt.Poisoned, attempts, error, now), lease.LeaseId, cancellationToken);
                _done[receiptName] = true;
                logger.LogError("Blob {Container}/{Blob} failed {Attempts} times in {Function} and is poisoned ({PoisonBlob}); last error: {Error}",
                    path.Container, blobName, attempts, function.Name, $"{RuntimeBlobStore.HostsContainer}/{poison}", error);
            }
            else
            {
                await store.WriteJsonAsync(RuntimeBlobStore.HostsContainer, receiptName, new BlobReceipt(BlobReceipt.Pending, attempts, error, now), lease.LeaseId, cancellationToken);
                logger.LogWarning("Blob {Container}/{Blob} failed in {Function} (try {Attempts} of {Max}); it is tried again at the next scan: {Error}",
                    path.Container, blobName, function.Name, attempts, _options.BlobMaxAttempts, error);
            }
            return true;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            await RuntimeBlobStore.ReleaseQuietlyAsync(lease);
        }
    }

    /// <summary>The payload for one downloaded blob (also used by the admin route).</summary>
    public InvocationRequest BuildRequest(FunctionDefinition function, BlobClient blob, string blobName, BlobDownloadResult download)
    {
        var p = download.Details;
        return PayloadFactory.Blob(function, blobName, blob.Uri, download.Content,
            new BlobTriggerProperties(p.ETag.ToString(), p.ContentLength, p.ContentType, p.LastModified),
            new Dictionary<string, string>(p.Metadata), clock.GetUtcNow());
    }
}
