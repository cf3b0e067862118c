// SPDX-License-Identifier: MIT
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// A record's payload as JSON in "Data", "Data1", … : a table string property holds at most
/// 64 KiB (32K UTF-16 chars), and a measure with 50 steps of 2,000 chars is larger than that.
/// </summary>
internal static class StoredJson
{
    private const int ChunkChars = 30_000;
    public const string Prefix = "Data";

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TableEntity entity, T value) => WriteText(entity, Prefix, JsonSerializer.Serialize(value, Options));

    /// <summary>Text of any length in "{prefix}", "{prefix}1", … (the audit trail's before and after states use it too).</summary>
    public static void WriteText(TableEntity entity, string prefix, string text)
    {
        int start = 0;
        int chunk = 0;
        do
        {
            int length = Math.Min(ChunkChars, text.Length - start);
            // Never split a surrogate pair (emoji) between two properties.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }
            entity[Name(prefix, chunk++)] = text.Substring(start, length);
            start += length;
        }
        while (start < text.Length);
    }

    public static T Read<T>(TableEntity entity)
    {
        var json = ReadText(entity, Prefix) ?? throw new FormatException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {Prefix}.");
        return JsonSerializer.Deserialize<T>(json, Options) ?? throw new FormatException($"Entity {entity.PartitionKey}/{entity.RowKey} holds null.");
    }

    /// <summary>The text written by <see cref="WriteText"/>, or null when there is none.</summary>
    public static string? ReadText(TableEntity entity, string prefix)
    {
        if (entity.GetString(prefix) is not { } first) return null;
        var text = new StringBuilder(first);
        for (int chunk = 1; entity.GetString(Name(prefix, chunk)) is { } part; chunk++)
        {
            text.Append(part);
        }
        return text.ToString();
    }

    /// <summary>Whether <paramref name="property"/> is one of the chunks of <paramref name="prefix"/>.</summary>
    public static bool IsChunkOf(string property, string prefix) =>
        property.StartsWith(prefix, StringComparison.Ordinal) && property[prefix.Length..].All(char.IsAsciiDigit);

    private static string Name(string prefix, int chunk) => chunk == 0 ? prefix : prefix + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
