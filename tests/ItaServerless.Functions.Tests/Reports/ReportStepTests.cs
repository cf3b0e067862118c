// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Reporting;
using ItaServerless.Functions.Storage;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Hosting;

namespace ItaServerless.Functions.Tests.Reports;

/// <summary>
/// RenderReport step by step in the in-memory app, on an Azurite no worker watches: repeats and
/// retries as the runtime makes them (the host's own retry and poison rules have their tests in
/// the local host's project).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ReportStepTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_request_rendered_twice_is_still_one_report_with_one_pdf()
    {
        // Step by step in the in-memory app: the function runs twice on one request, as after lost receipts or a restart.
        using var app = new FunctionsApp(azurite.ConnectionString);
        var pipeline = new ReportPipeline(app);
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var org = "org-" + Guid.NewGuid().ToString("N")[..12];
        var created = (await admin.PostAsync("/api/orgs", new { id = org, name = ReportPipeline.OrganizationName, kind = "เทศบาลตำบล" })).Is(HttpStatusCode.Created);
        var editor = admin.As(created.Json["editorToken"]!.GetValue<string>());
        await ReportPipeline.SeedAsync(editor, org);
        var id = (await pipeline.RequestAsync(org, editor.Token!, new { kind = "progress", round = "12m" })).Is(HttpStatusCode.Accepted).Id;
        await pipeline.RenderAsync(org, id);
        var first = (await pipeline.StatusAsync(org, editor.Token!, id)).Json!;
        Assert.Equal("ready", first["status"]!.GetValue<string>());
        var store = app.Get<AppBlobStore>();
        var pdfBlob = store.Blob(ReportFiles.PdfContainer, $"{org}/2569/{id}.pdf");
        var firstETag = (await pdfBlob.GetPropertiesAsync()).Value.ETag;

        await pipeline.RenderAsync(org, id);
        using (var restarted = new FunctionsApp(azurite.ConnectionString))
            await new ReportPipeline(restarted).RenderAsync(org, id);

        var items = (await editor.GetAsync(ReportPipeline.Path(org))).Json["items"]!.AsArray();
        var only = Assert.Single(items)!;
        Assert.Equal(first["sha256"]!.GetValue<string>(), only["sha256"]!.GetValue<string>());
        Assert.Equal(first["renderedAt"]!.GetValue<DateTimeOffset>(), only["renderedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(firstETag, (await pdfBlob.GetPropertiesAsync()).Value.ETag);
        var blobs = new List<string>();
        await foreach (var blob in store.Service.GetBlobContainerClient(ReportFiles.PdfContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{org}/" })) blobs.Add(blob.Name);
        Assert.Equal([$"{org}/2569/{id}.pdf"], blobs);
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_and_the_report_fails_after_five_tries()
    {
        // A broken font configuration: every render throws, which is not the request's fault.
        using var app = new FunctionsApp(azurite.ConnectionString, configure: b => b.UseSetting("Reports:Fonts:RegularPath", "/nonexistent/THSarabunNew.ttf"));
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var org = "org-" + Guid.NewGuid().ToString("N")[..12];
        var created = (await admin.PostAsync("/api/orgs", new { id = org, name = ReportPipeline.OrganizationName, kind = "เทศบาลตำบล" })).Is(HttpStatusCode.Created);
        var editor = admin.As(created.Json["editorToken"]!.GetValue<string>());
        await ReportPipeline.SeedAsync(editor, org);
        var pipeline = new ReportPipeline(app);
        var id = (await pipeline.RequestAsync(org, editor.Token!, new { kind = "progress", round = "6m" })).Is(HttpStatusCode.Accepted).Id;

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            // Rethrown, so that the runtime tries again (the host's maxDequeueCount is 5).
            await Assert.ThrowsAnyAsync<Exception>(() => pipeline.RenderAsync(org, id));
            var status = (await pipeline.StatusAsync(org, editor.Token!, id)).Json!;
            Assert.Equal("queued", status["status"]!.GetValue<string>());
            Assert.Equal(attempt, status["attempts"]!.GetValue<int>());
            // The reason gives a reference for the log, never the exception's text (it named the font file).
            Assert.Matches(@"^การสร้างเอกสารขัดข้อง \(ครั้งที่ \d, รหัสอ้างอิง [0-9a-f]{8}\) / rendering failed", status["reason"]!.GetValue<string>());
            Assert.DoesNotContain("THSarabunNew", status["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await Assert.ThrowsAnyAsync<Exception>(() => pipeline.RenderAsync(org, id));
        await pipeline.RenderAsync(org, id); // a sixth run (the host poisons the blob first) finds the report failed and leaves it
        var failed = (await pipeline.StatusAsync(org, editor.Token!, id)).Json!;
        Assert.Equal("failed", failed["status"]!.GetValue<string>());
        Assert.Equal(5, failed["attempts"]!.GetValue<int>());
        Assert.Matches(@"^สร้างเอกสารไม่สำเร็จหลังลอง 5 ครั้ง กรุณาแจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง [0-9a-f]{8} / rendering failed after 5 tries; tell the administrator the reference [0-9a-f]{8}$",
            failed["reason"]!.GetValue<string>());
        Assert.DoesNotContain("nonexistent", failed["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        (await pipeline.PdfAsync(org, editor.Token!, id)).Is(HttpStatusCode.Conflict);
    }
}
