// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ItaServerless.Storage.Internal;

/// <summary>The pipeline of one service endpoint plus the request/response plumbing the clients share.</summary>
internal sealed class StoragePipeline
{
    private StoragePipeline(HttpPipeline pipeline, Uri endpoint, StorageSharedKeyCredential? sharedKey)
    {
        Pipeline = pipeline;
        Endpoint = endpoint;
        SharedKey = sharedKey;
    }

    public HttpPipeline Pipeline { get; }
    public Uri Endpoint { get; }
    public StorageSharedKeyCredential? SharedKey { get; }

    public static StoragePipeline Create(Uri endpoint, StorageSharedKeyCredential credential, StorageClientOptions? options, bool table)
    {
        ArgumentNullException.ThrowIfNull(credential);
        HttpPipelinePolicy auth = table ? new TableSharedKeyPolicy(credential) : new BlobSharedKeyPolicy(credential);
        return Build(endpoint, auth, credential, options, table);
    }

    public static StoragePipeline Create(Uri endpoint, TokenCredential credential, StorageClientOptions? options, bool table)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && !endpoint.IsLoopback)
        {
            throw new ArgumentException("Bearer tokens are only sent over https.", nameof(endpoint));
        }
        return Build(endpoint, new BearerTokenAuthenticationPolicy(credential, StorageClientOptions.StorageScope), null, options, table);
    }

    private static StoragePipeline Build(Uri endpoint, HttpPipelinePolicy auth, StorageSharedKeyCredential? key, StorageClientOptions? options, bool table)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new StorageClientOptions();
        var version = new StorageVersionPolicy(table ? StorageClientOptions.TableServiceVersion : StorageClientOptions.BlobServiceVersion);
        var pipeline = HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [version],
            perRetryPolicies: [StorageDatePolicy.Instance, auth],
            responseClassifier: new ResponseClassifier());
        return new StoragePipeline(pipeline, new Uri(endpoint.AbsoluteUri.TrimEnd('/')), key);
    }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        return message;
    }

    /// <summary>Sends and throws <see cref="RequestFailedException"/> for any status not in <paramref name="expected"/>.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        try
        {
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            // Azure.Core reports exhausted retries as AggregateException: give callers one exception type.
            var last = (RequestFailedException)ex.InnerExceptions[^1];
            throw new RequestFailedException(
                last.Status,
                $"{message.Request.Method} {message.Request.Uri.Host}:{message.Request.Uri.Port} failed after {ex.InnerExceptions.Count} tries: {last.Message}",
                last.ErrorCode,
                ex);
        }
        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw new RequestFailedException(response, null, StorageErrorParser.Instance);
        }
        return response;
    }
}
