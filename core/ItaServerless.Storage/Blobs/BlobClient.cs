// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Blobs;

/// <summary>One block blob.</summary>
public class BlobClient
{
    private readonly StoragePipeline _pipeline = null!;
    private readonly string _accountName = null!;

    /// <summary>For mocking.</summary>
    protected BlobClient()
    {
    }

    internal BlobClient(StoragePipeline pipeline, BlobContainerClient container, string name, string accountName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 1024)
        {
            throw new ArgumentException("Blob names are at most 1,024 characters.", nameof(name));
        }
        _pipeline = pipeline;
        _accountName = accountName;
        BlobContainerName = container.Name;
        Name = name;
        Uri = new Uri(container.Uri.AbsoluteUri + "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)));
    }

    public virtual string Name { get; } = null!;

    public virtual string BlobContainerName { get; } = null!;

    public virtual Uri Uri { get; } = null!;

    public virtual bool CanGenerateSasUri => _pipeline.SharedKey != null;

    public virtual BlobLeaseClient GetBlobLeaseClient(string? leaseId = null) => new(_pipeline, this, leaseId);

    public virtual Task<Response<BlobContentInfo>> UploadAsync(BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadCoreAsync(RequestContent.Create(content), options, cancellationToken);
    }

    public virtual Task<Response<BlobContentInfo>> UploadAsync(Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return UploadCoreAsync(RequestContent.Create(content), options, cancellationToken);
    }

    private async Task<Response<BlobContentInfo>> UploadCoreAsync(RequestContent content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, Uri);
        var request = message.Request;
        request.Content = content;
        request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        if (options?.ContentType is { } contentType)
        {
            request.Headers.SetValue("x-ms-blob-content-type", contentType);
        }
        foreach (var (key, value) in options?.Metadata ?? new Dictionary<string, string>())
        {
            ValidateMetadata(key, value);
            request.Headers.SetValue("x-ms-meta-" + key, value);
        }
        ApplyConditions(request, options?.Conditions);
        if (options?.Conditions is { IfMatch: not null } or { IfNoneMatch: not null })
        {
            // A conditional write retried after an unseen success would fail with 409/412.
            message.ResponseClassifier = NonIdempotentClassifier.Instance;
        }
        var response = await _pipeline.SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
        return Response.FromValue(new BlobContentInfo(ETagOf(response), LastModifiedOf(response)), response);
    }

    /// <summary>Downloads the whole blob into memory with its properties (the product's blobs are documents of a few MB).</summary>
    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(new BlobDownloadResult(response.Content, PropertiesOf(response)), response);
    }

    public virtual async Task<Response<BlobProperties>> GetPropertiesAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Uri);
        ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(PropertiesOf(response), response);
    }

    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Head, Uri);
        var response = await _pipeline.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status == 200, response);
    }

    /// <summary>Deletes the blob (and its snapshots); conditions make it fail with 412 instead.</summary>
    public virtual async Task<Response> DeleteAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        ApplyConditions(message.Request, conditions);
        return await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
    }

    /// <summary>Returns false when the blob (or its container) did not exist.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, Uri);
        message.Request.Headers.SetValue("x-ms-delete-snapshots", "include");
        ApplyConditions(message.Request, conditions);
        var response = await _pipeline.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status == 202, response);
    }

    /// <summary>
    /// A read-only service SAS URL for this blob (sr=b, sp=r, https-or-http as the endpoint), signed with
    /// the account key for x-ms-version <see cref="StorageClientOptions.BlobServiceVersion"/>.
    /// </summary>
    public virtual Uri GenerateReadSasUri(DateTimeOffset expiresOn, DateTimeOffset? startsOn = null)
    {
        var key = _pipeline.SharedKey ?? throw new InvalidOperationException("A SAS URL needs the account key (shared-key credentials); this client uses a token credential.");
        const string version = StorageClientOptions.BlobServiceVersion;
        string start = startsOn is { } s ? FormatSasTime(s) : "";
        string expiry = FormatSasTime(expiresOn);
        string canonical = $"/blob/{_accountName}/{BlobContainerName}/{Name}";
        // String-to-sign for service SAS, versions 2020-12-06 up to 2025-07-05 (exclusive).
        string stringToSign = string.Join('\n',
            "r", start, expiry, canonical,
            "", // signedIdentifier
            "", // signedIP
            "", // signedProtocol
            version,
            "b", // signedResource
            "", // signedSnapshotTime
            "", // signedEncryptionScope
            "", "", "", "", ""); // rscc, rscd, rsce, rscl, rsct
        string signature = key.ComputeHmacSha256(stringToSign);
        var query = new StringBuilder();
        query.Append("sv=").Append(Uri.EscapeDataString(version));
        if (start.Length > 0)
        {
            query.Append("&st=").Append(Uri.EscapeDataString(start));
        }
        query.Append("&se=").Append(Uri.EscapeDataString(expiry))
             .Append("&sr=b&sp=r&sig=").Append(Uri.EscapeDataString(signature));
        return new UriBuilder(Uri) { Query = query.ToString() }.Uri;
    }

    private static string FormatSasTime(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static void ApplyConditions(Request request, BlobRequestConditions? conditions)
    {
        HttpFormat.ApplyConditions(request, conditions);
        if (conditions?.LeaseId is { } leaseId)
        {
            request.Headers.SetValue("x-ms-lease-id", leaseId);
        }
    }

    internal static ETag ETagOf(Response response) =>
        HttpFormat.BlobETag(response.Headers.TryGetValue("ETag", out var etag) ? etag : null);

    internal static DateTimeOffset LastModifiedOf(Response response) =>
        HttpFormat.ParseHttpDate(response.Headers.TryGetValue("Last-Modified", out var lm) ? lm : null);

    private static BlobProperties PropertiesOf(Response response)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            if (header.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
            }
        }
        response.Headers.TryGetValue("x-ms-lease-state", out var leaseState);
        response.Headers.TryGetValue("x-ms-lease-status", out var leaseStatus);
        return new BlobProperties(
            ETagOf(response),
            LastModifiedOf(response),
            response.Headers.ContentLength ?? 0,
            response.Headers.ContentType,
            metadata,
            leaseState,
            leaseStatus);
    }

    private static void ValidateMetadata(string key, string value)
    {
        bool validName = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        if (!validName)
        {
            throw new ArgumentException($"Metadata name '{key}' must be an ASCII identifier.", nameof(key));
        }
        if (value.Any(c => c < 0x20 || c > 0x7E))
        {
            throw new ArgumentException($"Metadata value of '{key}' must be printable ASCII (HTTP header); encode Thai text, e.g. as base64 or percent-encoding.", nameof(value));
        }
    }
}
