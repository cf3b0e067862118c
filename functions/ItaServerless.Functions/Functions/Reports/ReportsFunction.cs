// SPDX-License-Identifier: MIT
using System.ComponentModel;
using System.Text.Json.Serialization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Public;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Reports;

/// <summary>A report as the API shows it; pages, bytes, sha256 and renderedAt once ready, reason once failed.</summary>
public sealed record ReportResource(
    string Id,
    string Kind,
    string? Round,
    string Status,
    int? Pages,
    long? Bytes,
    string? Sha256,
    string? Reason,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RenderedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Pdf,
    string? RequestedBy = null,
    DateTimeOffset? PublishedAt = null)
{
    public static ReportResource From(ReportRecord r) => new(
        r.Id, r.Kind.Code(), r.Round?.Code, r.Status.Code(), r.Pdf?.Pages, r.Pdf?.Bytes, r.Pdf?.Sha256, r.Reason, r.Attempts, r.CreatedAt, r.Pdf?.RenderedAt,
        r.Status == ReportStatus.Ready ? $"{ReportsFunction.Location(r.OrganizationId, r.FiscalYear, r.Id)}/pdf" : null,
        r.CreatedBy, r.PublishedAt);
}

/// <summary>
/// Official PDF documents: <c>POST /api/orgs/{org}/years/{fy}/reports</c> queues one (the blob
/// trigger RenderReport renders it), <c>GET …/reports</c> lists the year's, <c>GET …/reports/{id}</c>
/// gives the status and <c>GET …/reports/{id}/pdf</c> the file. An Idempotency-Key on the POST names
/// the report itself (<see cref="Core.UseCases.RequestReport"/>), so the idempotency middleware leaves it alone.
/// </summary>
[Description("Report requests, their PDF documents and publishing (รายงานและการเผยแพร่).")]
public sealed class ReportsFunction(IReportRecordRepository reports, RequestReport requestReport, ReportFiles files, ReportPublisher publisher,
    IConfiguration configuration)
{
    public const string IdempotencyKeyHeader = IdempotencyKeys.Field;

    private const string Route = "api/orgs/{org}/years/{fy}/reports";

    public static string Location(string org, FiscalYear year, string id) => $"/api/orgs/{org}/years/{year.Year}/reports/{id}";

    [Function("RequestReport"), Requires(AccessNeed.Edit), OwnIdempotency]
    public async Task<Results<Accepted<ReportResource>, ApiProblemResult>> RequestAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route)] HttpRequest request, string org, string fy, ApiBody<ReportOrderDraft> body,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && IdempotencyKeys.CheckStored(key) is { } badKey) return ApiProblem.Field(StatusCodes.Status400BadRequest, badKey).ToResult();
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();

        var outcome = await requestReport.ExecuteAsync(org, year, draft, key, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        var submitted = outcome.Value;
        if (submitted.Replayed) request.HttpContext.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return TypedResults.Accepted(Location(org, year, submitted.Record.Id), ReportResource.From(submitted.Record));
    }

    [Function("ListReports"), Requires(AccessNeed.Read)]
    public async Task<Ok<ItemList<ReportResource>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string org, string fy, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        return TypedResults.Ok(ItemList.Of((await reports.ListAsync(org, year, ct)).Select(r => ReportResource.From(r.Value))));
    }

    [Function("GetReport"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<ReportResource>, ApiProblemResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}")] HttpRequest request, string org, string fy, string id, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await reports.GetAsync(org, year, id, ct);
        if (found is null) return NotFound();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(ReportResource.From(found.Value));
    }

    [Function("GetReportPdf"), Requires(AccessNeed.Read), ProducesResponseType(typeof(byte[]), StatusCodes.Status200OK, ReportFiles.PdfContentType)]
    public async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ApiProblemResult>> PdfAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/{id}/pdf")] HttpRequest request, string org, string fy, string id,
        CancellationToken ct)
    {
        var http = request.HttpContext;
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = (await reports.GetAsync(org, year, id, ct))?.Value;
        if (found is null) return NotFound();
        switch (found.Status)
        {
            case ReportStatus.Queued:
                http.Response.Headers.RetryAfter = "5";
                return ApiProblem.NotFound("The PDF (the report is still queued)", "ไฟล์ PDF (เอกสารอยู่ระหว่างการสร้าง)").ToResult();
            case ReportStatus.Failed:
                return ApiProblem.Conflict("status", ErrorCodes.ReportFailed, $"สร้างเอกสารไม่สำเร็จ: {found.Reason}",
                    $"The report failed: {found.Reason}").ToResult();
        }

        var etag = $"\"{found.Pdf!.Sha256}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        var pdf = await files.ReadPdfAsync(found.BlobName, ct);
        if (pdf is null) return ApiProblem.NotFound("The PDF file", "ไฟล์ PDF").ToResult();
        var kind = found.Kind;
        http.Response.Headers.ContentDisposition = ContentDisposition(
            $"{org}-{year.Year}-{kind.Code()}{(found.Round is null ? "" : "-" + found.Round.Code)}-{id}.pdf",
            $"{kind.FileNameTh(year, found.Round)}.pdf");
        return TypedResults.Bytes(pdf.Content.ToArray(), ReportFiles.PdfContentType);
    }

    /// <summary>
    /// Publishes a ready report at its public address (<c>/api/public/{org}/{fy}/{kind}-{round}.pdf</c>), with the
    /// timer's code. Idempotent; publishing another report of the same kind and round replaces the public document.
    /// </summary>
    [Function("PublishReport"), Requires(AccessNeed.Edit)]
    public async Task<Results<Ok<PublicItem>, ApiProblemResult>> PublishAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Route + "/{id}/publish")] HttpRequest request, string org, string fy, string id,
        CancellationToken ct)
    {
        var http = request.HttpContext;
        var year = FiscalYear.Parse(fy, "fy").Value;
        var result = await publisher.PublishAsync(org, year, id, replaceOther: true, http.Caller().Actor, ct);
        switch (result.Outcome)
        {
            case PublishOutcome.NotFound:
                return NotFound();
            case PublishOutcome.NotReady when result.Report!.Status == ReportStatus.Failed:
                return ApiProblem.Conflict("status", ErrorCodes.ReportFailed, $"เอกสารนี้สร้างไม่สำเร็จ จึงเผยแพร่ไม่ได้: {result.Report.Reason}",
                    $"The report failed and cannot be published: {result.Report.Reason}").ToResult();
            case PublishOutcome.NotReady:
                http.Response.Headers.RetryAfter = "5";
                return ApiProblem.Conflict("status", ErrorCodes.ReportNotReady, "เอกสารยังสร้างไม่เสร็จ เผยแพร่ได้เมื่อสถานะเป็น ready",
                    "The report is still queued; it can be published once it is ready.").ToResult();
            case PublishOutcome.NotPublishable:
                return ApiProblem.Conflict("kind", ErrorCodes.NotPublishable, "เอกสารชนิดนี้เผยแพร่ไม่ได้", "This kind of report cannot be published.").ToResult();
        }

        http.Response.Headers.Location = result.Document!.Document.Path;
        return TypedResults.Ok(PublicItem.From(result.Document, PublicFunction.BaseUrl(http.Request, configuration)));
    }

    /// <summary>RFC 6266: an ASCII <c>filename</c> for old clients and the Thai name in <c>filename*</c> (RFC 8187, UTF-8).</summary>
    internal static string ContentDisposition(string asciiName, string name, bool inline = false) =>
        $"{(inline ? "inline" : "attachment")}; filename=\"{asciiName}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";

    private static ApiProblemResult NotFound() => ApiProblem.NotFound("The report", "เอกสารนี้").ToResult();
}
