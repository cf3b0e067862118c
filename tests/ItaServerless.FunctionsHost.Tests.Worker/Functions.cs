// SPDX-License-Identifier: MIT
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ItaServerless.FunctionsHost.Tests.Worker;

/// <summary>
/// One function per thing the host must do. Timer and blob runs leave a JSON record in the
/// "records" container, named by invocation id, so tests can see what the worker received.
/// </summary>
public sealed class Functions(ILogger<Functions> logger)
{
    public const string RecordsContainer = "records";

    [Function("Health")]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest request)
    {
        logger.LogInformation("Health called with invocation {InvocationId}", request.Headers["x-ms-invocation-id"].ToString());
        return new OkObjectResult(new { status = "ok" });
    }

    [Function("GetItem")]
    public IActionResult GetItem([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/items/{id}")] HttpRequest request, string id) =>
        new OkObjectResult(new { id, query = request.Query["q"].ToString() });

    [Function("OpsStats")]
    public IActionResult OpsStats([HttpTrigger(AuthorizationLevel.Admin, "get", "post", Route = "api/ops/stats")] HttpRequest request) =>
        new OkObjectResult(new { method = request.Method });

    [Function("Tick")]
    public Task Tick([TimerTrigger("0 * * * * *")] TimerInfo timer, FunctionContext context) =>
        RecordAsync($"tick/{context.InvocationId}.json", new { timer.IsPastDue, timer.ScheduleStatus?.Last, timer.ScheduleStatus?.Next, timer.ScheduleStatus?.LastUpdated });

    [Function("OnInbox")]
    public async Task OnInbox(
        [BlobTrigger("inbox/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] string content,
        string name, FunctionContext context)
    {
        await RecordAsync($"inbox/{name}/{context.InvocationId}.json", new { name, content });
        if (content.Contains("fail", StringComparison.Ordinal)) throw new InvalidOperationException($"The content of {name} says fail.");
    }

    private static async Task RecordAsync(string name, object value)
    {
        // Pinned as in the app so that Azurite's API version check passes.
        var service = new BlobServiceClient(Environment.GetEnvironmentVariable("AzureWebJobsStorage"), new BlobClientOptions(BlobClientOptions.ServiceVersion.V2025_11_05));
        var container = service.GetBlobContainerClient(RecordsContainer);
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(JsonSerializer.Serialize(value)), overwrite: true);
    }
}
