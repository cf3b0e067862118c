// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Collections;
using Azure;

namespace ItaServerless.Storage.Tables;

/// <summary>
/// A table entity: keys, ETag, Timestamp and typed properties. Property values are one of
/// string, int, long (Edm.Int64), double, bool, DateTimeOffset (Edm.DateTime, UTC), Guid, byte[] (Edm.Binary).
/// Money must be stored exactly: satang as long, never double.
/// </summary>
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag", "ETag" };
    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = ValidateKey(partitionKey, nameof(partitionKey));
        RowKey = ValidateKey(rowKey, nameof(rowKey));
    }

    public string PartitionKey { get; }

    public string RowKey { get; }

    /// <summary>Set by reads; pass it back to UpdateEntity/DeleteEntity for optimistic concurrency.</summary>
    public ETag ETag { get; set; }

    /// <summary>Server time of the last write (read-only on the service).</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    public IReadOnlyDictionary<string, object> Properties => _properties;

    /// <summary>Gets or sets a property; setting null removes it.</summary>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidateName(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }
            _properties[name] = Normalize(name, value);
        }
    }

    public bool ContainsKey(string name) => _properties.ContainsKey(name);

    public string? GetString(string name) => Get<string>(name);

    public int? GetInt32(string name) => _properties.TryGetValue(name, out var v) ? v switch
    {
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => throw TypeMismatch(name, v, "Int32"),
    } : null;

    /// <summary>Int64; an Int32 value widens.</summary>
    public long? GetInt64(string name) => _properties.TryGetValue(name, out var v) ? v switch
    {
        long l => l,
        int i => i,
        _ => throw TypeMismatch(name, v, "Int64"),
    } : null;

    public double? GetDouble(string name) => _properties.TryGetValue(name, out var v) ? v switch
    {
        double d => d,
        int i => i,
        _ => throw TypeMismatch(name, v, "Double"),
    } : null;

    public bool? GetBoolean(string name) => GetStruct<bool>(name);

    public DateTimeOffset? GetDateTimeOffset(string name) => GetStruct<DateTimeOffset>(name);

    public Guid? GetGuid(string name) => GetStruct<Guid>(name);

    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T? Get<T>(string name) where T : class =>
        _properties.TryGetValue(name, out var v) ? v as T ?? throw TypeMismatch(name, v, typeof(T).Name) : null;

    private T? GetStruct<T>(string name) where T : struct =>
        _properties.TryGetValue(name, out var v) ? v is T t ? t : throw TypeMismatch(name, v, typeof(T).Name) : null;

    private static InvalidCastException TypeMismatch(string name, object value, string wanted) =>
        new($"Property '{name}' is {value.GetType().Name}, not {wanted}.");

    /// <summary>The service's limit per property: 64 KiB (strings are counted in UTF-16).</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    private static object Normalize(string name, object value) => value switch
    {
        string s when s.Length * 2 > MaxPropertyBytes => throw new ArgumentException($"Property '{name}' is {s.Length} UTF-16 chars; at most {MaxPropertyBytes / 2}.", nameof(value)),
        byte[] b when b.Length > MaxPropertyBytes => throw new ArgumentException($"Property '{name}' is {b.Length} bytes; at most {MaxPropertyBytes}.", nameof(value)),
        string or int or long or double or bool or Guid => value,
        DateTimeOffset dto => dto.ToUniversalTime(),
        DateTime dt => dt.Kind == DateTimeKind.Unspecified
            ? throw new ArgumentException($"Property '{name}': DateTime must have Kind Utc or Local.", nameof(value))
            : new DateTimeOffset(dt.ToUniversalTime()),
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        _ => throw new ArgumentException($"Property '{name}': type {value.GetType().Name} is not supported by Table storage (use long satang for money).", nameof(value)),
    };

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Reserved.Contains(name) || name.Length > 255 || name.Contains('@') || name.StartsWith("odata.", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a usable property name.", nameof(name));
        }
    }

    internal static string ValidateKey(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        if (key.Length > 512)
        {
            throw new ArgumentException("Keys are at most 1 KiB (512 UTF-16 chars).", paramName);
        }
        foreach (char c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"Key '{key}' contains a character not allowed in PartitionKey/RowKey (/ \\ # ? or control).", paramName);
            }
        }
        return key;
    }

    internal void SetRaw(string name, object value) => _properties[name] = value;
}
