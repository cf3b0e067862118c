// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Text.Json.Serialization;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Reports;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Public;

/// <summary>One published document as the public list shows it.</summary>
public sealed record PublicItem(
    string ReportId,
    int Fy,
    string Kind,
    string? Round,
    string Title,
    string Url,
    DateTimeOffset PublishedAt,
    long Bytes,
    string Sha256)
{
    public static PublicItem From(PublishedDocument published, string baseUrl)
    {
        var document = published.Document;
        return new PublicItem(published.ReportId, document.Year.Year, document.Kind.Code(), document.Round?.Code, document.TitleTh, baseUrl + document.Path,
            published.PublishedAt, published.Bytes, published.Sha256);
    }
}

/// <summary>What an organization has published: the page its website links to for the OIT.</summary>
public sealed record PublicList(
    [property: JsonPropertyName("organization")] string Organization,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("items")] IReadOnlyList<PublicItem> Items);

/// <summary>
/// The published documents, without any token: <c>GET /api/public/{org}</c> lists them and
/// <c>GET /api/public/{org}/{fy}/{kind}-{round}.pdf</c> streams one. Only what was published is
/// reachable: the path is parsed strictly into a <see cref="PublicDocument"/> (anything else is a
/// 404 problem) and only the public container is read.
/// </summary>
[Description("Published documents, readable by anyone (เอกสารเผยแพร่สาธารณะ).")]
public sealed class PublicFunction(IOrganizationRepository organizations, PublicDocuments documents, IConfiguration configuration)
{
    [Function("ListPublished")]
    public async Task<Results<Ok<PublicList>, ApiProblemResult>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/{org}")] HttpRequest request, string org, CancellationToken ct)
    {
        if (!Identifier.IsValid(org)) return NotPublished();
        var organization = (await organizations.GetAsync(org, ct))?.Value;
        if (organization is null) return ApiProblem.NotFound("The organization", "หน่วยงานนี้").ToResult();
        var baseUrl = BaseUrl(request, configuration);
        var items = (await documents.DescribeAllAsync(org, ct))
            .OrderByDescending(d => d.Document.Year.Year).ThenBy(d => d.Document.Kind).ThenBy(d => d.Document.Round?.Months ?? 0)
            .Select(d => PublicItem.From(d, baseUrl))
            .ToList();
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new PublicList(organization.Id, organization.Name, items));
    }

    [Function("GetPublished"), ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, ReportFiles.PdfContentType)]
    public async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ApiProblemResult>> DocumentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/public/{org}/{fy}/{file}")] HttpRequest request, string org, string fy, string file,
        CancellationToken ct)
    {
        if (PublicDocument.TryParse(org, fy, file) is not { } document) return NotPublished();
        var found = await documents.OpenAsync(document, ct);
        if (found is not { } opened) return NotPublished();

        var etag = $"\"{opened.Document.Sha256}\"";
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = "public, max-age=300";
        headers.XContentTypeOptions = "nosniff";
        if (request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        headers.ContentDisposition = ReportsFunction.ContentDisposition($"{org}-{document.Year.Year}-{document.FileName}",
            $"{document.Kind.FileNameTh(document.Year, document.Round)}.pdf", inline: true);
        return TypedResults.Bytes(opened.Content.ToArray(), ReportFiles.PdfContentType);
    }

    /// <summary>"https://host" for the links: configuration Notifications:PublicBaseUrl when set, else the request's own origin.</summary>
    internal static string BaseUrl(HttpRequest request, IConfiguration configuration) =>
        configuration["Notifications:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static ApiProblemResult NotPublished() => ApiProblem.NotFound("The published document", "เอกสารที่เผยแพร่นี้").ToResult();
}
