// SPDX-License-Identifier: MIT
// The daily reminder sweep over many organizations in Azurite: wall time and storage requests.
// Usage: dotnet run -c Release --project tests/ItaServerless.Benchmarks -- reminder-sweep [organizations=8000] [open percent=10]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Notifications;
using ItaServerless.Notifications.Channels;
using ItaServerless.Notifications.Messages;
using ItaServerless.Notifications.Sweep;
using ItaServerless.Storage;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaServerless.Benchmarks;

/// <summary>
/// Seeds N organizations × 12 measures of FY 2569 (3 units, 2 copied officials each) with batch
/// transactions; a share of them has unreported measures in the 6-month round, the others reported
/// everything. Then sweeps on 23 April 2026 (the −7 slot of the 6m round) twice: the first run
/// delivers, the second (a double fire) must deliver nothing. Prints time and requests by kind.
/// </summary>
internal static class ReminderSweepBenchmark
{
    private static readonly FiscalYear Year = FiscalYear.Of(2569);
    private static readonly DateTimeOffset SweepAt = new(2026, 4, 23, 2, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 8000;
        var openPercent = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        using var azurite = await AzuriteServer.StartNewAsync();
        var seedTables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables);
        await seedTables.EnsureCreatedAsync();
        var loadBeforeSeeding = await LoadGate.WaitQuietAsync();
        var clock = Stopwatch.StartNew();
        var organizations = Enumerable.Range(0, count).Select(i => Organization(i, open: i % 100 < openPercent)).ToArray();
        await new TableBulkImport(seedTables).ImportAsync(organizations, parallelism: 8);
        var seeded = clock.Elapsed;
        var withOpenWork = organizations.Count(o => o.Progress.Count < o.Measures.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {count} organizations × 12 measures ({withOpenWork} with unreported measures) in {seeded.TotalSeconds:F1} s; {Environment.ProcessorCount} cores, Azurite in memory; load {loadBeforeSeeding} before, {LoadGate.Load()} after"));

        var counter = new RequestCounter();
        var tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString, o => o.AddPolicy(counter, HttpPipelinePosition.PerCall)).Tables);
        var channel = new CountingChannel();
        var sweep = new ReminderSweep(new TableReminderWorkIndex(tables), new TableOrganizationRepository(tables), new TablePlanRepository(tables),
            new TableReminderLog(tables), new ConfiguredChannels([channel], new HttpClient(), new WebhookOptions()),
            new ReminderComposer(new NotificationOptions()), new ReminderSweepOptions(), NullLogger<ReminderSweep>.Instance);

        foreach (var run in new[] { "first sweep", "second sweep (same day)" })
        {
            var loadBefore = await LoadGate.WaitQuietAsync();
            counter.Clear();
            clock.Restart();
            var result = await sweep.RunAsync(SweepAt);
            var elapsed = clock.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: {elapsed.TotalSeconds:F1} s, {counter.Total} storage requests (load {loadBefore} before, {LoadGate.Load()} after); {result}"));
            foreach (var (kind, n) in counter.ByKind.OrderByDescending(k => k.Value))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n,7}  {kind}"));
            var perLoaded = result.OrganizationsLoaded == 0 ? 0 : (double)(counter.Total - counter.Kind("directory page") - counter.Kind("open-work page")) / result.OrganizationsLoaded;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  per organization with open work: {perLoaded:F1} requests; the other {result.Organizations - result.OrganizationsLoaded} cost only their share of the directory pages"));
        }

        Console.WriteLine($"messages handed to the channel: {channel.Count} (a counting channel: delivery time is not measured)");
        return 0;
    }

    private static OrganizationImport Organization(int i, bool open)
    {
        var id = "org-" + i.ToString("D5", CultureInfo.InvariantCulture);
        var org = Core.Organizations.Organization.Create(new OrganizationDraft(id, $"เทศบาลตำบลทดสอบ {i}", "เทศบาลตำบล", Province: "นครพนม")).Value;
        string[] unitIds = ["office", "finance", "works"];
        var units = unitIds.Select(u => Unit.Create(id, u, new UnitDraft("กอง " + u, [new ContactDraft("หัวหน้า " + u, $"{u}@{id}.go.th")])).Value).ToArray();
        var officials = new[]
        {
            Official.Create(id, "planner", new OfficialDraft("นางสาวสมศรี ใจดี", "นักวิเคราะห์นโยบายและแผน", "drafter", 1, $"plan@{id}.go.th")).Value,
            Official.Create(id, "palad", new OfficialDraft("นายสมชาย รักงาน", "ปลัดเทศบาล", "permanentSecretary", 2, $"palad@{id}.go.th")).Value,
        };
        var measures = Enumerable.Range(1, 12).Select(n => Measure.Create(new MeasureDraft("ita", n, $"มาตรการที่ {n} ของ {id}",
            Indicators: [1 + n % 10], Responsible: [unitIds[n % 3]]), Year, null).Value).ToArray();
        // Organizations without open work reported every measure of the 6m round; the others left four (of all three units) unreported.
        var reported = measures.Where(m => !open || m.Number <= 8);
        var progress = reported.Select(m => new ProgressRecord(Progress.Create(
            new ProgressDraft("done", Reporter: new ReporterDraft("นายรังสรรค์ ศรีเพชร", null)), m, ReportingRound.SixMonths).Value, SweepAt.AddDays(-10))).ToArray();
        return new OrganizationImport(org, units, officials, measures, progress);
    }

    /// <summary>Counts every request leaving the pipeline (retries included), by what it is for.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private readonly ConcurrentDictionary<string, int> _kinds = new();
        private int _total;

        public int Total => _total;

        public IReadOnlyDictionary<string, int> ByKind => _kinds;

        public int Kind(string kind) => _kinds.GetValueOrDefault(kind);

        public void Clear()
        {
            _kinds.Clear();
            _total = 0;
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref _total);
            _kinds.AddOrUpdate(Classify(message.Request), 1, (_, n) => n + 1);
        }

        private static string Classify(Request request)
        {
            var uri = Uri.UnescapeDataString(request.Uri.ToUri().PathAndQuery);
            var method = request.Method.Method;
            if (uri.Contains("'~directory'", StringComparison.Ordinal)) return "directory page";
            if (uri.Contains("'~open'", StringComparison.Ordinal) && method == "GET") return "open-work page";
            if (uri.Contains("/Reminders(PartitionKey='~open'", StringComparison.Ordinal)) return "open-work mark write";
            if (uri.Contains("/Organizations()", StringComparison.Ordinal)) return "organization profile query";
            if (uri.Contains("/Plans(", StringComparison.Ordinal) && uri.Contains("RowKey='~reporting'", StringComparison.Ordinal)) return "reporting row read (point)";
            if (uri.Contains("/Plans()", StringComparison.Ordinal)) return uri.Contains("progress|", StringComparison.Ordinal) ? "progress query" : "measures query";
            if (uri.Contains("/Reminders()", StringComparison.Ordinal) && method == "GET") return "reminder log query";
            if (uri.Contains("/Reminders", StringComparison.Ordinal) && method == "POST") return "claim insert";
            if (uri.Contains("/Reminders(", StringComparison.Ordinal) && method == "PUT") return "delivery outcome write";
            if (uri.Contains("/Reminders(", StringComparison.Ordinal) && method == "GET") return "claim read";
            return method + " " + uri.Split('?')[0];
        }
    }

    /// <summary>Takes every message and counts it: the benchmark measures storage, not mail servers.</summary>
    private sealed class CountingChannel : IReminderChannel
    {
        private int _count;

        public int Count => _count;

        public string Name => "bench";

        public Task<DeliveryResult> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.FromResult(DeliveryResult.Success(Name));
        }
    }
}
