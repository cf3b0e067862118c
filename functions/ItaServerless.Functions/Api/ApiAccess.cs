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
/// Authenticates API requests. The admin key comes in <c>x-functions-key</c> (as Azure Functions
/// keys do); organization tokens as <c>Authorization: Bearer ita.&lt;id&gt;.&lt;secret&gt;</c> and are
/// looked up only inside the organization named by the route, so a token never crosses tenants.
/// </summary>
public sealed class ApiAuthenticator(IAccessGrantStore grants, IOptions<FunctionsAppOptions> options, TimeProvider clock)
{
    public const string AdminKeyHeader = "x-functions-key";

    public bool IsAdmin(HttpRequest request) =>
        options.Value.AdminKey is { Length: > 0 } key &&
        AccessTokens.KeyEquals(request.Headers[AdminKeyHeader].FirstOrDefault(), key);

    /// <summary>The caller for <paramref name="org"/>, or null when neither key nor token is valid there.</summary>
    public async Task<Caller?> AuthenticateAsync(HttpRequest request, string? org, CancellationToken cancellationToken)
    {
        if (IsAdmin(request)) return Caller.Admin;
        if (org is null) return null;

        var header = request.Headers.Authorization.FirstOrDefault();
        const string scheme = "Bearer ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        if (!AccessTokens.TryParse(header[scheme.Length..].Trim(), out var tokenId, out var secret)) return null;

        var grant = await grants.FindAsync(org, tokenId, cancellationToken);
        return grant is not null && AccessTokens.Verify(grant, secret, clock.GetUtcNow()) ? Caller.Holder(grant) : null;
    }
}

/// <summary>Endpoint metadata naming a route's <see cref="AccessNeed"/> (routes without it are public).</summary>
public sealed record AccessRequirement(AccessNeed Need);

/// <summary>Endpoint filters that let a route state its <see cref="AccessNeed"/>.</summary>
public static class ApiAuthorization
{
    private const string CallerItem = "ita.caller";

    /// <summary>Whether a route value can be part of a storage key (no / \\ # ? or control characters).</summary>
    internal static bool IsKeySafe(string value) =>
        value.Length <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>The caller the filter authenticated for this request.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Items[CallerItem] as Caller ?? throw new InvalidOperationException("The route has no access filter.");

    public static TBuilder Requires<TBuilder>(this TBuilder builder, AccessNeed need)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(need)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            // An id that cannot be a storage key (/ \ # ? or a control character) names nothing: 404, never a storage error.
            if (http.Request.RouteValues.Values.OfType<string>().Any(value => !IsKeySafe(value)))
                return ApiProblem.NotFound("The resource", "ข้อมูลที่ต้องการ").ToResult();
            var auth = http.RequestServices.GetRequiredService<ApiAuthenticator>();
            var org = http.GetRouteValue("org") as string;
            var caller = need == AccessNeed.Admin
                ? (auth.IsAdmin(http.Request) ? Core.Access.Caller.Admin : null)
                : await auth.AuthenticateAsync(http.Request, org, http.RequestAborted);
            if (caller is null)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return ApiProblem.Unauthorized().ToResult();
            }

            if (need == AccessNeed.Edit && !caller.CanEdit(org!)) return ApiProblem.Forbidden().ToResult();
            http.Items[CallerItem] = caller;
            return await next(context);
        });
}
