// SPDX-License-Identifier: MIT
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;

namespace ItaServerless.FunctionsHost.Storage;

/// <summary>What the host needs from Blob Storage beyond JSON records: create-only writes, and leases as locks.</summary>
public sealed class RuntimeBlobStore(BlobServiceClient service) : JsonBlobStore(service, new JsonSerializerOptions(JsonSerializerDefaults.General))
{
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
