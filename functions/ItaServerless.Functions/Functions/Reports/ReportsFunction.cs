// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Organizations;
using ItaServerless.Functions.Functions.Public;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Reporting;

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
        r.Id, r.Kind, r.Round?.Code, r.Status.Code(), r.Pdf?.Pages, r.Pdf?.Bytes, r.Pdf?.Sha256, r.Reason, r.Attempts, r.CreatedAt, r.Pdf?.RenderedAt,
        r.Status == ReportStatus.Ready ? $"{ReportsFunction.Location(r.OrganizationId, r.FiscalYear, r.Id)}/pdf" : null,
        r.CreatedBy, r.PublishedAt);
}

/// <summary>
/// Official PDF documents: <c>POST /api/orgs/{org}/years/{fy}/reports</c> queues one (the blob
/// trigger RenderReport renders it), <c>GET …/reports</c> lists the year's, <c>GET …/reports/{id}</c>
/// gives the status and <c>GET …/reports/{id}/pdf</c> the file.
/// </summary>
public sealed class ReportsFunction : IHttpFunction
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const int MaxIdempotencyKeyLength = 200;

    public static string FunctionName => "Reports";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var reports = routes.MapGroup("/api/orgs/{org}/years/{fy}/reports").WithTags(FunctionName);
        reports.MapPost("", RequestAsync).Requires(AccessNeed.Edit).Accepts<ReportRequestBody>("application/json").Produces<ReportResource>(202);
        reports.MapGet("", ListAsync).Requires(AccessNeed.Read).Produces<ItemList<ReportResource>>();
        reports.MapGet("/{id}", GetAsync).Requires(AccessNeed.Read).Produces<ReportResource>();
        reports.MapGet("/{id}/pdf", PdfAsync).Requires(AccessNeed.Read).Produces(200, contentType: ReportFiles.PdfContentType);
        reports.MapPost("/{id}/publish", PublishAsync).Requires(AccessNeed.Edit).Produces<PublicItem>();
    }

    public static string Location(string org, FiscalYear year, string id) => $"/api/orgs/{org}/years/{year.Year}/reports/{id}";

    private static async Task<IResult> RequestAsync(string org, string fy, HttpRequest request, IOrganizationRepository organizations,
        ReportRequester requester, TimeProvider clock, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > 0 && (key.Length > MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~')))
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, IdempotencyKeyHeader, "invalid_format",
                $"Idempotency-Key ต้องเป็นอักขระ ASCII ที่มองเห็นได้ ไม่เกิน {MaxIdempotencyKeyLength} ตัว",
                $"The Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} visible ASCII characters.").ToResult();
        }

        var body = await ApiJson.ReadAsync<ReportRequestBody>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var order = ReportOrder.Create(body.Value!).Value;
        var profile = await organizations.GetProfileAsync(org, ct);
        if (profile is null) return ApiProblem.NotFound("The organization", "หน่วยงานนี้").ToResult();

        var submitted = await requester.RequestAsync(profile, year, order, ReportRequestDocument.FingerprintOf(year, body.Value!),
            key, request.HttpContext.Caller().Actor, clock.GetUtcNow(), ct);
        if (submitted is null)
        {
            return ApiProblem.Field(StatusCodes.Status422UnprocessableEntity, IdempotencyKeyHeader, "key_reused",
                "Idempotency-Key นี้ใช้กับคำขออื่นไปแล้ว กรุณาใช้คีย์ใหม่สำหรับคำขอใหม่",
                "This Idempotency-Key was used for a different request; use a new key for a new request.").ToResult();
        }

        if (submitted.Replayed) request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Accepted(Location(org, year, submitted.Record.Id), ReportResource.From(submitted.Record));
    }

    private static async Task<IResult> ListAsync(string org, string fy, IReportRecordRepository reports, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        return Results.Ok(ItemList.Of((await reports.ListAsync(org, year, ct)).Select(r => ReportResource.From(r.Value))));
    }

    private static async Task<IResult> GetAsync(string org, string fy, string id, HttpResponse response, IReportRecordRepository reports, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await reports.GetAsync(org, year, id, ct);
        if (found is null) return NotFound();
        response.SetETag(found.Version);
        return Results.Ok(ReportResource.From(found.Value));
    }

    private static async Task<IResult> PdfAsync(string org, string fy, string id, HttpContext http, IReportRecordRepository reports,
        ReportFiles files, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = (await reports.GetAsync(org, year, id, ct))?.Value;
        if (found is null) return NotFound();
        switch (found.Status)
        {
            case ReportStatus.Queued:
                http.Response.Headers.RetryAfter = "5";
                return ApiProblem.NotFound("The PDF (the report is still queued)", "ไฟล์ PDF (เอกสารอยู่ระหว่างการสร้าง)").ToResult();
            case ReportStatus.Failed:
                return ApiProblem.Conflict("status", "report_failed", $"สร้างเอกสารไม่สำเร็จ: {found.Reason}",
                    $"The report failed: {found.Reason}").ToResult();
        }

        var etag = $"\"{found.Pdf!.Sha256}\"";
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == etag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        var pdf = await files.ReadPdfAsync(found.BlobName, ct);
        if (pdf is null) return ApiProblem.NotFound("The PDF file", "ไฟล์ PDF").ToResult();
        var kind = ReportKinds.Parse(found.Kind).Value;
        http.Response.Headers.ContentDisposition = ContentDisposition(
            $"{org}-{year.Year}-{found.Kind}{(found.Round is null ? "" : "-" + found.Round.Code)}-{id}.pdf",
            $"{kind.FileNameTh(year, found.Round)}.pdf");
        return Results.Bytes(pdf.Content.ToArray(), ReportFiles.PdfContentType);
    }

    /// <summary>
    /// Publishes a ready report at its public address (<c>/api/public/{org}/{fy}/{kind}-{round}.pdf</c>), with the
    /// timer's code. Idempotent; publishing another report of the same kind and round replaces the public document.
    /// </summary>
    private static async Task<IResult> PublishAsync(string org, string fy, string id, HttpContext http, ReportPublisher publisher,
        IConfiguration configuration, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var result = await publisher.PublishAsync(org, year, id, replaceOther: true, http.Caller().Actor, ct);
        switch (result.Outcome)
        {
            case PublishOutcome.NotFound:
                return NotFound();
            case PublishOutcome.NotReady when result.Report!.Status == ReportStatus.Failed:
                return ApiProblem.Conflict("status", "report_failed", $"เอกสารนี้สร้างไม่สำเร็จ จึงเผยแพร่ไม่ได้: {result.Report.Reason}",
                    $"The report failed and cannot be published: {result.Report.Reason}").ToResult();
            case PublishOutcome.NotReady:
                http.Response.Headers.RetryAfter = "5";
                return ApiProblem.Conflict("status", "report_not_ready", "เอกสารยังสร้างไม่เสร็จ เผยแพร่ได้เมื่อสถานะเป็น ready",
                    "The report is still queued; it can be published once it is ready.").ToResult();
            case PublishOutcome.NotPublishable:
                return ApiProblem.Conflict("kind", "not_publishable", "เอกสารชนิดนี้เผยแพร่ไม่ได้", "This kind of report cannot be published.").ToResult();
        }

        http.Response.Headers.Location = result.Document!.Document.Path;
        return Results.Ok(PublicItem.From(result.Document, PublicFunction.BaseUrl(http.Request, configuration)));
    }

    /// <summary>RFC 6266: an ASCII <c>filename</c> for old clients and the Thai name in <c>filename*</c> (RFC 8187, UTF-8).</summary>
    internal static string ContentDisposition(string asciiName, string name, bool inline = false) =>
        $"{(inline ? "inline" : "attachment")}; filename=\"{asciiName}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";

    private static IResult NotFound() => ApiProblem.NotFound("The report", "เอกสารนี้").ToResult();
}
