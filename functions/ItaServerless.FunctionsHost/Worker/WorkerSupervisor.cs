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
public sealed class WorkerSupervisor : BackgroundService
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);
    private readonly FunctionsHostOptions _options;
    private readonly GrpcEndpoint _grpc;
    private readonly FunctionDispatcher _dispatcher;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ILogger _output;
    private volatile WorkerChannel? _channel;
    private volatile Process? _process;
    private WorkerLaunch? _first;

    public WorkerSupervisor(FunctionsHostOptions options, GrpcEndpoint grpc, FunctionDispatcher dispatcher, IHostApplicationLifetime lifetime, ILoggerFactory loggers, WorkerLaunch? first = null)
    {
        (_options, _grpc, _dispatcher, _lifetime, _loggers) = (options, grpc, dispatcher, lifetime, loggers);
        _logger = loggers.CreateLogger<WorkerSupervisor>();
        _output = loggers.CreateLogger("Worker.Process");
        // The worker started before the host was built: its stream may arrive before ExecuteAsync runs.
        if (first is not null) (_first, _channel, _process) = (first, NewChannel(first.WorkerId), first.Process);
    }

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
        // The gRPC socket listens from the start (GrpcEndpoint), so a worker may start before the server does.
        // The server stops before this service and waits for the worker's open stream: end the worker at the first sign of stopping.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(serviceStopping, _lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            WorkerChannel channel;
            Process process;
            if (Interlocked.Exchange(ref _first, null) is { } first)
                (channel, process) = (_channel!, first.Process);
            else
            {
                channel = _channel = NewChannel(Guid.NewGuid().ToString());
                process = _process = WorkerLaunch.Start(_options, _grpc, channel.WorkerId).Process;
            }
            using var _ = process;
            Watch(process);
            var exited = process.WaitForExitAsync(CancellationToken.None);
            try
            {
                // A worker that dies before loading is replaced at once, not after the start timeout.
                await Task.WhenAny(channel.Loaded, exited).WaitAsync(_options.WorkerStartTimeout, stoppingToken);
                if (!exited.IsCompleted)
                {
                    var loaded = await channel.Loaded;
                    _dispatcher.Publish(channel, loaded);
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
            _dispatcher.Withdraw(channel);
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

    private WorkerChannel NewChannel(string workerId) => new(workerId, _options.AppDirectory, RoutePrefix(_options.AppDirectory), _loggers);

    /// <summary>The worker's output becomes log lines (what it wrote before this waited in the pipe).</summary>
    private void Watch(Process process)
    {
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.LogInformation("{Line}", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.LogWarning("{Line}", e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessId = process.Id;
        _logger.LogInformation("Started worker {ProcessId} for {AppDirectory}", process.Id, _options.AppDirectory);
    }

    /// <summary>WorkerTerminate, then a kill after the grace period, as the host shuts a worker down.</summary>
    private async Task StopAsync(WorkerChannel channel, Process process, Task exited)
    {
        _dispatcher.Withdraw(channel);
        channel.Terminate(GracePeriod);
        if (await Task.WhenAny(exited, Task.Delay(GracePeriod + TimeSpan.FromSeconds(1))) != exited) Kill(process);
        channel.Close("The host is stopping.");
    }

    internal static void Kill(Process process)
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
