// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Azure;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Internal;

/// <summary>Entity group transaction: multipart/mixed request with one changeset, and its response.</summary>
internal static partial class TableBatch
{
    public const int MaxActions = 100;
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    public static void Validate(List<TableTransactionAction> actions)
    {
        if (actions.Count == 0 || actions.Count > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions, not {actions.Count}.", nameof(actions));
        }
        string pk = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, pk, StringComparison.Ordinal))
            {
                throw new ArgumentException("All actions of a transaction must share one PartitionKey.", nameof(actions));
            }
            if (!rows.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{action.Entity.RowKey}' appears twice in one transaction.", nameof(actions));
            }
        }
    }

    public static (byte[] Body, string ContentType) Build(TableClient table, List<TableTransactionAction> actions)
    {
        string batch = "batch_" + Guid.NewGuid().ToString("N");
        string changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));

        Write($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        for (int i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            string etag = action.ETag == default ? "*" : HttpFormat.Header(action.ETag);
            (string method, Uri uri, string? ifMatch, bool hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", table.Uri, (string?)null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", table.EntityUri(entity.PartitionKey, entity.RowKey, null), null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", table.EntityUri(entity.PartitionKey, entity.RowKey, null), null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", table.EntityUri(entity.PartitionKey, entity.RowKey, null), etag, true),
                TableTransactionActionType.UpdateReplace => ("PUT", table.EntityUri(entity.PartitionKey, entity.RowKey, null), etag, true),
                TableTransactionActionType.Delete => ("DELETE", table.EntityUri(entity.PartitionKey, entity.RowKey, null), etag, false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown action type."),
            };
            Write($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            Write($"{method} {uri.AbsoluteUri} HTTP/1.1\r\n");
            Write($"Accept: {TableClient.JsonMinimal}\r\nDataServiceVersion: 3.0\r\n");
            Write($"Content-ID: {(i + 1).ToString(CultureInfo.InvariantCulture)}\r\n");
            if (ifMatch != null)
            {
                Write($"If-Match: {ifMatch}\r\n");
            }
            if (hasBody)
            {
                if (action.ActionType == TableTransactionActionType.Add)
                {
                    Write("Prefer: return-no-content\r\n");
                }
                Write("Content-Type: application/json\r\n\r\n");
                body.Write(TableEntityJson.Serialize(entity));
                Write("\r\n");
            }
            else
            {
                Write("\r\n");
            }
        }
        Write($"--{changeset}--\r\n--{batch}--\r\n");
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException("A transaction payload is at most 4 MiB.", nameof(actions));
        }
        return (body.ToArray(), $"multipart/mixed; boundary={batch}");
    }

    public static IReadOnlyList<TableTransactionResult> ParseResponse(Response response, int count)
    {
        string text = response.Content.ToString();
        var results = new List<TableTransactionResult>(count);
        var lines = text.Split("\r\n");
        for (int i = 0; i < lines.Length; i++)
        {
            var status = StatusLine().Match(lines[i]);
            if (!status.Success)
            {
                continue;
            }
            int code = int.Parse(status.Groups[1].Value, CultureInfo.InvariantCulture);
            string? etag = null;
            int j = i + 1;
            for (; j < lines.Length && lines[j].Length > 0; j++)
            {
                if (lines[j].StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))
                {
                    etag = lines[j][5..].Trim();
                }
            }
            if (code >= 400)
            {
                var bodyLines = new List<string>();
                for (j++; j < lines.Length && !lines[j].StartsWith("--", StringComparison.Ordinal); j++)
                {
                    bodyLines.Add(lines[j]);
                }
                throw Failure(code, string.Join("\n", bodyLines), count);
            }
            results.Add(new TableTransactionResult(code, etag is null ? default : new ETag(etag)));
            i = j;
        }
        if (results.Count != count)
        {
            throw new RequestFailedException(response.Status, $"The transaction response held {results.Count} results for {count} actions.", null, null);
        }
        return results;
    }

    private static TableTransactionFailedException Failure(int status, string body, int count)
    {
        string? code = null;
        string? message = null;
        try
        {
            (code, message) = StorageErrorParser.ParseODataError(body.Trim());
        }
        catch (System.Text.Json.JsonException)
        {
            message = body;
        }
        int? index = null;
        var match = message is null ? Match.Empty : FailedIndex().Match(message);
        if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 && parsed < count)
        {
            index = parsed;
        }
        string text = $"Transaction failed{(index is { } k ? $" at action {k}" : "")}: {status} {code} {message}";
        return new TableTransactionFailedException(status, text, code, index);
    }

    [GeneratedRegex(@"^HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndex();
}
