// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaServerless.Functions.Functions.Reports;
using ItaServerless.Functions.Functions.RenderReport;
using ItaServerless.Functions.Reporting;
using ItaServerless.Functions.Storage;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests.Reports;

/// <summary>The answer to a report request or download, with the headers these tests look at.</summary>
public sealed record ReportAnswer(HttpStatusCode Status, JsonNode? Json, byte[] Body, HttpResponseMessage Response)
{
    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    public ReportAnswer Is(HttpStatusCode expected)
    {
        Assert.True(expected == Status, $"Expected {(int)expected}, got {(int)Status}: {Json?.ToJsonString()}");
        return this;
    }

    public string Id => Json!["id"]!.GetValue<string>();
}

/// <summary>
/// Drives the report pipeline: the HTTP API, then the RenderReport blob function — in the real worker,
/// where the local host's blob watcher starts it (<see cref="RenderedAsync"/>), or called directly in
/// the in-memory app (<see cref="RenderAsync"/>), for retries and repeats step by step.
/// </summary>
public sealed class ReportPipeline(Func<HttpClient> client, IServiceProvider services)
{
    public const string Year = "2569";

    public ReportPipeline(WorkerFixture worker) : this(worker.CreateClient, worker.Services)
    {
    }

    public ReportPipeline(FunctionsApp app) : this(app.CreateClient, app.Services)
    {
        _app = app;
    }

    private readonly FunctionsApp? _app;

    private T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public static string Path(string org, string fy = Year) => $"/api/orgs/{org}/years/{fy}/reports";

    public async Task<ReportAnswer> SendAsync(HttpMethod method, string path, string? token, object? body = null, string? idempotencyKey = null,
        string? ifNoneMatch = null)
    {
        using var http = client();
        using var request = new HttpRequestMessage(method, path);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null) request.Headers.Add(ReportsFunction.IdempotencyKeyHeader, idempotencyKey);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        JsonNode? json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true && bytes.Length > 0
            ? JsonNode.Parse(bytes)
            : null;
        return new ReportAnswer(response.StatusCode, json, bytes, response);
    }

    public Task<ReportAnswer> RequestAsync(string org, string token, object body, string? idempotencyKey = null, string fy = Year) =>
        SendAsync(HttpMethod.Post, Path(org, fy), token, body, idempotencyKey);

    public Task<ReportAnswer> StatusAsync(string org, string token, string id, string fy = Year) =>
        SendAsync(HttpMethod.Get, $"{Path(org, fy)}/{id}", token);

    public Task<ReportAnswer> PdfAsync(string org, string token, string id, string fy = Year) =>
        SendAsync(HttpMethod.Get, $"{Path(org, fy)}/{id}/pdf", token);

    public static string RequestBlobName(string org, string id, string fy = Year) => $"{org}/{fy}/{id}.json";

    /// <summary>Waits until the worker has rendered (or failed) the report; its status then.</summary>
    public async Task<JsonNode> RenderedAsync(string org, string token, string id, string fy = Year)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = (await StatusAsync(org, token, id, fy)).Is(HttpStatusCode.OK).Json!;
            if (status["status"]!.GetValue<string>() != "queued") return status;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Report {org}/{fy}/{id} is still queued: {status.ToJsonString()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs RenderReport once on the request blob, as the runtime would (in the in-memory app).</summary>
    public async Task RenderAsync(string org, string id, string fy = Year)
    {
        var app = _app ?? throw new InvalidOperationException("Only the in-memory app runs a function step by step.");
        var name = RequestBlobName(org, id, fy);
        var content = (await Get<AppBlobStore>().Blob(ReportFiles.RequestsContainer, name).DownloadContentAsync()).Value.Content.ToArray();
        await app.RunAsync<RenderReportFunction>(f => f.RunAsync(content, name, default));
    }

    /// <summary>
    /// An organization with everything the four documents show: signers, units, the ITA result of
    /// 2568, two ITA measures and two anti-corruption items of 2569 with progress in round 6m.
    /// </summary>
    public static async Task SeedAsync(ApiClient editor, string org, bool withAssessment = true)
    {
        (await editor.PutAsync($"/api/orgs/{org}/units/office", new { name = "สำนักปลัด" })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/units/finance", new { name = "กองคลัง" })).Is(HttpStatusCode.Created);
        foreach (var (id, name, position, role) in Officials)
            (await editor.PutAsync($"/api/orgs/{org}/officials/{id}", new { name, position, role })).Is(HttpStatusCode.Created);
        if (withAssessment)
            (await editor.PutAsync($"/api/orgs/{org}/assessments/2568", Seed004)).Is(HttpStatusCode.Created);

        var measures = $"/api/orgs/{org}/years/{Year}/measures";
        (await editor.PostAsync(measures, new
        {
            plan = "ita", title = MeasureTitles[0], indicators = new[] { 9 }, questions = new[] { "o1" },
            method = new[] { "ปรับปรุงเว็บไซต์ให้เป็นปัจจุบัน", "เผยแพร่ข้อมูลให้ครบถ้วนตามแบบ OIT" }, responsible = new[] { "office" },
            period = new { from = "2568-10", to = "2569-03" }, followUp = "รายงานผู้บริหารทุกไตรมาส",
        })).Is(HttpStatusCode.Created);
        (await editor.PostAsync(measures, new
        {
            plan = "ita", title = MeasureTitles[1], indicators = new[] { 10 }, method = new[] { "จัดทำคู่มือการปฏิบัติงาน" },
            responsible = new[] { "*" }, period = new { wholeYear = true }, budget = 20000,
        })).Is(HttpStatusCode.Created);
        (await editor.PostAsync(measures, new
        {
            plan = "anticorruption", number = 1, title = ProjectTitle, responsible = new[] { "finance" }, budget = 50000, kind = "project", dimension = 1,
            method = new[] { "อบรมพนักงานเรื่องผลประโยชน์ทับซ้อน" },
        })).Is(HttpStatusCode.Created);
        (await editor.PostAsync(measures, new
        {
            plan = "anticorruption", number = 2, title = "กิจกรรมเผยแพร่ประกาศเจตจำนงสุจริตของผู้บริหาร", responsible = new[] { "*" }, kind = "activity", dimension = 2,
        })).Is(HttpStatusCode.Created);

        var reporter = new { name = "นางสาวสมใจ ใจดี", position = "นักวิเคราะห์นโยบายและแผน" };
        (await editor.PutAsync($"{measures}/ita-1/progress/6m", new { status = "done", result = ProgressResult, reporter })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"{measures}/anticorruption-1/progress/6m",
            new { status = "inProgress", result = "จัดอบรมแล้ว ๑ ครั้ง", disbursed = 12500.50m, reporter })).Is(HttpStatusCode.Created);
    }

    public static readonly string[] MeasureTitles = ["การเผยแพร่ข้อมูลต่อสาธารณะ", "การป้องกันการรับสินบน"];
    public const string ProjectTitle = "โครงการอบรมคุณธรรมจริยธรรมพนักงาน";
    public const string ProgressResult = "ปรับปรุงเว็บไซต์เรียบร้อยแล้ว";
    public const string OrganizationName = "เทศบาลตำบลนาคำ";

    private static readonly (string Id, string Name, string Position, string Role)[] Officials =
    [
        ("planner", "นางสาวสมใจ ใจดี", "นักวิเคราะห์นโยบายและแผน", "drafter"),
        ("office-head", "นายรังสรรค์ ศรีเพชร", "หัวหน้าสำนักปลัดเทศบาล", "divisionHead"),
        ("secretary", "นายประเสริฐ มั่นคง", "ปลัดเทศบาลตำบลนาคำ", "permanentSecretary"),
        ("mayor", "นายสวัสดิ์ ตันแกง", "นายกเทศมนตรีตำบลนาคำ", "executive"),
    ];

    private static readonly object Seed004 = new
    {
        total = 83.03m,
        tools = new Dictionary<string, decimal> { ["IIT"] = 99.87m, ["OIT"] = 59.00m },
        indicators = new Dictionary<string, decimal>
        {
            ["1"] = 99.78m, ["2"] = 99.55m, ["3"] = 100m, ["4"] = 100m, ["5"] = 100m,
            ["6"] = 98.00m, ["7"] = 99.20m, ["8"] = 97.47m, ["9"] = 38.00m, ["10"] = 80.00m,
        },
        questions = new Dictionary<string, decimal> { ["i1"] = 99.33m, ["o1"] = 0m, ["o3"] = 100m, ["o4"] = 50m, ["e1"] = 92m },
    };

    /// <summary>
    /// The text of a PDF as poppler's pdftotext extracts it (what a search engine or a reader's copy gets),
    /// in drawing order (-raw) so that a table cell's lines stay together instead of interleaving with the row's other cells.
    /// </summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ita-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"])
            {
                RedirectStandardOutput = true,
                StandardOutputEncoding = Encoding.UTF8,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            // ITA_KEEP_PDFS=1 keeps the downloaded PDFs in the temp folder, to look at them.
            if (Environment.GetEnvironmentVariable("ITA_KEEP_PDFS") != "1") File.Delete(file);
        }
    }

    /// <summary>Text without its line breaks and spaces: a table cell may wrap a title over two lines.</summary>
    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
