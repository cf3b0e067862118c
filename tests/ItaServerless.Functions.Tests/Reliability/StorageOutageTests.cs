// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Audit;
using ItaServerless.Testing;
using Xunit.Abstractions;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// Storage goes away during a burst of writes (its own Azurite with a data folder, stopped and
/// started again on the same ports): every answer is 2xx, 412 or 503 with Retry-After, never 500;
/// afterwards every acknowledged write is there and the audit chain is whole.
/// </summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 6;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ita-outage-" + Guid.NewGuid().ToString("N")[..10]);
    private AzuriteServer _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteServer.StartNewAsync(_data);

    public Task DisposeAsync()
    {
        _azurite.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writes_during_an_outage_fail_with_503_and_acknowledged_writes_survive()
    {
        var figures = new Figures("storage-outage", output);
        using var app = new FunctionsApp(_azurite.ConnectionString);
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var org = "outage-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostAsync("/api/orgs", new { id = org, name = "เทศบาลตำบลทดสอบ", kind = "เทศบาลตำบล" })).Is(HttpStatusCode.Created);

        var acknowledged = new ConcurrentDictionary<int, string>();
        var bad = new ConcurrentBag<string>();
        var stopped = new TaskCompletionSource();
        using var burst = new CancellationTokenSource();
        var retryAfterMissing = 0;

        async Task WriterAsync(int writer)
        {
            for (var i = 0; !burst.IsCancellationRequested && i < 400; i++)
            {
                var number = writer * 1000 + i + 1;
                var title = $"มาตรการ {number}";
                var answer = await admin.PostAsync($"/api/orgs/{org}/years/2569/measures", new
                {
                    plan = "ita", number, title, indicators = new[] { 9 }, responsible = new[] { "*" }, period = new { wholeYear = true },
                });
                figures.Add("requests");
                if (answer.Status == HttpStatusCode.Created)
                {
                    acknowledged[number] = title;
                    figures.Add("acknowledged");
                }
                else if (answer.Status == HttpStatusCode.ServiceUnavailable)
                {
                    figures.Add("faults503");
                    if (answer.RetryAfter is null) Interlocked.Increment(ref retryAfterMissing);
                }
                else
                {
                    bad.Add($"{(int)answer.Status} {answer.Body?.ToJsonString()}");
                }
            }
        }

        var writers = Enumerable.Range(1, Writers).Select(WriterAsync).ToArray();
        await Wait.UntilAsync(() => figures["acknowledged"] >= 30, TimeSpan.FromSeconds(60));
        _azurite.Stop();
        figures.Add("outages");
        await Wait.UntilAsync(() => figures["faults503"] >= Writers, TimeSpan.FromSeconds(60));
        await _azurite.StartAsync();
        await Task.Delay(500);
        await burst.CancelAsync();
        await Task.WhenAll(writers);
        figures.Add("failures", bad.Count);
        figures.Report();

        Assert.Empty(bad);
        Assert.Equal(0, retryAfterMissing);
        Assert.True(figures["faults503"] >= Writers);

        // Every acknowledged write is there, and every stored measure has its audit record (verify checks both ways).
        var measures = (await admin.GetAsync($"/api/orgs/{org}/years/2569/measures")).Is(HttpStatusCode.OK).Json["items"]!.AsArray()
            .ToDictionary(m => m!["number"]!.GetValue<int>(), m => m!["title"]!.GetValue<string>());
        foreach (var (number, title) in acknowledged) Assert.Equal(title, measures.GetValueOrDefault(number));
        figures.Add("stored", measures.Count);
        var verdict = await AuditTrailTests.VerifyAsync(admin, org, 2569);
        Assert.True(verdict["valid"]!.GetValue<bool>(), verdict.ToJsonString());
        Assert.Equal(measures.Count, verdict["checked"]!.GetValue<int>());
    }
}
