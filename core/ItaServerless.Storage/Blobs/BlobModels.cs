// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;

namespace ItaServerless.Storage.Blobs;

/// <summary>If-Match / If-None-Match / dates, plus the lease that guards the blob.</summary>
public sealed class BlobRequestConditions : RequestConditions
{
    public string? LeaseId { get; set; }

    /// <summary>Create-only: fails with 409 BlobAlreadyExists if the blob exists.</summary>
    public static BlobRequestConditions CreateOnly() => new() { IfNoneMatch = ETag.All };

    public static BlobRequestConditions IfMatches(ETag etag) => new() { IfMatch = etag };
}

public sealed class BlobUploadOptions
{
    public string? ContentType { get; init; }

    /// <summary>Metadata names must be C# identifiers and values ASCII (they travel as HTTP headers).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public BlobRequestConditions? Conditions { get; init; }
}

public sealed record BlobContentInfo(ETag ETag, DateTimeOffset LastModified);

public sealed record BlobProperties(
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata,
    string? LeaseState,
    string? LeaseStatus);

public sealed record BlobDownloadResult(BinaryData Content, BlobProperties Properties);

/// <summary>One blob in a listing.</summary>
public sealed record BlobItem(string Name, ETag ETag, DateTimeOffset LastModified, long ContentLength, string? ContentType);

public sealed record BlobLease(string LeaseId, ETag ETag, DateTimeOffset LastModified);
