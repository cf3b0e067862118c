// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Domain;

/// <summary>
/// GET /api/domain: the domain's vocabulary (indicators, statuses, plans, rounds, …) for clients
/// such as the web form, built from core so that they keep no copy of it. No key or token: it
/// holds no organization's data, the sign-in screen needs it before there is a token, and a token
/// is only checked inside the organization its route names. Revalidated with its ETag.
/// </summary>
[Description("The domain's lists for forms: organization kinds, plans, rounds, ITA indicators (ข้อมูลอ้างอิง).")]
public sealed class DomainFunction
{
    public const string Route = "api/domain";

    // The API's JSON rules, in a copy of our own that is locked (and so has its resolver) from the start.
    private static readonly JsonSerializerOptions Json = ReadOnly(new JsonSerializerOptions(ApiJson.Options));

    private static readonly Lazy<byte[]> Body = new(() => JsonSerializer.SerializeToUtf8Bytes(DomainResource.Build(Editable()), Json));

    [Function("GetDomain"), ProducesResponseType(typeof(DomainResource), StatusCodes.Status200OK, "application/json"),
     ProducesResponseType(StatusCodes.Status304NotModified)]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request)
    {
        var body = Body.Value;
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        // Cached but revalidated every time, like the form's files: a deployment may change both together.
        headers.CacheControl = "public, no-cache";
        if (request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    /// <summary>The fields of the bodies that the organization, unit and official PUTs declare they accept.</summary>
    private static EditableFields Editable() => new(
        Accepted("api/orgs/{org}"),
        Accepted("api/orgs/{org}/units/{unit}"),
        Accepted("api/orgs/{org}/officials/{id}"));

    private static string[] Accepted(string route)
    {
        var type = HttpFunctionCatalog.All
            .SingleOrDefault(f => f.Route == route && f.Methods.Contains("PUT"))?.BodyType
            ?? throw new InvalidOperationException($"PUT {route} declares no request body type.");
        return Json.GetTypeInfo(type).Properties.Select(p => p.Name).ToArray();
    }

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
