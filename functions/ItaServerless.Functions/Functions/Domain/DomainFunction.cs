// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using System.Text.Json;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.Http.Metadata;

namespace ItaServerless.Functions.Functions.Domain;

/// <summary>
/// GET /api/domain: the domain's vocabulary (indicators, statuses, plans, rounds, …) for clients
/// such as the web form, built from core so that they keep no copy of it. No key or token: it
/// holds no organization's data, the sign-in screen needs it before there is a token, and a token
/// is only checked inside the organization its route names. Revalidated with its ETag.
/// </summary>
public sealed class DomainFunction : IHttpFunction
{
    public const string Route = "/api/domain";

    public static string FunctionName => "Domain";

    // The API's JSON rules, in a copy of our own that is locked (and so has its resolver) from the start.
    private static readonly JsonSerializerOptions Json = ReadOnly(new JsonSerializerOptions(ApiJson.Options));

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(Route, Get).WithTags(FunctionName)
            .Produces<DomainResource>(200, "application/json")
            .Produces(StatusCodes.Status304NotModified);

    private static IResult Get(HttpContext http, EndpointDataSource endpoints)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(DomainResource.Build(Editable(endpoints)), Json);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        // Cached but revalidated every time, like the form's files: a deployment may change both together.
        headers.CacheControl = "public, no-cache";
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>The fields of the bodies that the organization, unit and official PUTs declare they accept.</summary>
    private static EditableFields Editable(EndpointDataSource endpoints) => new(
        Accepted(endpoints, "/api/orgs/{org}"),
        Accepted(endpoints, "/api/orgs/{org}/units/{unit}"),
        Accepted(endpoints, "/api/orgs/{org}/officials/{id}"));

    private static string[] Accepted(EndpointDataSource endpoints, string route)
    {
        var type = endpoints.Endpoints.OfType<RouteEndpoint>()
            // A group's own route ends in "/" ("/api/orgs/{org}/").
            .Where(e => e.RoutePattern.RawText?.TrimEnd('/') == route && e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("PUT") == true)
            .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)
            .SingleOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"PUT {route} declares no request body type.");
        return Json.GetTypeInfo(type).Properties.Select(p => p.Name).ToArray();
    }

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
