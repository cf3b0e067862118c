// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Blobs;

public partial class BlobContainerClient
{
    private readonly StoragePipeline _pipeline = null!;
    private readonly string _accountName = null!;

    /// <summary>For mocking.</summary>
    protected BlobContainerClient()
    {
    }

    internal BlobContainerClient(StoragePipeline pipeline, string name, string accountName)
    {
        if (!ContainerName().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Invalid container name '{name}': 3-63 lowercase letters, digits and single hyphens.", nameof(name));
        }
        _pipeline = pipeline;
        _accountName = accountName;
        Name = name;
        Uri = new Uri(pipeline.Endpoint.AbsoluteUri + "/" + name);
    }

    public virtual string Name { get; } = null!;

    public virtual Uri Uri { get; } = null!;

    public virtual BlobClient GetBlobClient(string blobName) => new(_pipeline, this, blobName, _accountName);

    /// <summary>Creates the container; returns false if it already existed.</summary>
    public virtual async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Put, new Uri(Uri + "?restype=container"));
        var response = await _pipeline.SendAsync(message, cancellationToken, 201, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var ex = new RequestFailedException(response, null, StorageErrorParser.Instance);
            if (ex.ErrorCode != StorageErrors.ContainerAlreadyExists)
            {
                throw ex;
            }
            return Response.FromValue(false, response);
        }
        return Response.FromValue(true, response);
    }

    /// <summary>Deletes the container; returns false if it did not exist.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = _pipeline.CreateMessage(RequestMethod.Delete, new Uri(Uri + "?restype=container"));
        var response = await _pipeline.SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status == 202, response);
    }

    /// <summary>Lists blobs whose names start with <paramref name="prefix"/>, one service page at a time (marker continuation).</summary>
    public virtual AsyncPageable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        new FuncAsyncPageable<BlobItem>((marker, pageSize, ct) => ListPageAsync(prefix, marker, pageSize, ct), cancellationToken);

    private async Task<Page<BlobItem>> ListPageAsync(string? prefix, string? marker, int? pageSize, CancellationToken cancellationToken)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(Uri);
        uri.AppendQuery("restype", "container");
        uri.AppendQuery("comp", "list");
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix);
        }
        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker);
        }
        if (pageSize is > 0)
        {
            uri.AppendQuery("maxresults", pageSize.Value.ToString(CultureInfo.InvariantCulture));
        }
        using var message = _pipeline.CreateMessage(RequestMethod.Get, uri.ToUri());
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        var root = XDocument.Parse(response.Content.ToString()).Root!;
        var items = new List<BlobItem>();
        foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
        {
            var props = blob.Element("Properties");
            items.Add(new BlobItem(
                blob.Element("Name")!.Value,
                HttpFormat.BlobETag(props?.Element("Etag")?.Value),
                HttpFormat.ParseHttpDate(props?.Element("Last-Modified")?.Value),
                long.TryParse(props?.Element("Content-Length")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var len) ? len : 0,
                props?.Element("Content-Type")?.Value is { Length: > 0 } ct ? ct : null));
        }
        string? next = root.Element("NextMarker")?.Value;
        return Page<BlobItem>.FromValues(items, string.IsNullOrEmpty(next) ? null : next, response);
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();
}
