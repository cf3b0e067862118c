// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Persistence;

/// <summary>
/// The version of a stored record: the storage ETag in its HTTP header form (opaque). The API
/// hands it out as the resource's ETag and takes it back in If-Match.
/// </summary>
public readonly record struct EntityVersion
{
    public EntityVersion(string value)
    {
        Value = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A version is never empty.", nameof(value)) : value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A stored value and its version.</summary>
public sealed record Versioned<T>(T Value, EntityVersion Version);

/// <summary>
/// A write was based on a version that is no longer current (someone else saved first):
/// never a silent overwrite. Reload and retry.
/// </summary>
public sealed class StaleVersionException(string message, Exception? innerException = null) : Exception(message, innerException)
{
    public const string MessageTh = "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดข้อมูลล่าสุดแล้วลองอีกครั้ง";
}

/// <summary>A create found the record already there.</summary>
public sealed class AlreadyExistsException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>An update or delete addressed a record that does not exist (any more).</summary>
public sealed class EntityNotFoundException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// A write kept losing the race for its audit sequence to other writes of the same partition
/// (a burst on one organization and year): nothing was written; try again shortly.
/// </summary>
public sealed class WriteContentionException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>
/// A stored row that cannot be rebuilt (a missing field, an unknown code): a defect in the data or
/// the code, never the caller's input, so the API answers 500 and logs the cause.
/// </summary>
public sealed class StoredDataException(string message, Exception? inner = null) : Exception(message, inner);
