// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using ItaServerless.FunctionsHost.Blobs;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Storage;
using ItaServerless.FunctionsHost.Timers;
using ItaServerless.FunctionsHost.Worker;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaServerless.FunctionsHost.Tests;

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "FunctionsHost";
}

/// <summary>
/// One Azurite and one host running the sample worker for the whole collection. Before the host
/// starts, the timer's status says its next run was ten minutes ago: the host was "down".
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static string WorkerDirectory { get; } =
        typeof(HostFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WorkerDirectory").Value!;

    private AzuriteServer? _azurite;
    private WebApplication? _app;

    public FunctionsHostOptions Options { get; private set; } = null!;
    public LogCapture Logs { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The planned run the host missed while down.</summary>
    public DateTime MissedRun { get; private set; }

    public IServiceProvider Services => _app!.Services;
    public FunctionDispatcher Dispatcher => Services.GetRequiredService<FunctionDispatcher>();
    public WorkerSupervisor Supervisor => Services.GetRequiredService<WorkerSupervisor>();
    public TimerScheduler Timers => Services.GetRequiredService<TimerScheduler>();
    public BlobTriggerWatcher BlobWatcher => Services.GetRequiredService<BlobTriggerWatcher>();
    public RuntimeBlobStore Store => Services.GetRequiredService<RuntimeBlobStore>();

    public async Task InitializeAsync()
    {
        // The worker's blob extension uses the SDK's newest service version, which this Azurite does not know.
        _azurite = await AzuriteServer.StartNewAsync(skipApiVersionCheck: true);
        Options = new FunctionsHostOptions
        {
            AppDirectory = WorkerDirectory,
            Port = Ports.Free(),
            StorageConnection = _azurite.ConnectionString,
            HostId = AzuriteFixture.UniqueName("host"),
            BlobPollInterval = TimeSpan.FromMilliseconds(200),
        };
        Blobs = new BlobServiceClient(_azurite.ConnectionString, new BlobClientOptions(Options.BlobServiceVersion));
        var now = DateTime.UtcNow;
        MissedRun = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc).AddMinutes(-10);
        await new RuntimeBlobStore(Blobs).WriteJsonAsync(RuntimePaths.HostsContainer, RuntimePaths.TimerStatus(Options.HostId, "Tick"),
            new ScheduleStatus(MissedRun.AddMinutes(-1), MissedRun, MissedRun.AddMinutes(-1)), null, default);

        _app = HostApp.Build(Options, configure: b => b.Logging.ClearProviders().AddProvider(Logs));
        await _app.StartAsync();
        await Dispatcher.FirstLoad.WaitAsync(TimeSpan.FromSeconds(60));
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Options.Port}/"), Timeout = Deadline };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _azurite?.Dispose();
    }

    public HostFunction Function(string name) => Dispatcher.Find(name) ?? throw new InvalidOperationException($"No function {name}.");

    /// <summary>The JSON records the sample worker wrote under <paramref name="prefix"/> in its records container.</summary>
    public async Task<List<(string Name, JsonNode Json)>> RecordsAsync(string prefix)
    {
        var container = Blobs.GetBlobContainerClient("records");
        var records = new List<(string, JsonNode)>();
        if (!await container.ExistsAsync()) return records;
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
            records.Add((item.Name, JsonNode.Parse((await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToString())!));
        return records;
    }

    /// <summary>Polls until <paramref name="probe"/> gives a value, failing after the deadline.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? Deadline);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }

}

public sealed record LogEntry(string Category, LogLevel Level, string Message);

/// <summary>Keeps every log line of the host, for tests to wait on.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match, string what) =>
        HostFixture.EventuallyAsync(() => Task.FromResult(_entries.FirstOrDefault(match)), what);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception)));
    }
}
