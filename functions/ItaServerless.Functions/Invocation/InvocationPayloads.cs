// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ItaServerless.Functions.Invocation;

/// <summary>
/// What the Functions host posts to <c>POST /{FunctionName}</c> for a non-HTTP trigger:
/// <c>Data</c> holds the trigger and input bindings by name, <c>Metadata</c> the trigger
/// metadata plus <c>sys</c> (MethodName, UtcNow, RandGuid).
/// </summary>
public sealed class InvocationRequest
{
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What the handler answers: output bindings by name, log lines for the host's invocation log, and the $return value.</summary>
public sealed class InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, JsonNode?> Outputs { get; init; } = [];

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public JsonNode? ReturnValue { get; set; }
}

/// <summary>The timer trigger value, as the host's TimerInfo is serialized.</summary>
public sealed record TimerInfo(
    [property: JsonPropertyName("Schedule")] TimerScheduleInfo Schedule,
    [property: JsonPropertyName("ScheduleStatus")] ScheduleStatus? ScheduleStatus,
    [property: JsonPropertyName("IsPastDue")] bool IsPastDue);

public sealed record TimerScheduleInfo([property: JsonPropertyName("AdjustForDST")] bool AdjustForDst);

/// <summary>
/// The monitor record of a timer: last run, next planned run, last update. Stored as the blob
/// azure-webjobs-hosts/timers/{hostId}/{function}/status, the host's own place and shape.
/// </summary>
public sealed record ScheduleStatus(
    [property: JsonPropertyName("Last")] DateTime Last,
    [property: JsonPropertyName("Next")] DateTime Next,
    [property: JsonPropertyName("LastUpdated")] DateTime LastUpdated);

/// <summary>The <c>sys</c> entry of the metadata.</summary>
public sealed record SystemMetadata(
    [property: JsonPropertyName("MethodName")] string MethodName,
    [property: JsonPropertyName("UtcNow")] DateTime UtcNow,
    [property: JsonPropertyName("RandGuid")] Guid RandGuid);

/// <summary>Blob properties in the trigger metadata (the subset this app reads).</summary>
public sealed record BlobTriggerProperties(
    [property: JsonPropertyName("ETag")] string ETag,
    [property: JsonPropertyName("Length")] long Length,
    [property: JsonPropertyName("ContentType")] string? ContentType,
    [property: JsonPropertyName("LastModified")] DateTimeOffset LastModified);

/// <summary>JSON helpers for payloads. The host sometimes sends nested values as JSON-encoded strings; both forms are read.</summary>
public static class PayloadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static T? Read<T>(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString();
            if (typeof(T) == typeof(string)) return (T?)(object?)text;
            if (string.IsNullOrEmpty(text)) return default;
            return JsonSerializer.Deserialize<T>(text, Options);
        }
        return element.Deserialize<T>(Options);
    }

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);
}
