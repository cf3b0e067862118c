// SPDX-License-Identifier: MIT
using System.Net.Http;
using System.Net.Sockets;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ItaServerless.Storage.Pipeline;

/// <summary>
/// The SDKs' retry policy, except for writes that are not idempotent: an unconditional insert or an
/// entity group transaction (POST), a conditional write (If-Match other than *, If-None-Match).
/// Those are retried only when the service certainly did not apply them: 429/503 (throttled before
/// execution) or a connection that could not be opened. After a timeout, a reset or a 500/502/504
/// the write may have landed, and a blind retry could turn the success into a spurious 409 or 412;
/// the repositories settle it by reading back instead.
/// </summary>
public sealed class WriteSafeRetryPolicy : RetryPolicy
{
    private readonly int _maxRetries;

    public WriteSafeRetryPolicy(RetryOptions retry)
        : base(retry.MaxRetries, retry.Mode == RetryMode.Fixed
            ? DelayStrategy.CreateFixedDelayStrategy(retry.Delay)
            : DelayStrategy.CreateExponentialDelayStrategy(retry.Delay, retry.MaxDelay))
    {
        _maxRetries = retry.MaxRetries;
    }

    private const string TriesProperty = "ItaServerless.Storage.Tries";

    // Overriding ShouldRetry replaces the base class's count of tries, which it keeps to itself: count here.
    protected override void OnSendingRequest(HttpMessage message) =>
        message.SetProperty(TriesProperty, Tries(message) + 1);

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        OnSendingRequest(message);
        return default;
    }

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) => Decide(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) => new(Decide(message, exception));

    private bool Decide(HttpMessage message, Exception? exception)
    {
        if (Tries(message) > _maxRetries) return false;
        if (IsNonIdempotent(message.Request))
        {
            return exception is null ? message.Response.Status is 429 or 503 : IsConnectFailure(exception);
        }
        return exception is null ? message.ResponseClassifier.IsRetriableResponse(message) : message.ResponseClassifier.IsRetriable(message, exception);
    }

    private static int Tries(HttpMessage message) => message.TryGetProperty(TriesProperty, out var tries) && tries is int n ? n : 0;

    internal static bool IsNonIdempotent(Request request)
    {
        if (request.Method == RequestMethod.Post) return true;
        if (request.Headers.TryGetValue("If-Match", out var ifMatch) && ifMatch != "*") return true;
        return request.Headers.TryGetValue("If-None-Match", out _);
    }

    internal static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e != null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
            {
                return true;
            }
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable })
            {
                return true;
            }
        }
        return false;
    }
}
