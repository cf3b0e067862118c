// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Internal;

/// <summary>OData JSON (minimal metadata) for entities, with @odata.type for the types JSON cannot tell apart.</summary>
internal static class TableEntityJson
{
    // ASCII-only request bodies (non-ASCII as \uXXXX): Azurite 3.35 decodes table request bodies
    // chunk by chunk (readRequestIntoText joins Buffers as strings) and corrupts a Thai character
    // or emoji split across two network reads. The service stores the same text either way.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Default };
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static byte[] Serialize(TableEntity entity)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in entity.Properties)
            {
                WriteProperty(writer, name, value);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + "@odata.type", "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + "@odata.type", "Edm.Double");
                if (double.IsFinite(d))
                {
                    writer.WriteNumber(name, d);
                }
                else
                {
                    writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case DateTimeOffset dto:
                writer.WriteString(name + "@odata.type", "Edm.DateTime");
                writer.WriteString(name, dto.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteString(name + "@odata.type", "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + "@odata.type", "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new ArgumentException($"Unsupported property type {value.GetType().Name}.");
        }
    }

    public static TableEntity Deserialize(JsonElement element, string? etagHeader = null)
    {
        string pk = element.GetProperty("PartitionKey").GetString()!;
        string rk = element.GetProperty("RowKey").GetString()!;
        var entity = new TableEntity(pk, rk);
        if (element.TryGetProperty("odata.etag", out var etag))
        {
            entity.ETag = new ETag(etag.GetString()!);
        }
        else if (etagHeader != null)
        {
            entity.ETag = new ETag(etagHeader);
        }
        if (element.TryGetProperty("Timestamp", out var ts) && ts.ValueKind == JsonValueKind.String)
        {
            entity.Timestamp = ParseDate(ts.GetString()!);
        }
        foreach (var property in element.EnumerateObject())
        {
            string name = property.Name;
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@'))
            {
                continue;
            }
            string? type = element.TryGetProperty(name + "@odata.type", out var t) ? t.GetString() : null;
            entity.SetRaw(name, ReadValue(property.Value, type, name));
        }
        return entity;
    }

    private static object ReadValue(JsonElement value, string? type, string name)
    {
        switch (type)
        {
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String
                    ? value.GetString() switch
                    {
                        "NaN" => double.NaN,
                        "Infinity" => double.PositiveInfinity,
                        "-Infinity" => double.NegativeInfinity,
                        var s => double.Parse(s!, CultureInfo.InvariantCulture),
                    }
                    : value.GetDouble();
            case "Edm.DateTime":
                return ParseDate(value.GetString()!);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            case "Edm.Boolean":
                return value.GetBoolean();
            case "Edm.String":
                return value.GetString()!;
            case null:
                break;
            default:
                throw new FormatException($"Property '{name}' has unsupported type {type}.");
        }
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => IsIntegerText(value.GetRawText()) && value.TryGetInt32(out int i) ? (object)i : value.GetDouble(),
            _ => throw new FormatException($"Property '{name}' has an unsupported JSON value ({value.ValueKind})."),
        };
    }

    private static bool IsIntegerText(string raw) => raw.AsSpan().IndexOfAny(".eE") < 0;

    private static DateTimeOffset ParseDate(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
