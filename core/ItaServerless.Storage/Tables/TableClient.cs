// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;
using ItaServerless.Storage.Internal;

namespace ItaServerless.Storage.Tables;

/// <summary>
/// One table. Retries: reads, upserts and unconditional deletes are idempotent and use the
/// pipeline's retry policy; inserts, conditional updates/deletes and transactions use
/// <see cref="NonIdempotentClassifier"/> (retried only when the request certainly was not applied).
/// </summary>
public partial class TableClient
{
    internal const string JsonMinimal = "application/json;odata=minimalmetadata";
    private readonly StoragePipeline _pipeline = null!;

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
    }

    internal TableClient(StoragePipeline pipeline, string name)
    {
        if (!TableName().IsMatch(name))
        {
            throw new ArgumentException($"Invalid table name '{name}': 3-63 letters and digits, starting with a letter.", nameof(name));
        }
        _pipeline = pipeline;
        Name = name;
        Uri = new Uri(pipeline.Endpoint.AbsoluteUri + "/" + name);
    }

    public virtual string Name { get; } = null!;

    public virtual Uri Uri { get; } = null!;

    /// <summary>Creates the table; false if it already existed.</summary>
    public virtual async Task<Response<bool>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, new Uri(_pipeline.Endpoint.AbsoluteUri + "/Tables"));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204, 201, 409).ConfigureAwait(false);
        if (response.Status == 409)
        {
            var ex = new RequestFailedException(response, null, StorageErrorParser.Instance);
            return ex.ErrorCode == StorageErrors.TableAlreadyExists ? Response.FromValue(false, response) : throw ex;
        }
        return Response.FromValue(true, response);
    }

    /// <summary>Deletes the table; false if it did not exist.</summary>
    public virtual async Task<Response<bool>> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, new Uri(_pipeline.Endpoint.AbsoluteUri + "/Tables('" + Name + "')"));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        return Response.FromValue(response.Status == 204, response);
    }

    /// <summary>Point read; 404 → RequestFailedException (ResourceNotFound).</summary>
    public virtual async Task<Response<TableEntity>> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityUri(partitionKey, rowKey, select));
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        return Response.FromValue(ReadEntity(response), response);
    }

    /// <summary>Point read that returns null when the entity does not exist.</summary>
    public virtual async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, EntityUri(partitionKey, rowKey, select));
        var response = await _pipeline.SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var ex = new RequestFailedException(response, null, StorageErrorParser.Instance);
            // A missing table is a configuration error, not an absent entity.
            return ex.ErrorCode == StorageErrors.TableNotFound ? throw ex : null;
        }
        return ReadEntity(response);
    }

    /// <summary>
    /// Inserts; 409 EntityAlreadyExists if the keys are taken. Not retried after an ambiguous
    /// failure (timeout, reset, 5xx other than 503): the caller re-reads to learn whether it landed.
    /// </summary>
    public virtual async Task<Response<ETag>> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(RequestMethod.Post, Uri);
        message.ResponseClassifier = NonIdempotentClassifier.Instance;
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return Response.FromValue(ETagOf(response), response);
    }

    /// <summary>Insert or merge/replace, unconditionally (idempotent).</summary>
    public virtual async Task<Response<ETag>> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = CreateMessage(MethodOf(mode), EntityUri(entity.PartitionKey, entity.RowKey, null));
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return Response.FromValue(ETagOf(response), response);
    }

    /// <summary>
    /// Updates an existing entity if its ETag still matches (412 UpdateConditionNotSatisfied when stale,
    /// 404 when missing). <see cref="ETag.All"/> updates whatever version exists.
    /// </summary>
    public virtual async Task<Response<ETag>> UpdateEntityAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch == default)
        {
            throw new ArgumentException("Pass the entity's ETag, or ETag.All to update unconditionally.", nameof(ifMatch));
        }
        using var message = CreateMessage(MethodOf(mode), EntityUri(entity.PartitionKey, entity.RowKey, null));
        if (ifMatch != ETag.All)
        {
            message.ResponseClassifier = NonIdempotentClassifier.Instance;
        }
        message.Request.Headers.SetValue("If-Match", HttpFormat.Header(ifMatch));
        SetJson(message.Request, TableEntityJson.Serialize(entity));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204).ConfigureAwait(false);
        return Response.FromValue(ETagOf(response), response);
    }

    /// <summary>Deletes if the ETag matches (default "*"); returns false when the entity was already gone.</summary>
    public virtual async Task<Response<bool>> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, EntityUri(partitionKey, rowKey, null));
        if (ifMatch != default && ifMatch != ETag.All)
        {
            message.ResponseClassifier = NonIdempotentClassifier.Instance;
        }
        message.Request.Headers.SetValue("If-Match", ifMatch == default ? "*" : HttpFormat.Header(ifMatch));
        var response = await _pipeline.SendAsync(message, cancellationToken, 204, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            var ex = new RequestFailedException(response, null, StorageErrorParser.Instance);
            return ex.ErrorCode == StorageErrors.TableNotFound ? throw ex : Response.FromValue(false, response);
        }
        return Response.FromValue(true, response);
    }

    /// <summary>
    /// Queries with an OData filter (build it with <see cref="TableFilter"/>), fetching one page per
    /// service round trip ($top = pageSizeHint or <paramref name="maxPerPage"/>, at most 1,000).
    /// The continuation token is "NextPartitionKey NextRowKey".
    /// </summary>
    public virtual AsyncPageable<TableEntity> QueryAsync(string? filter = null, IEnumerable<string>? select = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        var selectList = select?.ToArray();
        return new FuncAsyncPageable<TableEntity>(
            (token, pageSize, ct) => QueryPageAsync(filter, selectList, pageSize ?? maxPerPage, token, ct),
            cancellationToken);
    }

    /// <summary>All entities of one partition (optionally filtered further), page by page.</summary>
    public virtual AsyncPageable<TableEntity> QueryPartitionAsync(string partitionKey, string? additionalFilter = null, IEnumerable<string>? select = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        string filter = TableFilter.Create($"PartitionKey eq {partitionKey}");
        if (!string.IsNullOrWhiteSpace(additionalFilter))
        {
            filter += " and (" + additionalFilter + ")";
        }
        return QueryAsync(filter, select, maxPerPage, cancellationToken);
    }

    private async Task<Page<TableEntity>> QueryPageAsync(string? filter, string[]? select, int? top, string? continuation, CancellationToken cancellationToken)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(new Uri(Uri.AbsoluteUri + "()"));
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter);
        }
        if (select is { Length: > 0 })
        {
            uri.AppendQuery("$select", SelectList(select));
        }
        if (top is > 0)
        {
            uri.AppendQuery("$top", Math.Min(top.Value, 1000).ToString(CultureInfo.InvariantCulture));
        }
        if (!string.IsNullOrEmpty(continuation))
        {
            var parts = continuation.Split(' ');
            uri.AppendQuery("NextPartitionKey", parts[0]);
            if (parts.Length > 1 && parts[1].Length > 0)
            {
                uri.AppendQuery("NextRowKey", parts[1]);
            }
        }
        using var message = CreateMessage(RequestMethod.Get, uri.ToUri());
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);
        var entities = new List<TableEntity>();
        using (var doc = JsonDocument.Parse(response.Content.ToMemory()))
        {
            foreach (var element in doc.RootElement.GetProperty("value").EnumerateArray())
            {
                entities.Add(TableEntityJson.Deserialize(element));
            }
        }
        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk) && !string.IsNullOrEmpty(nextPk))
        {
            response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk);
            next = nextPk + " " + nextRk;
        }
        return Page<TableEntity>.FromValues(entities, next, response);
    }

    /// <summary>
    /// Entity group transaction: up to 100 actions on distinct rows of ONE partition, all applied or none.
    /// On failure throws <see cref="TableTransactionFailedException"/> with the failing action's index.
    /// Never retried after an ambiguous failure (see <see cref="NonIdempotentClassifier"/>).
    /// </summary>
    public virtual async Task<Response<IReadOnlyList<TableTransactionResult>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions.ToList();
        TableBatch.Validate(list);
        using var message = CreateMessage(RequestMethod.Post, new Uri(_pipeline.Endpoint.AbsoluteUri + "/$batch"));
        message.ResponseClassifier = NonIdempotentClassifier.Instance;
        var (body, contentType) = TableBatch.Build(this, list);
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(body);
        var response = await _pipeline.SendAsync(message, cancellationToken, 202).ConfigureAwait(false);
        var results = TableBatch.ParseResponse(response, list.Count);
        return Response.FromValue(results, response);
    }

    internal Uri EntityUri(string partitionKey, string rowKey, IEnumerable<string>? select)
    {
        TableEntity.ValidateKey(partitionKey, nameof(partitionKey));
        TableEntity.ValidateKey(rowKey, nameof(rowKey));
        string uri = $"{Uri.AbsoluteUri}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";
        if (select?.ToArray() is { Length: > 0 } columns)
        {
            uri += "?$select=" + Uri.EscapeDataString(SelectList(columns));
        }
        return new Uri(uri);
    }

    /// <summary>The keys are always selected: an entity without them cannot be written back.</summary>
    private static string SelectList(IEnumerable<string> columns) =>
        string.Join(',', new[] { "PartitionKey", "RowKey" }.Concat(columns).Distinct(StringComparer.Ordinal));

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    internal static RequestMethod MethodOf(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? new RequestMethod("MERGE") : RequestMethod.Put;

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage(method, uri);
        message.Request.Headers.SetValue("Accept", JsonMinimal);
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        return message;
    }

    private static void SetJson(Request request, byte[] json)
    {
        request.Headers.SetValue("Content-Type", "application/json");
        request.Content = RequestContent.Create(json);
    }

    private static TableEntity ReadEntity(Response response)
    {
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Deserialize(doc.RootElement, response.Headers.TryGetValue("ETag", out var etag) ? etag : null);
    }

    internal static ETag ETagOf(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) ? new ETag(etag) : default;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
