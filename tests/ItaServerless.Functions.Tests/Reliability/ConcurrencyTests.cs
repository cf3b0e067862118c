// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Audit;
using ItaServerless.Testing;
using Xunit.Abstractions;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>50 clients × 20 conflicting edits of one measure (GET, then PUT with If-Match).</summary>
[Collection(WorkerFixture.Collection)]
public sealed class ConcurrencyTests(WorkerFixture app, ITestOutputHelper output) : ApiTestBase(app)
{
    private const int Clients = 50;
    private const int EditsPerClient = 20;

    [Fact]
    public async Task Conflicting_edits_either_succeed_or_get_412_and_none_is_lost()
    {
        var figures = new Figures("concurrency", output);
        var (org, editor, _) = await CreateOrgAsync();
        var path = $"/api/orgs/{org}/years/2569/measures/ita-1";
        (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", AuditTrailTests.Measure("เริ่มต้น"))).Is(HttpStatusCode.Created);

        var successes = new ConcurrentBag<(string Title, string ETag)>();
        var unexpected = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (client, _) =>
        {
            for (var edit = 0; edit < EditsPerClient; edit++)
            {
                var current = await editor.GetAsync(path);
                figures.Add("requests");
                if (current.Status != HttpStatusCode.OK)
                {
                    unexpected.Add($"GET {(int)current.Status}");
                    continue;
                }
                var title = $"ลูกข่าย {client} แก้ครั้งที่ {edit}";
                var put = await editor.PutAsync(path, AuditTrailTests.Measure(title), current.ETag);
                figures.Add("requests");
                figures.Add("writes");
                switch (put.Status)
                {
                    case HttpStatusCode.OK:
                        successes.Add((title, put.ETag!));
                        break;
                    case HttpStatusCode.PreconditionFailed:
                        figures.Add("conflicts412");
                        break;
                    default:
                        unexpected.Add($"PUT {(int)put.Status} {put.Body?.ToJsonString()}");
                        break;
                }
            }
        });
        figures.Add("successes", successes.Count);
        figures.Add("failures", unexpected.Count);
        figures.Report();

        Assert.Empty(unexpected);
        Assert.Equal(Clients * EditsPerClient, successes.Count + figures["conflicts412"]);
        Assert.NotEmpty(successes);
        Assert.Equal(successes.Count, successes.Select(s => s.ETag).Distinct().Count());

        // The final state is the write whose version is current.
        var final = (await editor.GetAsync(path)).Is(HttpStatusCode.OK);
        var last = Assert.Single(successes, s => s.ETag == final.ETag);
        Assert.Equal(last.Title, final.Json["title"]!.GetValue<string>());

        // No lost update: every acknowledged write is one audited update, each based on the one before it.
        var updates = new List<System.Text.Json.Nodes.JsonNode>();
        string? next = null;
        do
        {
            var page = (await editor.GetAsync($"/api/orgs/{org}/audit?fy=2569&limit=500{(next is null ? "" : "&continuation=" + Uri.EscapeDataString(next))}")).Is(HttpStatusCode.OK).Json;
            updates.AddRange(page["items"]!.AsArray().Where(r => r!["action"]!.GetValue<string>() == "update")!);
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null);
        Assert.Equal(successes.Count, updates.Count);
        var chronological = updates.OrderBy(u => u["sequence"]!.GetValue<long>()).ToList();
        Assert.Equal(successes.Select(s => s.Title).Order(), chronological.Select(u => u["after"]!["Title"]!.GetValue<string>()).Order());
        for (var i = 1; i < chronological.Count; i++)
            Assert.Equal(chronological[i - 1]["after"]!.ToJsonString(), chronological[i]["before"]!.ToJsonString());
        Assert.Equal(last.Title, chronological[^1]["after"]!["Title"]!.GetValue<string>());
        await AuditTrailTests.AssertValidAsync(editor, org, 2569, successes.Count + 1);
    }
}
