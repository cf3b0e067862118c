// SPDX-License-Identifier: MIT
// Storage client overhead: single-entity insert and point read through our TableClient vs a raw
// HttpClient request (hand-signed SharedKeyLite) to the same Azurite. Not a test: prints numbers.
// Usage: dotnet run -c Release --project tests/ItaServerless.Benchmarks [-- iterations]
// The reminder sweep benchmark: [-- reminder-sweep [organizations] [open percent]] (ReminderSweepBenchmark.cs).
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ItaServerless.Storage;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

if (args.Length > 0 && args[0] == "reminder-sweep")
{
    return await ItaServerless.Benchmarks.ReminderSweepBenchmark.RunAsync(args[1..]);
}

int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
using var azurite = await AzuriteServer.StartNewAsync();
var table = StorageAccount.FromConnectionString(azurite.ConnectionString).Tables.GetTableClient("bench");
await table.CreateIfNotExistsAsync();
var raw = new RawTable(azurite.TableEndpoint, "bench");

var insertClient = new List<double>();
var insertRaw = new List<double>();
var readClient = new List<double>();
var readRaw = new List<double>();

// Warm-up (JIT, connections), then alternate blocks of 50 so drift hits both sides alike.
await Run(200, warmup: true);
await Run(iterations, warmup: false);

Console.WriteLine($"iterations per side: {iterations}, Azurite in memory on 127.0.0.1, {Environment.ProcessorCount} cores");
Report("insert", insertClient, insertRaw);
Report("point read", readClient, readRaw);
return 0;

async Task Run(int count, bool warmup)
{
    var sw = new Stopwatch();
    for (int block = 0; block < count / 50; block++)
    {
        for (int side = 0; side < 2; side++)
        {
            bool client = (block + side) % 2 == 0;
            for (int i = 0; i < 50; i++)
            {
                string pk = "org-" + (i % 10).ToString(CultureInfo.InvariantCulture);
                string rk = $"{(warmup ? "w" : "m")}{(client ? "c" : "r")}{block:D4}{i:D2}";
                var entity = new TableEntity(pk, rk) { ["Title"] = "มาตรการ ๑", ["Budget"] = 150_000_00L, ["Round"] = 6 };
                sw.Restart();
                if (client)
                {
                    await table.AddEntityAsync(entity);
                }
                else
                {
                    await raw.InsertAsync(pk, rk);
                }
                double insert = sw.Elapsed.TotalMicroseconds;
                sw.Restart();
                if (client)
                {
                    var read = (await table.GetEntityAsync<TableEntity>(pk, rk)).Value;
                    _ = read.GetString("Title");
                }
                else
                {
                    using var doc = await raw.GetAsync(pk, rk);
                    _ = doc.RootElement.GetProperty("Title").GetString();
                }
                double get = sw.Elapsed.TotalMicroseconds;
                if (!warmup)
                {
                    (client ? insertClient : insertRaw).Add(insert);
                    (client ? readClient : readRaw).Add(get);
                }
            }
        }
    }
}

static void Report(string name, List<double> client, List<double> raw)
{
    double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
    double P95(List<double> v) => v.Order().ElementAt((int)(v.Count * 0.95));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-11} client median {Median(client),7:F0} µs p95 {P95(client),7:F0} µs | raw median {Median(raw),7:F0} µs p95 {P95(raw),7:F0} µs | ratio median {Median(client) / Median(raw):F2}x mean {client.Average() / raw.Average():F2}x"));
}

/// <summary>The baseline: one HttpClient, SharedKeyLite signature, JSON by hand.</summary>
internal sealed class RawTable(Uri endpoint, string table)
{
    private const string AccountName = "devstoreaccount1";
    private static readonly byte[] Key = Convert.FromBase64String(AzuriteServer.AccountKey);
    private readonly HttpClient _http = new();

    public async Task InsertAsync(string pk, string rk)
    {
        using var request = Create(HttpMethod.Post, $"{endpoint.AbsoluteUri}/{table}");
        string json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["PartitionKey"] = pk, ["RowKey"] = rk, ["Title"] = "มาตรการ ๑",
            ["Budget@odata.type"] = "Edm.Int64", ["Budget"] = "15000000", ["Round"] = 6,
        });
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("Prefer", "return-no-content");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    public async Task<JsonDocument> GetAsync(string pk, string rk)
    {
        using var request = Create(HttpMethod.Get, $"{endpoint.AbsoluteUri}/{table}(PartitionKey='{pk}',RowKey='{rk}')");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
    }

    private static HttpRequestMessage Create(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        string date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2019-02-02");
        request.Headers.Add("Accept", "application/json;odata=minimalmetadata");
        request.Headers.Add("DataServiceVersion", "3.0");
        string stringToSign = date + "\n/" + AccountName + request.RequestUri!.AbsolutePath;
        string signature = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKeyLite {AccountName}:{signature}");
        return request;
    }
}
