// SPDX-License-Identifier: MIT
using Azure;
using Azure.Storage.Blobs.Models;

namespace ItaServerless.Storage.Blobs;

/// <summary>The two write conditions the product uses on blobs.</summary>
public static class BlobConditions
{
    /// <summary>Create-only: fails with 409 BlobAlreadyExists when the blob exists.</summary>
    public static BlobRequestConditions CreateOnly() => new() { IfNoneMatch = ETag.All };

    /// <summary>Only while the blob is still at <paramref name="etag"/>: 412 otherwise.</summary>
    public static BlobRequestConditions IfMatches(ETag etag) => new() { IfMatch = etag };
}
