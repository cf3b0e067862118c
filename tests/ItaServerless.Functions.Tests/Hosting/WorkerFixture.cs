// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using ItaServerless.Functions.Hosting;
using ItaServerless.FunctionsHost;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Worker;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Functions.Tests.Hosting;

[CollectionDefinition(Collection)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Collection = WorkerFixture.Collection;
}

/// <summary>
/// The app as it runs: its built worker (functions/ItaServerless.Functions/bin/…) started by the local
/// Functions host on a free port, on an Azurite of its own; one per test collection. Tests use it
/// over HTTP as a client would, and read storage with the app's own services (<see cref="Get{T}"/>).
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string Collection = "Worker";
    public const string AdminKey = FunctionsApp.AdminKey;

    public static string AppDirectory { get; } =
        typeof(WorkerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AppDirectory").Value!;

    /// <summary>The local host's build output (its own folder: it runs as a process in the crash tests).</summary>
    public static string HostDirectory { get; } =
        typeof(WorkerFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "HostDirectory").Value!;

    private AzuriteServer? _azurite;
    private WebApplication? _host;
    private ServiceProvider? _services;

    public string ConnectionString => _azurite!.ConnectionString;

    public Uri BaseUrl { get; private set; } = null!;

    public FunctionsHostOptions Options { get; private set; } = null!;

    /// <summary>Where the app's file sink writes reminders (no SMTP here).</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "ita-worker-outbox-" + Guid.NewGuid().ToString("N")[..10]);

    public IServiceProvider HostServices => _host!.Services;

    public WorkerSupervisor Supervisor => HostServices.GetRequiredService<WorkerSupervisor>();

    public async Task InitializeAsync()
    {
        // The worker's blob extension speaks the SDK's newest service version, which this Azurite does not know.
        _azurite = await AzuriteServer.StartNewAsync(skipApiVersionCheck: true);
        Options = new FunctionsHostOptions
        {
            AppDirectory = AppDirectory,
            Port = Ports.Free(),
            StorageConnection = _azurite.ConnectionString,
            HostId = AzuriteFixture.UniqueName("worker"),
            MasterKey = AdminKey,
            BlobPollInterval = TimeSpan.FromMilliseconds(200),
        };
        Options.WorkerSettings["ITA_ADMIN_KEY"] = AdminKey;
        Options.WorkerSettings["Notifications:FileSink:Directory"] = Outbox;
        Options.WorkerSettings["Logging:LogLevel:Default"] = "Warning";
        _host = HostApp.Build(Options, configure: b => b.Logging.SetMinimumLevel(LogLevel.Warning));
        await _host.StartAsync();
        await HostServices.GetRequiredService<FunctionDispatcher>().FirstLoad.WaitAsync(TimeSpan.FromSeconds(90));
        BaseUrl = new Uri($"http://127.0.0.1:{Options.Port}/");

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = _azurite.ConnectionString,
            ["ITA_ADMIN_KEY"] = AdminKey,
        }).Build();
        _services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddItaServerless(configuration).BuildServiceProvider();
    }

    /// <remarks>Headers go as UTF-8 when they are not ASCII, so that the fuzzer's Thai and Cyrillic reach the host.</remarks>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 })
        {
            BaseAddress = BaseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>The app's own services on the fixture's storage, for reading what the worker wrote.</summary>
    public IServiceProvider Services => _services!;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }
        if (_services is not null) await _services.DisposeAsync();
        _azurite?.Dispose();
        try { Directory.Delete(Outbox, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

}
