// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text;

namespace ItaServerless.Storage.Tables;

/// <summary>Builds OData $filter strings with every interpolated value escaped by type.</summary>
public static class TableFilter
{
    /// <example><c>TableFilter.Create($"PartitionKey eq {orgId} and RowKey ge {prefix}")</c></example>
    public static string Create(FormattableString filter)
    {
        var args = filter.GetArguments().Select(Literal).ToArray();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, args);
    }

    /// <summary>RowKey range for a prefix: RowKey ge 'p' and RowKey lt 'p' + U+FFFF-ish successor.</summary>
    public static string PartitionWithRowKeyPrefix(string partitionKey, string rowKeyPrefix)
    {
        if (rowKeyPrefix.Length == 0)
        {
            return Create($"PartitionKey eq {partitionKey}");
        }
        string upper = rowKeyPrefix[..^1] + (char)(rowKeyPrefix[^1] + 1);
        return Create($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {upper}");
    }

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Guid g => "guid'" + g.ToString("D") + "'",
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime dt => Literal(new DateTimeOffset(dt.ToUniversalTime())),
        byte[] bytes => "X'" + Convert.ToHexString(bytes).ToLowerInvariant() + "'",
        _ => throw new ArgumentException($"Type {value.GetType().Name} cannot be used in a table filter."),
    };
}
