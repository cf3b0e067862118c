// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Functions.Api;

/// <summary>
/// Optimistic concurrency over HTTP: every resource carries an ETag; the use cases judge If-Match and
/// If-None-Match (<see cref="Precondition"/>) against the stored version.
/// </summary>
public static class Preconditions
{
    /// <summary>The request's If-Match and If-None-Match, for a use case to judge.</summary>
    public static Precondition Precondition(this HttpRequest request) =>
        new(request.Headers.IfMatch.ToString(), request.Headers.IfNoneMatch.ToString());

    public static void SetETag(this HttpResponse response, EntityVersion version) =>
        response.Headers.ETag = version.Value;
}
