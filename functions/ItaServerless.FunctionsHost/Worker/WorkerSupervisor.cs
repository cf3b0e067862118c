// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Grpc;

namespace ItaServerless.FunctionsHost.Worker;

/// <summary>
/// Starts the worker process as the host does (worker.config.json, the --functions-* switches,
/// FUNCTIONS_APPLICATION_DIRECTORY), publishes its functions once loaded, and starts a new one
/// when it exits or fails to load.
/// </summary>
public sealed class WorkerSupervisor(
    FunctionsHostOptions options, GrpcEndpoint grpc, FunctionDispatcher dispatcher, IHostApplicationLifetime lifetime, ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggers.CreateLogger<WorkerSupervisor>();
    private readonly ILogger _output = loggers.CreateLogger("Worker.Process");
    private volatile WorkerChannel? _channel;
    private volatile Process? _process;

    /// <summary>No orphaned worker when the host exits without stopping.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { if (_process is { } p) Kill(p); };
        return base.StartAsync(cancellationToken);
    }

    /// <summary>The channel of the current worker process.</summary>
    public WorkerChannel? Channel => _channel;

    public int? ProcessId { get; private set; }

    /// <summary>The route prefix the worker also uses: extensions.http.routePrefix in host.json, "api" by default.</summary>
    public static string RoutePrefix(string appDirectory)
    {
        var file = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(file)) return "api";
        var json = JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return json?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";
    }

    protected override async Task ExecuteAsync(CancellationToken serviceStopping)
    {
        // The gRPC endpoint must listen before a worker can call it.
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default);
        // The server stops before this service and waits for the worker's open stream: end the worker at the first sign of stopping.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(serviceStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var channel = new WorkerChannel(Guid.NewGuid().ToString(), options.AppDirectory, RoutePrefix(options.AppDirectory), loggers);
            _channel = channel;
            using var process = Start(channel.WorkerId);
            var exited = process.WaitForExitAsync(CancellationToken.None);
            try
            {
                // A worker that dies before loading is replaced at once, not after the start timeout.
                await Task.WhenAny(channel.Loaded, exited).WaitAsync(options.WorkerStartTimeout, stoppingToken);
                if (!exited.IsCompleted)
                {
                    var loaded = await channel.Loaded;
                    dispatcher.Publish(channel, loaded);
                    failures = 0;
                    _logger.LogInformation("Worker {ProcessId} loaded {Count} functions: {Functions}", process.Id, loaded.Count, string.Join(", ", loaded.Select(f => f.Name)));
                    await exited.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await StopAsync(channel, process, exited);
                return;
            }
            catch (Exception e) when (e is TimeoutException or WorkerGoneException or InvalidOperationException)
            {
                _logger.LogError("Worker {ProcessId} did not start: {Error}", process.Id, e.Message);
                Kill(process);
                await exited;
            }
            dispatcher.Withdraw(channel);
            channel.Close("The worker process exited.");
            var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failures++, 5)) - 1);
            _logger.LogWarning("Worker {ProcessId} exited with code {ExitCode}; starting a new one in {Delay}", process.Id, process.ExitCode, delay);
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private Process Start(string workerId)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(options.AppDirectory, "worker.config.json")))?["description"]
            ?? throw new InvalidOperationException("worker.config.json has no description.");
        var executable = config["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet";
        // Under `dotnet test` or `dotnet run`, the same dotnet runs the worker.
        if (executable == "dotnet") executable = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = options.AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (config["defaultWorkerPath"]?.GetValue<string>() is { Length: > 0 } workerPath) start.ArgumentList.Add(Path.Combine(options.AppDirectory, workerPath));
        var requestId = Guid.NewGuid().ToString();
        foreach (var argument in new[]
                 {
                     "--functions-uri", grpc.Uri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", requestId,
                     "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in options.WorkerSettings) start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = options.AppDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = options.AppDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = options.AppDirectory;
        start.Environment["AzureWebJobsStorage"] = options.StorageConnection;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.LogInformation("{Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.LogWarning("{Line}", e.Data); };
        process.Start();
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessId = process.Id;
        _logger.LogInformation("Started worker {ProcessId} ({WorkerId}) for {AppDirectory}", process.Id, workerId, options.AppDirectory);
        return process;
    }

    /// <summary>WorkerTerminate, then a kill after the grace period, as the host shuts a worker down.</summary>
    private async Task StopAsync(WorkerChannel channel, Process process, Task exited)
    {
        dispatcher.Withdraw(channel);
        channel.Terminate(GracePeriod);
        if (await Task.WhenAny(exited, Task.Delay(GracePeriod + TimeSpan.FromSeconds(1))) != exited) Kill(process);
        channel.Close("The host is stopping.");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

/// <summary>The address of the host's gRPC endpoint, on a free loopback port chosen at start.</summary>
public sealed class GrpcEndpoint
{
    public GrpcEndpoint()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        Port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }

    public Uri Uri => new($"http://127.0.0.1:{Port}/");
}
