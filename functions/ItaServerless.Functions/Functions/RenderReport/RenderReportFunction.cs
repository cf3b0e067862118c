// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Reporting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.Functions.RenderReport;

/// <summary>
/// Renders a requested document: triggered by <c>report-requests/{org}/{fy}/{id}.json</c>, it
/// stores <c>reports/{org}/{fy}/{id}.pdf</c> and marks the report ready with its pages, size and
/// SHA-256. Running again for the same request changes nothing (the record and the PDF are the
/// same single report). Missing data fails the report at once with the reason; any other error
/// is counted on the report and rethrown so that the runtime retries it, and the last allowed try
/// (<see cref="FunctionsAppOptions.BlobMaxAttempts"/>, the host's maxDequeueCount) fails the report.
/// </summary>
public sealed class RenderReportFunction(
    IReportRecordRepository reports,
    ReportFiles files,
    ReportRenderer renderer,
    IOptions<FunctionsAppOptions> options,
    TimeProvider clock,
    ILogger<RenderReportFunction> logger)
{
    public const string FunctionName = "RenderReport";

    /// <summary>The audit trail's author of what the renderer writes.</summary>
    private static readonly AuditActor Renderer = AuditActor.System(FunctionName);

    /// <remarks>Event Grid is the source: what Flex Consumption supports, and no container scans.</remarks>
    [Function(FunctionName)]
    public async Task RunAsync(
        [BlobTrigger(ReportFiles.RequestsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] byte[] content,
        string name, CancellationToken cancellationToken)
    {
        var path = $"{ReportFiles.RequestsContainer}/{name}";
        if (!ReportFiles.TryParseRequestName(name, out var org, out var year, out var id))
        {
            logger.LogWarning("Ignored {Path}: not a report request name ({{org}}/{{fy}}/{{id}}.json).", path);
            return;
        }

        var request = ReportRequestDocument.TryRead(content);
        if (request is null || request.Organization != org || request.Year != year || request.Id != id)
        {
            // Not retried: the blob will not change (requests are create-only).
            logger.LogWarning("Ignored {Path}: not a valid report request for {Org}/{Year}/{Id}.", path, org, year, id);
            await UpdateAsync(org, year!, id, r => r.Status == ReportStatus.Queued
                ? r.AsFailed("คำขอสร้างเอกสารไม่ถูกต้อง / the report request is not valid") : null, cancellationToken);
            return;
        }

        var record = await EnsureRecordAsync(request, cancellationToken);
        if (record.Status != ReportStatus.Queued)
        {
            logger.LogInformation("Report {Org}/{Year}/{Id} is already {Status}; nothing to do.", org, year, id, record.Status.Code());
            return;
        }

        try
        {
            var pdf = await renderer.RenderAsync(request, cancellationToken);
            var stored = await files.StorePdfAsync(record.BlobName, pdf, cancellationToken);
            var facts = ReportFiles.Facts(stored, clock.GetUtcNow());
            await UpdateAsync(org, year!, id, r => r.Status == ReportStatus.Queued ? r.AsReady(facts) : null, cancellationToken);
            logger.LogInformation("Report {Org}/{Year}/{Id} ready: {Pages} pages, {Bytes} bytes, sha256 {Sha256}.", org, year, id, facts.Pages, facts.Bytes, facts.Sha256);
        }
        catch (ReportDataMissingException e)
        {
            await UpdateAsync(org, year!, id, r => r.Status == ReportStatus.Queued ? r.AsFailed(e.Reason) : null, cancellationToken);
            logger.LogWarning("Report {Org}/{Year}/{Id} failed: {Reason}", org, year, id, e.Reason);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var maxAttempts = options.Value.BlobMaxAttempts;
            // The users see a reference, the log the exception: its text may name files, hosts or settings.
            var reference = ErrorReference.New();
            logger.LogError(e, "Report {Org}/{Year}/{Id}: rendering failed (reference {Reference})", org, year, id, reference);
            await UpdateAsync(org, year!, id, r =>
            {
                if (r.Status != ReportStatus.Queued) return null;
                var counted = r.WithFailedAttempt(
                    $"การสร้างเอกสารขัดข้อง (ครั้งที่ {r.Attempts + 1}, รหัสอ้างอิง {reference}) / rendering failed (try {r.Attempts + 1}, reference {reference})");
                return counted.Attempts >= maxAttempts
                    ? counted.AsFailed($"สร้างเอกสารไม่สำเร็จหลังลอง {counted.Attempts} ครั้ง กรุณาแจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง {reference} / " +
                        $"rendering failed after {counted.Attempts} tries; tell the administrator the reference {reference}")
                    : counted;
            }, cancellationToken);
            throw;
        }
    }

    /// <summary>The report's record; created from the request when the API's own write did not land (or not yet).</summary>
    private async Task<ReportRecord> EnsureRecordAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        var existing = await reports.GetAsync(request.Organization, request.Year, request.Id, cancellationToken);
        if (existing is not null) return existing.Value;
        var record = request.ToRecord();
        try
        {
            await reports.AddAsync(record, Renderer, cancellationToken);
            return record;
        }
        catch (AlreadyExistsException)
        {
            return (await reports.GetAsync(request.Organization, request.Year, request.Id, cancellationToken))!.Value;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the current record (null = leave it), re-reading when someone else wrote first.</summary>
    private async Task UpdateAsync(string org, Core.Calendar.FiscalYear year, string id, Func<ReportRecord, ReportRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await reports.GetAsync(org, year, id, cancellationToken);
            if (current is null || change(current.Value) is not { } changed) return;
            try
            {
                await reports.ReplaceAsync(changed, current.Version, Renderer, cancellationToken);
                return;
            }
            catch (StaleVersionException) when (attempt < 3)
            {
            }
        }
    }
}
