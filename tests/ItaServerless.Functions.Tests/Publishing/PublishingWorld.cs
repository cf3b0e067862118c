// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Net;
using ItaServerless.Functions.Functions.PublishReports;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Storage;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;
using Microsoft.Azure.Functions.Worker;
using ItaServerless.Functions.Tests.Reports;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Functions.Tests.Publishing;

/// <summary>Keeps the warnings and errors the app logs, so a test can see that a failure was not silent.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> At(LogLevel level) => Entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log.Entries.Enqueue((logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception)));
        }
    }
}

/// <summary>
/// One test's publishing world: its own tables (prefix, so the timer's directory holds only this
/// test's organizations) on the run's Azurite, a manual clock, and in-memory app instances whose timer
/// and blob functions the test runs. Blob containers are shared, organization ids are unique.
/// </summary>
public sealed class PublishingWorld : IDisposable
{
    private readonly AzuriteFixture _azurite;
    private readonly List<FunctionsApp> _apps = [];

    public PublishingWorld(AzuriteFixture azurite, DateTimeOffset start)
    {
        _azurite = azurite;
        Clock = new ManualClock(start);
        Prefix = AzuriteFixture.UniqueName("pb");
    }

    public ManualClock Clock { get; }

    public string Prefix { get; }

    public CapturedLog Log { get; } = new();

    public FunctionsApp NewApp()
    {
        var app = new FunctionsApp(_azurite.ConnectionString, clock: Clock, configure: b =>
        {
            b.ConfigureLogging(l => l.AddProvider(Log));
            b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>(), Prefix))));
        });
        _apps.Add(app);
        return app;
    }

    /// <summary>Creates an organization (admin, then its editor) and, when <paramref name="seed"/>, the data of a progress report.</summary>
    public static async Task<(string Org, ApiClient Editor)> CreateOrgAsync(FunctionsApp app, bool autoPublish, bool seed = true)
    {
        var admin = new ApiClient(app.CreateClient()).AsAdmin();
        var org = "org-" + Guid.NewGuid().ToString("N")[..12];
        var created = (await admin.PostAsync("/api/orgs", new
        {
            id = org, name = ReportPipeline.OrganizationName, kind = "เทศบาลตำบล", province = "นครพนม", documentPrefix = "นพ ๕๒๔๐๑", autoPublish,
        })).Is(HttpStatusCode.Created);
        var editor = admin.As(created.Json["editorToken"]!.GetValue<string>());
        if (seed) await ReportPipeline.SeedAsync(editor, org);
        return (org, editor);
    }

    /// <summary>Moves the clock to <paramref name="slot"/> and runs the PublishReports timer function, as the host fires it then.</summary>
    public async Task RunAsync(FunctionsApp app, DateTimeOffset slot, bool isPastDue = false)
    {
        Clock.Now = slot;
        await app.RunAsync<PublishReportsFunction>(f => f.RunAsync(new TimerInfo { IsPastDue = isPastDue }, default));
    }

    /// <summary>The names under public/{org}/ with their ETags.</summary>
    public static async Task<Dictionary<string, string>> PublicBlobsAsync(FunctionsApp app, string org)
    {
        var blobs = new Dictionary<string, string>();
        var container = app.Get<AppBlobStore>().Service.GetBlobContainerClient(PublicDocuments.Container);
        await container.CreateIfNotExistsAsync();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = org + "/" })) blobs[blob.Name] = blob.Properties.ETag.ToString()!;
        return blobs;
    }

    public void Dispose()
    {
        foreach (var app in _apps) app.Dispose();
    }
}
