// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Security.Cryptography;
using Azure;
using ItaServerless.Core.Persistence;
using ItaServerless.Functions.Reporting;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;

namespace ItaServerless.Functions.Publishing;

/// <summary>A document in the public container: which report it is, its size, SHA-256 and when it was published.</summary>
public sealed record PublishedDocument(PublicDocument Document, string ReportId, long Bytes, string Sha256, DateTimeOffset PublishedAt, ETag ETag);

/// <summary>
/// The public container <c>public/{org}/{fy}/{kind}-{round}.pdf</c>: what anyone may download.
/// Only <see cref="PublishAsync"/> writes it; each blob carries the report id, SHA-256 and
/// publication time as metadata, so the public list needs no table.
/// </summary>
public sealed class PublicDocuments(AppBlobStore store)
{
    public const string Container = "public";
    private const string ReportIdKey = "reportid";
    private const string Sha256Key = "sha256";
    private const string PublishedAtKey = "publishedat";
    private const int MaxTries = 3;

    /// <summary>
    /// Puts a ready report's PDF at its public address unless that report is already there. When
    /// another report holds the address, <paramref name="replaceOther"/> decides: an editor's
    /// correction replaces it, the timer leaves it. Returns what is published at the address.
    /// </summary>
    public async Task<PublishedDocument> PublishAsync(ReportRecord record, byte[] pdf, DateTimeOffset publishedAt, bool replaceOther,
        CancellationToken cancellationToken)
    {
        var document = PublicDocument.For(record) ?? throw new ArgumentException($"Report {record.Id} is not a publishable kind.", nameof(record));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        if (record.Pdf is null || sha256 != record.Pdf.Sha256)
            throw new InvalidOperationException($"The stored PDF of report {record.Id} does not match its recorded SHA-256.");

        await store.EnsureContainerAsync(Container, cancellationToken);
        var blob = store.Blob(Container, document.BlobName);
        var metadata = new Dictionary<string, string>
        {
            [ReportIdKey] = record.Id,
            [Sha256Key] = sha256,
            [PublishedAtKey] = publishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        for (var attempt = 1; ; attempt++)
        {
            var existing = await FindAsync(document, cancellationToken);
            if (existing is not null && (existing.ReportId == record.Id || !replaceOther)) return existing;
            try
            {
                // Create-only, or replace exactly the version we saw: two publishers never both win.
                var conditions = existing is null ? BlobConditions.CreateOnly() : BlobConditions.IfMatches(existing.ETag);
                var info = (await blob.UploadAsync(BinaryData.FromBytes(pdf),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ReportFiles.PdfContentType }, Metadata = metadata, Conditions = conditions }, cancellationToken)).Value;
                return new PublishedDocument(document, record.Id, pdf.LongLength, sha256, publishedAt.ToUniversalTime(), info.ETag);
            }
            catch (RequestFailedException e) when (e.IsConcurrencyConflict() && attempt < MaxTries)
            {
                // Someone published at the same moment: look again.
            }
        }
    }

    /// <summary>What is published at <paramref name="document"/>'s address; null when nothing is.</summary>
    public async Task<PublishedDocument?> FindAsync(PublicDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await store.Blob(Container, document.BlobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return Describe(document, properties);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>The published document and its bytes; null when nothing is published there.</summary>
    public async Task<(PublishedDocument Document, BinaryData Content)?> OpenAsync(PublicDocument document, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await store.Blob(Container, document.BlobName).DownloadContentAsync(cancellationToken: cancellationToken)).Value;
            return Describe(document, download.Details) is { } published ? (published, download.Content) : null;
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>The addresses that hold a document for <paramref name="organization"/> (one listing call per 5,000).</summary>
    public async Task<IReadOnlyList<PublicDocument>> ListAsync(string organization, CancellationToken cancellationToken)
    {
        var found = new List<PublicDocument>();
        try
        {
            await foreach (var item in store.Service.GetBlobContainerClient(Container).GetBlobsAsync(new GetBlobsOptions { Prefix = organization + "/" }, cancellationToken))
            {
                if (PublicDocument.TryParseBlobName(item.Name) is { } document && document.Organization == organization) found.Add(document);
            }
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            // No container yet: nothing was ever published.
        }

        return found;
    }

    /// <summary>The documents of <paramref name="organization"/> with their facts (a listing, then one properties read each).</summary>
    public async Task<IReadOnlyList<PublishedDocument>> DescribeAllAsync(string organization, CancellationToken cancellationToken)
    {
        var documents = await ListAsync(organization, cancellationToken);
        var described = await Task.WhenAll(documents.Select(d => FindAsync(d, cancellationToken)));
        return described.OfType<PublishedDocument>().ToList();
    }

    /// <summary>Null for a blob that was not written by <see cref="PublishAsync"/> (no facts): it is not served.</summary>
    private static PublishedDocument? Describe(PublicDocument document, BlobProperties properties) =>
        Describe(document, properties.Metadata, properties.ContentLength, properties.ETag);

    private static PublishedDocument? Describe(PublicDocument document, BlobDownloadDetails details) =>
        Describe(document, details.Metadata, details.ContentLength, details.ETag);

    private static PublishedDocument? Describe(PublicDocument document, IDictionary<string, string> meta, long contentLength, ETag etag)
    {
        return meta.TryGetValue(ReportIdKey, out var id) && meta.TryGetValue(Sha256Key, out var sha) && meta.TryGetValue(PublishedAtKey, out var at)
            && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var publishedAt)
            ? new PublishedDocument(document, id, contentLength, sha, publishedAt, etag)
            : null;
    }
}
