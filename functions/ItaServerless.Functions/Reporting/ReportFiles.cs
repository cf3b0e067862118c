// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using Azure;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Storage;
using ItaServerless.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.Storage.Blobs;
using PdfSharp.Pdf.IO;

namespace ItaServerless.Functions.Reporting;

/// <summary>
/// The report blobs: requests in <c>report-requests/{org}/{fy}/{id}.json</c> (the RenderReport
/// trigger), PDFs in <c>reports/{org}/{fy}/{id}.pdf</c>. Both are written create-only: a request
/// is never replaced, and the first PDF stored for a report is the report.
/// </summary>
public sealed class ReportFiles(AppBlobStore store) : IReportRequestQueue
{
    public const string RequestsContainer = "report-requests";
    public const string PdfContainer = "reports";
    public const string PdfContentType = "application/pdf";

    public static string RequestName(string org, FiscalYear year, string id) => $"{org}/{year.Year}/{id}.json";

    /// <summary>Splits "{org}/{fy}/{id}.json"; false for anything else.</summary>
    public static bool TryParseRequestName(string name, out string org, out FiscalYear? year, out string id)
    {
        (org, year, id) = ("", null, "");
        var parts = name.Split('/');
        if (parts.Length != 3 || !parts[2].EndsWith(".json", StringComparison.Ordinal)) return false;
        var fy = FiscalYear.Parse(parts[1], "fy");
        var reportId = parts[2][..^".json".Length];
        if (!Identifier.IsValid(parts[0]) || !fy.IsValid || !Identifier.IsValid(reportId) || fy.Value.Year.ToString(System.Globalization.CultureInfo.InvariantCulture) != parts[1]) return false;
        (org, year, id) = (parts[0], fy.Value, reportId);
        return true;
    }

    /// <summary>Writes the request unless it is there already; gives back the stored one (ours or the earlier).</summary>
    public async Task<(ReportRequest Queued, bool Earlier)> EnqueueAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await store.EnsureContainerAsync(RequestsContainer, cancellationToken);
        try
        {
            await RequestBlob(request.Organization, request.Year, request.Id).UploadAsync(ReportRequestDocument.From(request).ToBinary(),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" }, Conditions = BlobConditions.CreateOnly() }, cancellationToken);
            return (request, false);
        }
        catch (RequestFailedException e) when (e.IsConcurrencyConflict())
        {
            var earlier = await ReadRequestAsync(request.Organization, request.Year, request.Id, cancellationToken)
                ?? throw new InvalidOperationException($"Report request {request.Id} exists but cannot be read.");
            return (earlier, true);
        }
    }

    public async Task<ReportRequest?> ReadRequestAsync(string org, FiscalYear year, string id, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await RequestBlob(org, year, id).DownloadContentAsync(cancellationToken: cancellationToken)).Value;
            return ReportRequestDocument.TryRead(download.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>
    /// Stores the PDF unless this report already has one; returns the bytes that are stored. A second
    /// render of the same request (the trigger fired again) so keeps the first file, its hash and its ETag.
    /// </summary>
    public async Task<byte[]> StorePdfAsync(string blobName, byte[] pdf, CancellationToken cancellationToken)
    {
        await store.EnsureContainerAsync(PdfContainer, cancellationToken);
        var blob = store.Blob(PdfContainer, blobName);
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(pdf),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = PdfContentType }, Conditions = BlobConditions.CreateOnly() }, cancellationToken);
            return pdf;
        }
        catch (RequestFailedException e) when (e.IsConcurrencyConflict())
        {
            return (await blob.DownloadContentAsync(cancellationToken: cancellationToken)).Value.Content.ToArray();
        }
    }

    /// <summary>The stored PDF; null when there is none.</summary>
    public async Task<BlobDownloadResult?> ReadPdfAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.Blob(PdfContainer, blobName).DownloadContentAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.IsNotFound())
        {
            return null;
        }
    }

    /// <summary>Pages (read back with PDFsharp), size and SHA-256 of a PDF.</summary>
    public static RenderedPdf Facts(byte[] pdf, DateTimeOffset renderedAt)
    {
        using var stream = new MemoryStream(pdf, writable: false);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        return new RenderedPdf(document.PageCount, pdf.LongLength, Convert.ToHexStringLower(SHA256.HashData(pdf)), renderedAt);
    }

    private BlobClient RequestBlob(string org, FiscalYear year, string id) => store.Blob(RequestsContainer, RequestName(org, year, id));
}
