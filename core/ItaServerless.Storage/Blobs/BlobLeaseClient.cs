// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using Azure;
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Blobs;

/// <summary>
/// Leases on a blob: a distributed lock (acquire fails with 409 LeaseAlreadyPresent while another
/// holder's lease is active). Lease durations are 15-60 s, or infinite.
/// </summary>
public class BlobLeaseClient
{
    public static readonly TimeSpan InfiniteLeaseDuration = Timeout.InfiniteTimeSpan;

    private readonly StoragePipeline _pipeline = null!;
    private readonly BlobClient _blob = null!;

    /// <summary>For mocking.</summary>
    protected BlobLeaseClient()
    {
    }

    internal BlobLeaseClient(StoragePipeline pipeline, BlobClient blob, string? leaseId)
    {
        _pipeline = pipeline;
        _blob = blob;
        LeaseId = leaseId ?? Guid.NewGuid().ToString();
    }

    /// <summary>The lease id this client proposes on acquire and presents on renew/release.</summary>
    public virtual string LeaseId { get; } = null!;

    public virtual async Task<Response<BlobLease>> AcquireAsync(TimeSpan duration, RequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        long seconds = duration == InfiniteLeaseDuration ? -1 : (long)duration.TotalSeconds;
        if (seconds != -1 && seconds is < 15 or > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "A lease lasts 15 to 60 seconds, or is infinite.");
        }
        using var message = Create("acquire", conditions);
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds.ToString(CultureInfo.InvariantCulture));
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", LeaseId);
        var response = await _pipeline.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return Response.FromValue(LeaseOf(response), response);
    }

    public virtual async Task<Response<BlobLease>> RenewAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create("renew", null);
        message.Request.Headers.SetValue("x-ms-lease-id", LeaseId);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(LeaseOf(response), response);
    }

    public virtual async Task<Response> ReleaseAsync(CancellationToken cancellationToken = default)
    {
        using var message = Create("release", null);
        message.Request.Headers.SetValue("x-ms-lease-id", LeaseId);
        return await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
    }

    /// <summary>Breaks whoever's lease is active; returns the seconds until it can be acquired again.</summary>
    public virtual async Task<Response<int>> BreakAsync(TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        using var message = Create("break", null);
        if (breakPeriod is { } period)
        {
            message.Request.Headers.SetValue("x-ms-lease-break-period", ((int)period.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }
        var response = await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
        int remaining = response.Headers.TryGetValue("x-ms-lease-time", out var time) && int.TryParse(time, CultureInfo.InvariantCulture, out var t) ? t : 0;
        return Response.FromValue(remaining, response);
    }

    private HttpMessage Create(string action, RequestConditions? conditions)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Put, new Uri(_blob.Uri.AbsoluteUri + "?comp=lease"));
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        HttpFormat.ApplyConditions(message.Request, conditions);
        return message;
    }

    private BlobLease LeaseOf(Response response) =>
        new(response.Headers.TryGetValue("x-ms-lease-id", out var id) ? id : LeaseId, BlobClient.ETagOf(response), BlobClient.LastModifiedOf(response));
}
