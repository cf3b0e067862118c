// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ItaServerless.FunctionsHost.Grpc;

namespace ItaServerless.FunctionsHost.Worker;

/// <summary>
/// One worker process started as the Functions host starts it: worker.config.json's executable,
/// the --functions-* switches, FUNCTIONS_APPLICATION_DIRECTORY and the app settings. Its output is
/// redirected and read by <see cref="WorkerSupervisor"/>.
/// </summary>
public sealed class WorkerLaunch
{
    private WorkerLaunch(string workerId, Process process) => (WorkerId, Process) = (workerId, process);

    public string WorkerId { get; }

    public Process Process { get; }

    /// <summary>
    /// Starts the first worker before the host is built: the worker's own start (~0.5 s) then runs
    /// beside the host's. Its gRPC connection waits in <see cref="GrpcEndpoint"/>'s listen queue.
    /// </summary>
    public static WorkerLaunch StartEarly(FunctionsHostOptions options, GrpcEndpoint grpc)
    {
        var launch = Start(options, grpc, Guid.NewGuid().ToString());
        // Until the supervisor adopts it, nothing else would end it with the host.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => WorkerSupervisor.Kill(launch.Process);
        return launch;
    }

    public static WorkerLaunch Start(FunctionsHostOptions options, GrpcEndpoint grpc, string workerId)
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
        foreach (var argument in new[]
                 {
                     "--functions-uri", grpc.Uri.ToString(), "--functions-worker-id", workerId, "--functions-request-id", Guid.NewGuid().ToString(),
                     "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
                 })
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in options.WorkerSettings) start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = options.AppDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = options.AppDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = options.AppDirectory;
        start.Environment["AzureWebJobsStorage"] = options.StorageConnection;
        return new WorkerLaunch(workerId, Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start."));
    }
}
