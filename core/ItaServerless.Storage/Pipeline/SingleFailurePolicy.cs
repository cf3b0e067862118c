// SPDX-License-Identifier: MIT
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ItaServerless.Storage.Pipeline;

/// <summary>
/// Azure.Core reports exhausted retries as an AggregateException of every try's failure; callers
/// (and the API's 503 + Retry-After mapping) get one <see cref="RequestFailedException"/> with the
/// last try's status and error code instead. Runs per call, outside the retry policy.
/// </summary>
internal sealed class SingleFailurePolicy : HttpPipelinePolicy
{
    public static readonly SingleFailurePolicy Instance = new();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            throw Single(message, ex);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            throw Single(message, ex);
        }
    }

    private static RequestFailedException Single(HttpMessage message, AggregateException ex)
    {
        var last = (RequestFailedException)ex.InnerExceptions[^1];
        return new RequestFailedException(
            last.Status,
            $"{message.Request.Method} {message.Request.Uri.Host}:{message.Request.Uri.Port} failed after {ex.InnerExceptions.Count} tries: {last.Message}",
            last.ErrorCode,
            ex);
    }
}
