// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// A record's payload as JSON in "Data", "Data1", … : a table string property holds at most
/// 64 KiB (32K UTF-16 chars), and a measure with 50 steps of 2,000 chars is larger than that.
/// </summary>
internal static class StoredJson
{
    private const int ChunkChars = 30_000;
    private const string Prefix = "Data";

    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TableEntity entity, T value)
    {
        string json = JsonSerializer.Serialize(value, Options);
        int start = 0;
        int chunk = 0;
        do
        {
            int length = Math.Min(ChunkChars, json.Length - start);
            // Never split a surrogate pair (emoji) between two properties.
            if (start + length < json.Length && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }
            entity[Name(chunk++)] = json.Substring(start, length);
            start += length;
        }
        while (start < json.Length);
    }

    public static T Read<T>(TableEntity entity)
    {
        var json = new StringBuilder(entity.GetString(Prefix) ?? throw new FormatException($"Entity {entity.PartitionKey}/{entity.RowKey} has no {Prefix}."));
        for (int chunk = 1; entity.GetString(Name(chunk)) is { } part; chunk++)
        {
            json.Append(part);
        }
        return JsonSerializer.Deserialize<T>(json.ToString(), Options) ?? throw new FormatException($"Entity {entity.PartitionKey}/{entity.RowKey} holds null.");
    }

    private static string Name(int chunk) => chunk == 0 ? Prefix : Prefix + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
