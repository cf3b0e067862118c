// SPDX-License-Identifier: MIT
// Storage SDK overhead: single-entity insert and point read through the product's TableClient
// (Azure.Data.Tables, built by StorageAccount.FromConnectionString: WriteSafeRetryPolicy,
// SingleFailurePolicy, SDK diagnostics) vs a raw HttpClient request (hand-signed SharedKeyLite,
// JsonDocument parse) to the same Azurite, sequentially and with N requests in flight.
// Not a test: prints numbers.
// Usage: dotnet run -c Release --project tests/ItaServerless.Benchmarks [-- iterations [options]]
//   --mode seq|parallel|both (default both)   --in-flight N (default 8)
//   SDK variants, for finding where time goes (the product uses none of them):
//   --no-logging --no-tracing --no-telemetry (ClientOptions.Diagnostics), --sdk-defaults (plain
//   TableClientOptions, no product policies)
//   --mode client-cpu: no Azurite; both sides talk to the same canned in-process HttpMessageHandler,
//   so the figure is the client's own CPU time and allocation per operation.
// The reminder sweep benchmark: [-- reminder-sweep [organizations] [open percent]] (ReminderSweepBenchmark.cs).
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using ItaServerless.Storage;
using ItaServerless.Testing;

if (args.Length > 0 && args[0] == "reminder-sweep")
{
    return await ItaServerless.Benchmarks.ReminderSweepBenchmark.RunAsync(args[1..]);
}

int iterations = 2000;
int inFlight = 8;
string mode = "both";
bool noLogging = false, noTracing = false, noTelemetry = false, sdkDefaults = false;
for (int a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--mode": mode = args[++a]; break;
        case "--in-flight": inFlight = int.Parse(args[++a], CultureInfo.InvariantCulture); break;
        case "--no-logging": noLogging = true; break;
        case "--no-tracing": noTracing = true; break;
        case "--no-telemetry": noTelemetry = true; break;
        case "--sdk-defaults": sdkDefaults = true; break;
        default: iterations = int.Parse(args[a], CultureInfo.InvariantCulture); break;
    }
}

bool cpuOnly = mode == "client-cpu";
using var azurite = cpuOnly ? null : await AzuriteServer.StartNewAsync();
var canned = cpuOnly ? new CannedTableHandler() : null;
string connectionString = azurite?.ConnectionString
    ?? $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteServer.AccountKey};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
void Configure(ClientOptions o)
{
    if (noLogging) o.Diagnostics.IsLoggingEnabled = false;
    if (noTracing) o.Diagnostics.IsDistributedTracingEnabled = false;
    if (noTelemetry) o.Diagnostics.IsTelemetryEnabled = false;
    if (canned != null) o.Transport = new HttpClientTransport(new HttpClient(canned));
}
TableServiceClient service;
if (sdkDefaults)
{
    var plain = new TableClientOptions();
    Configure(plain);
    service = new TableServiceClient(connectionString, plain);
}
else
{
    service = StorageAccount.FromConnectionString(connectionString, Configure).Tables;
}
var table = service.GetTableClient("bench");
if (!cpuOnly) await table.CreateIfNotExistsAsync();
var raw = new RawTable(azurite?.TableEndpoint ?? new Uri("http://127.0.0.1:10002/devstoreaccount1"), "bench", canned);

var sdkSide = new Side("SDK",
    (pk, rk) => table.AddEntityAsync(new TableEntity(pk, rk) { ["Title"] = "มาตรการ ๑", ["Budget"] = 150_000_00L, ["Round"] = 6 }),
    async (pk, rk) => _ = (await table.GetEntityAsync<TableEntity>(pk, rk)).Value.GetString("Title"));
var rawSide = new Side("raw",
    raw.InsertAsync,
    async (pk, rk) =>
    {
        using var doc = await raw.GetAsync(pk, rk);
        _ = doc.RootElement.GetProperty("Title").GetString();
    });

string variant = sdkDefaults ? "plain TableClientOptions" : "product options (StorageAccount.FromConnectionString)";
if (noLogging || noTracing || noTelemetry)
{
    variant += "; off:" + (noLogging ? " logging" : "") + (noTracing ? " tracing" : "") + (noTelemetry ? " telemetry" : "");
}
if (cpuOnly)
{
    Console.WriteLine($"client CPU per operation against a canned in-process handler (no Azurite, no sockets); {iterations} ops per block; SDK: {variant}");
    await ClientCpu("insert", sdkSide.Insert, rawSide.Insert);
    await ClientCpu("point read", sdkSide.Read, rawSide.Read);
    return 0;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{iterations} ops per side and operation; {Environment.ProcessorCount} cores; Azurite in memory on 127.0.0.1; SDK: {variant}"));
Console.WriteLine("ratio = SDK/raw for latency, raw/SDK for ops/s (so > 1 means the SDK is slower)");
if (mode is "seq" or "both") await Compare(1, blockPerWorker: 50);
if (mode is "parallel" or "both") await Compare(inFlight, blockPerWorker: 25);
return 0;

// Warm-up (JIT, connections), then blocks that alternate which side goes first, so drift hits both alike.
// Each block: insert phase (workers × blockPerWorker new entities), then point reads of the same keys.
async Task Compare(int workers, int blockPerWorker)
{
    string label = workers == 1 ? "sequential" : $"{workers} in flight";
    int blockSize = workers * blockPerWorker;
    var results = new Dictionary<Side, Samples> { [sdkSide] = new(), [rawSide] = new() };
    int warmupBlocks = Math.Max(1, 200 / blockSize);
    int blocks = Math.Max(1, (iterations + blockSize - 1) / blockSize);
    for (int block = 0; block < warmupBlocks + blocks; block++)
    {
        bool warmup = block < warmupBlocks;
        foreach (var side in block % 2 == 0 ? new[] { sdkSide, rawSide } : new[] { rawSide, sdkSide })
        {
            var keys = Enumerable.Range(0, blockSize)
                .Select(i => ("org-" + (i % 10).ToString(CultureInfo.InvariantCulture), $"{label[0]}{side.Name[0]}{block:D4}{i:D3}"))
                .ToArray();
            var insert = await Phase(side.Insert, keys, workers);
            var read = await Phase(side.Read, keys, workers);
            if (!warmup)
            {
                results[side].Add(insert, read);
            }
        }
    }
    Report("insert", label, results[sdkSide].Insert, results[rawSide].Insert);
    Report("point read", label, results[sdkSide].Read, results[rawSide].Read);
}

// workers loops share the keys (worker w takes w, w + workers, ...); returns every latency and the phase's wall time.
static async Task<(List<double> Latencies, double WallSeconds)> Phase(Func<string, string, Task> op, (string Pk, string Rk)[] keys, int workers)
{
    var perWorker = new List<double>[workers];
    var wall = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
    {
        var list = perWorker[w] = new List<double>(keys.Length / workers + 1);
        for (int i = w; i < keys.Length; i += workers)
        {
            long start = Stopwatch.GetTimestamp();
            await op(keys[i].Pk, keys[i].Rk);
            list.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    })));
    double seconds = wall.Elapsed.TotalSeconds;
    return (perWorker.SelectMany(l => l).ToList(), seconds);
}

// One thread, blocks of `iterations` operations alternating sides; the best of 10 blocks is the steady cost.
async Task ClientCpu(string operation, Func<string, string, Task> sdkOp, Func<string, string, Task> rawOp)
{
    var best = new Dictionary<string, (double Us, double Bytes)> { ["SDK"] = (double.MaxValue, 0), ["raw"] = (double.MaxValue, 0) };
    for (int block = 0; block < 12; block++)
    {
        foreach (var (name, op) in block % 2 == 0 ? new[] { ("SDK", sdkOp), ("raw", rawOp) } : new[] { ("raw", rawOp), ("SDK", sdkOp) })
        {
            long bytes = GC.GetTotalAllocatedBytes();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++)
            {
                await op("org-" + (i % 10).ToString(CultureInfo.InvariantCulture), "k" + i.ToString(CultureInfo.InvariantCulture));
            }
            double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations;
            double perOp = (double)(GC.GetTotalAllocatedBytes() - bytes) / iterations;
            if (block >= 2 && us < best[name].Us) best[name] = (us, perOp);
        }
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{operation,-10} SDK {best["SDK"].Us,5:F1} µs {best["SDK"].Bytes,6:F0} B/op | raw {best["raw"].Us,5:F1} µs {best["raw"].Bytes,6:F0} B/op | SDK − raw {best["SDK"].Us - best["raw"].Us:F1} µs"));
}

static void Report(string operation, string label, Phases sdk, Phases raw)
{
    static double Quantile(List<double> v, double q) => v.Order().ElementAt(Math.Min(v.Count - 1, (int)(v.Count * q)));
    double sdkMedian = Quantile(sdk.Latencies, 0.5), rawMedian = Quantile(raw.Latencies, 0.5);
    double sdkP95 = Quantile(sdk.Latencies, 0.95), rawP95 = Quantile(raw.Latencies, 0.95);
    double sdkRate = sdk.Latencies.Count / sdk.WallSeconds, rawRate = raw.Latencies.Count / raw.WallSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{operation,-10} {label,-11} SDK med {sdkMedian,5:F0} p95 {sdkP95,5:F0} µs {sdkRate,6:F0} ops/s | raw med {rawMedian,5:F0} p95 {rawP95,5:F0} µs {rawRate,6:F0} ops/s | ratio med {sdkMedian / rawMedian:F2}x p95 {sdkP95 / rawP95:F2}x ops/s {rawRate / sdkRate:F2}x (n={sdk.Latencies.Count}/{raw.Latencies.Count})"));
}

internal sealed record Side(string Name, Func<string, string, Task> Insert, Func<string, string, Task> Read);

internal sealed class Phases
{
    public List<double> Latencies { get; } = [];
    public double WallSeconds { get; set; }
}

internal sealed class Samples
{
    public Phases Insert { get; } = new();
    public Phases Read { get; } = new();

    public void Add((List<double> Latencies, double WallSeconds) insert, (List<double> Latencies, double WallSeconds) read)
    {
        Insert.Latencies.AddRange(insert.Latencies);
        Insert.WallSeconds += insert.WallSeconds;
        Read.Latencies.AddRange(read.Latencies);
        Read.WallSeconds += read.WallSeconds;
    }
}

/// <summary>
/// The baseline: one HttpClient (default SocketsHttpHandler pooling), SharedKeyLite signature, JSON by hand,
/// the same entity. It sends x-ms-version 2019-02-02; the SDK sends 2020-12-06 (Azurite serves both alike).
/// </summary>
internal sealed class RawTable(Uri endpoint, string table, HttpMessageHandler? handler = null)
{
    private const string AccountName = "devstoreaccount1";
    private static readonly byte[] Key = Convert.FromBase64String(AzuriteServer.AccountKey);
    private readonly HttpClient _http = handler is null ? new() : new(handler, disposeHandler: false);

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

/// <summary>Answers like Azurite 3.35 (headers and minimal-metadata body), without a socket: client-cpu mode.</summary>
internal sealed class CannedTableHandler : HttpMessageHandler
{
    private static readonly byte[] Entity = Encoding.UTF8.GetBytes(
        "{\"odata.metadata\":\"http://127.0.0.1:10002/devstoreaccount1/$metadata#bench/@Element\",\"odata.etag\":\"W/\\\"datetime'2026-12-01T12%3A00%3A00.1234567Z'\\\"\"," +
        "\"PartitionKey\":\"org-1\",\"RowKey\":\"k1\",\"Title\":\"มาตรการ ๑\",\"Budget@odata.type\":\"Edm.Int64\",\"Budget\":\"15000000\",\"Round\":6," +
        "\"Timestamp\":\"2026-12-01T12:00:00.1234567Z\"}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content != null) await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        bool get = request.Method == HttpMethod.Get;
        var response = new HttpResponseMessage(get ? System.Net.HttpStatusCode.OK : System.Net.HttpStatusCode.NoContent) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation("Server", "Azurite-Table/3.35.0");
        response.Headers.TryAddWithoutValidation("ETag", "W/\"datetime'2026-12-01T12%3A00%3A00.1234567Z'\"");
        response.Headers.TryAddWithoutValidation("x-ms-request-id", Guid.NewGuid().ToString());
        response.Headers.TryAddWithoutValidation("x-ms-version", "2020-12-06");
        response.Headers.TryAddWithoutValidation("Date", DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture));
        if (request.Headers.TryGetValues("x-ms-client-request-id", out var id)) response.Headers.TryAddWithoutValidation("x-ms-client-request-id", id);
        if (get)
        {
            response.Content = new ByteArrayContent(Entity);
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json;odata=minimalmetadata;streaming=true;charset=utf-8");
        }
        else
        {
            response.Headers.TryAddWithoutValidation("Preference-Applied", "return-no-content");
            response.Content = new ByteArrayContent([]);
        }
        return response;
    }
}
