// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net.Http;
using System.Net.Sockets;
using Azure.Core;

namespace ItaServerless.Storage.Internal;

/// <summary>
/// Retry rules for writes that are not idempotent (unconditional insert, entity group transaction).
/// Retried only when the service certainly did not apply the request: 429/503 (throttled before
/// execution) or a connection that could not be opened. Timeouts, resets after sending and
/// 500/502/504 are NOT retried: the write may have been applied, and a retry could turn a success
/// into a spurious 409 (or a batch into a half-known state). The caller gets the exception and decides.
/// </summary>
internal sealed class NonIdempotentClassifier : ResponseClassifier
{
    public static readonly NonIdempotentClassifier Instance = new();

    public override bool IsRetriableResponse(HttpMessage message) =>
        message.Response.Status is 429 or 503;

    public override bool IsRetriableException(Exception exception) => IsConnectFailure(exception);

    public override bool IsRetriable(HttpMessage message, Exception exception) => IsConnectFailure(exception);

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
