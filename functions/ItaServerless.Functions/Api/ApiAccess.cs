// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.Api;

/// <summary>What a route needs from its caller.</summary>
public enum AccessNeed
{
    /// <summary>Any valid token of the organization in the route.</summary>
    Read,

    /// <summary>An editor token of the organization, or the admin key.</summary>
    Edit,

    /// <summary>The admin key.</summary>
    Admin,
}

/// <summary>
/// On an HTTP function: what the caller needs (functions without it are public). The API middleware
/// checks it before the function runs. <see cref="TokenInQuery"/>: the token may come as <c>?token=</c>
/// (calendar apps cannot send an Authorization header).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresAttribute(AccessNeed need) : Attribute
{
    public AccessNeed Need { get; } = need;

    public bool TokenInQuery { get; init; }
}

/// <summary>On a POST function whose use case handles Idempotency-Key itself (the middleware leaves it alone).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OwnIdempotencyAttribute : Attribute;

/// <summary>On a function whose answer carries a secret (a new token): a retry with its Idempotency-Key never gets it again.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SecretAnswerAttribute : Attribute;

/// <summary>
/// Authenticates API requests. The admin key comes in <c>x-functions-key</c> (as Azure Functions
/// keys do); organization tokens as <c>Authorization: Bearer ita.&lt;id&gt;.&lt;secret&gt;</c> and are
/// looked up only inside the organization named by the route, so a token never crosses tenants.
/// </summary>
public sealed class ApiAuthenticator
{
    public const string AdminKeyHeader = "x-functions-key";

    private readonly IAccessGrantStore _grants;
    private readonly TimeProvider _clock;
    private readonly string? _adminKey;

    public ApiAuthenticator(IAccessGrantStore grants, IOptions<FunctionsAppOptions> options, TimeProvider clock, ILogger<ApiAuthenticator> logger)
    {
        _grants = grants;
        _clock = clock;
        var key = options.Value.AdminKey;
        _adminKey = key is { Length: >= FunctionsAppOptions.MinAdminKeyLength } ? key : null;
        if (key is { Length: > 0 } && _adminKey is null)
            logger.LogError("ITA_ADMIN_KEY is shorter than {Length} characters: no admin request is accepted until it is longer.", FunctionsAppOptions.MinAdminKeyLength);
    }

    public bool IsAdmin(HttpRequest request) =>
        _adminKey is not null && AccessTokens.KeyEquals(request.Headers[AdminKeyHeader].FirstOrDefault(), _adminKey);

    /// <summary>The caller for <paramref name="org"/>, or null when neither key nor token is valid there.</summary>
    public async Task<Caller?> AuthenticateAsync(HttpRequest request, string? org, CancellationToken cancellationToken)
    {
        if (IsAdmin(request)) return Caller.Admin;
        if (org is null) return null;

        var header = request.Headers.Authorization.FirstOrDefault();
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        if (!AccessTokens.TryParse(header[scheme.Length..].Trim(), out var tokenId, out var secret)) return null;

        var grant = await _grants.FindAsync(org, tokenId, cancellationToken);
        return grant is not null && AccessTokens.Verify(grant, secret, _clock.GetUtcNow()) ? Caller.Holder(grant) : null;
    }
}

/// <summary>The access check of a function's <see cref="RequiresAttribute"/>, and the caller it found.</summary>
public static class ApiAuthorization
{
    private const string CallerItem = "ita.caller";

    /// <summary>Whether a route value can be part of a storage key (no / \\ # ? or control characters).</summary>
    internal static bool IsKeySafe(string value) =>
        value.Length <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>The caller the access check authenticated for this request.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerItem] as Caller ?? throw new InvalidOperationException("The function has no [Requires] attribute.");

    /// <summary>Null when the request may go on to the function; otherwise the answer (404 for an impossible id, 401, 403).</summary>
    public static async Task<IResult?> AdmitAsync(HttpContext http, HttpFunction? function)
    {
        // An id that cannot be a storage key (/ \ # ? or a control character) names nothing: 404, never a storage error.
        // (A catch-all's value is a path, not an id.)
        if (function?.Route.Contains("{*", StringComparison.Ordinal) == false &&
            http.Request.RouteValues.Values.OfType<string>().Any(value => !IsKeySafe(value)))
            return ApiProblem.NotFound("The resource", "ข้อมูลที่ต้องการ").ToResult();
        if (function?.Access is not { } requires) return null;

        var request = http.Request;
        var fromQuery = false;
        if (requires.TokenInQuery && request.Headers.Authorization.Count == 0 && request.Query["token"].FirstOrDefault() is { Length: > 0 } token)
        {
            request.Headers.Authorization = "Bearer " + token;
            fromQuery = true;
        }

        var auth = http.RequestServices.GetRequiredService<ApiAuthenticator>();
        var org = http.GetRouteValue("org") as string;
        var caller = requires.Need == AccessNeed.Admin
            ? (auth.IsAdmin(request) ? Core.Access.Caller.Admin : null)
            : await auth.AuthenticateAsync(request, org, http.RequestAborted);
        // A URL is logged and shared: only a calendar token may travel in one; a calendar token opens the calendar only.
        if (caller is not null && fromQuery && !caller.IsCalendarOnly) caller = null;
        if (caller is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiProblem.Unauthorized().ToResult();
        }

        if (caller.IsCalendarOnly && !requires.TokenInQuery) return ApiProblem.Forbidden().ToResult();
        if (requires.Need == AccessNeed.Edit && !caller.CanEdit(org!)) return ApiProblem.Forbidden().ToResult();
        http.Items[CallerItem] = caller;
        return null;
    }
}
