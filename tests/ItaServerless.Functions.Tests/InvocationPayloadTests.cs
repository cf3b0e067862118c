// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Storage;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests;

/// <summary>POST /{FunctionName} with payloads in the shape the Functions host documents and sends.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class InvocationPayloadTests(AzuriteFixture azurite)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Timer_payload_with_IsPastDue_runs_Heartbeat_and_answers_Outputs_Logs_ReturnValue()
    {
        // Heartbeat writes to a fixed blob: a host id of its own keeps this test apart from the others.
        using var app = new FunctionsApp(azurite.ConnectionString, hostId: "payload-" + Guid.NewGuid().ToString("N")[..8], customHandlerPort: "7099");
        var client = app.CreateClient();
        var response = await client.PostAsync("/Heartbeat", Json("""
            {
              "Data": {
                "Timer": {
                  "Schedule": { "AdjustForDST": true },
                  "ScheduleStatus": { "Last": "2026-01-01T00:00:00+00:00", "Next": "2026-01-01T00:05:00+00:00", "LastUpdated": "2026-01-01T00:00:00+00:00" },
                  "IsPastDue": true
                }
              },
              "Metadata": { "sys": { "MethodName": "Heartbeat", "UtcNow": "2026-01-01T00:07:12.2205399Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" } }
            }
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, answer.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Contains("past due", answer.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Equal(JsonValueKind.Null, answer.RootElement.GetProperty("ReturnValue").ValueKind);

        var record = (await app.Get<RuntimeBlobStore>().ReadJsonAsync<HeartbeatRecord>(HeartbeatFunction.Container, HeartbeatFunction.BlobName, default))!.Value!;
        Assert.True(record.IsPastDue);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 5, 0, DateTimeKind.Utc), record.NextPlannedUtc!.Value.ToUniversalTime());
    }

    [Fact]
    public async Task Timer_value_sent_as_a_json_encoded_string_is_read_too()
    {
        using var root = new TempScriptRoot().AddTimer("0 */5 * * * *");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path);
        var timer = JsonSerializer.Serialize(new { Schedule = new { AdjustForDST = true }, ScheduleStatus = (object?)null, IsPastDue = false });
        var body = JsonSerializer.Serialize(new { Data = new Dictionary<string, string> { ["Timer"] = timer }, Metadata = new { } });
        var response = await app.CreateClient().PostAsync("/TestTimer", Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(app.Recorder.Calls);
        Assert.False(call.Timer!.IsPastDue);
        Assert.Null(call.Timer.ScheduleStatus);
    }

    [Fact]
    public async Task Blob_payload_gives_content_path_parameters_and_properties_and_returns_the_value()
    {
        using var root = new TempScriptRoot().AddBlob("TestBlob", "inbox/{org}/{name}.json");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path);
        var response = await app.CreateClient().PostAsync("/TestBlob", Json("""
            {
              "Data": { "blob": "{\"title\":\"มาตรการ\"}" },
              "Metadata": {
                "BlobTrigger": "inbox/org-7/req-1.json",
                "Uri": "http://127.0.0.1:10000/devstoreaccount1/inbox/org-7/req-1.json",
                "Properties": "{\"ETag\":\"\\\"0x8D7CCEC5515D04D\\\"\",\"Length\":24,\"ContentType\":\"application/json\",\"LastModified\":\"2026-01-01T00:00:00+00:00\"}",
                "Metadata": "{}",
                "org": "org-7",
                "name": "req-1",
                "sys": { "MethodName": "TestBlob", "UtcNow": "2026-01-01T00:00:01Z", "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9" }
              }
            }
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("{\"title\":\"มาตรการ\"}".Length, answer.GetProperty("ReturnValue").GetInt32());
        var blob = Assert.Single(app.Recorder.Calls).Blob!;
        Assert.Equal("inbox", blob.Container);
        Assert.Equal("org-7/req-1.json", blob.BlobName);
        Assert.Equal("org-7", blob.Parameters["org"]);
        Assert.Equal("req-1", blob.Parameters["name"]);
        Assert.Equal(24, blob.Properties!.Length);
        Assert.Equal("{\"title\":\"มาตรการ\"}", blob.Text);
    }

    [Fact]
    public async Task A_payload_without_the_trigger_value_fails_with_500_and_says_why_in_Logs()
    {
        using var root = new TempScriptRoot().AddTimer("0 */5 * * * *");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path);
        var response = await app.CreateClient().PostAsync("/TestTimer", Json("""{ "Data": {}, "Metadata": {} }"""));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no timer value", answer.GetProperty("Logs")[0].GetString());
    }

    [Fact]
    public async Task Under_the_host_the_local_runtime_and_admin_route_are_off()
    {
        using var app = new FunctionsApp(azurite.ConnectionString, customHandlerPort: "7099");
        var client = app.CreateClient();
        var admin = await client.PostAsync("/admin/functions/Heartbeat", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("functions-host", health.GetProperty("mode").GetString());
    }
}
