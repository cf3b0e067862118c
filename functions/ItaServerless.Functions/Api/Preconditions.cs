// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;

namespace ItaServerless.Functions.Api;

/// <summary>
/// Optimistic concurrency over HTTP: every resource carries an ETag; PUT and DELETE of an existing
/// resource need If-Match (428 without, 412 when stale); If-None-Match: * makes a PUT create-only.
/// </summary>
public static class Preconditions
{
    /// <summary>The version a write of an existing resource must match, or the problem to answer with.</summary>
    public static (EntityVersion? IfMatch, ApiProblem? Problem) ForExisting(HttpRequest request, EntityVersion current)
    {
        if (request.Headers.IfNoneMatch.ToString().Trim() == "*") return (null, ApiProblem.AlreadyExists());
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch)) return (null, ApiProblem.PreconditionRequired());
        if (ifMatch.Trim() == "*") return (current, null);
        return ifMatch.Split(',').Any(tag => tag.Trim() == current.Value)
            ? (current, null)
            : (null, ApiProblem.PreconditionFailed());
    }

    /// <summary>For a PUT that would create: an If-Match names a version that does not exist.</summary>
    public static ApiProblem? ForMissing(HttpRequest request) =>
        string.IsNullOrWhiteSpace(request.Headers.IfMatch.ToString()) ? null : ApiProblem.PreconditionFailed();

    public static void SetETag(this HttpResponse response, EntityVersion version) =>
        response.Headers.ETag = version.Value;
}
