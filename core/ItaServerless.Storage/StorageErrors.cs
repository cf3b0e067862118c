// SPDX-License-Identifier: MIT
using Azure;

namespace ItaServerless.Storage;

/// <summary>Service error codes the product reacts to, and helpers over <see cref="RequestFailedException"/>.</summary>
public static class StorageErrors
{
    public const string ContainerAlreadyExists = "ContainerAlreadyExists";
    public const string BlobAlreadyExists = "BlobAlreadyExists";
    public const string BlobNotFound = "BlobNotFound";
    public const string ContainerNotFound = "ContainerNotFound";
    public const string LeaseAlreadyPresent = "LeaseAlreadyPresent";
    public const string LeaseIdMismatchWithLeaseOperation = "LeaseIdMismatchWithLeaseOperation";
    public const string TableAlreadyExists = "TableAlreadyExists";
    public const string TableNotFound = "TableNotFound";
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
    public const string ConditionNotMet = "ConditionNotMet";

    public static bool IsNotFound(this RequestFailedException ex) => ex.Status == 404;

    public static bool IsConflict(this RequestFailedException ex) => ex.Status == 409;

    public static bool IsPreconditionFailed(this RequestFailedException ex) => ex.Status == 412;

    /// <summary>Throttled (429) or server busy (503): safe to try again later.</summary>
    public static bool IsThrottled(this RequestFailedException ex) => ex.Status is 429 or 503;

    /// <summary>No HTTP response at all (service down, connection refused, timeout).</summary>
    public static bool IsUnavailable(this RequestFailedException ex) => ex.Status == 0;

    /// <summary>A write lost an optimistic-concurrency race: 412 on If-Match/If-None-Match, or 409 on create-only.</summary>
    public static bool IsConcurrencyConflict(this RequestFailedException ex) =>
        ex.Status == 412 || (ex.Status == 409 && ex.ErrorCode is EntityAlreadyExists or BlobAlreadyExists);
}
