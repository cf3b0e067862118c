// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>
/// The app as it runs on one machine, as real processes on 127.0.0.1: the local Functions host and the
/// built worker it starts (functions/ItaServerless.Functions/bin/…), so that a test can kill both with
/// SIGKILL and start them again.
/// </summary>
public sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public Uri BaseUrl { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var folder = Hosting.WorkerFixture.HostDirectory;
        var dll = Path.Combine(folder, "ItaServerless.FunctionsHost.dll");
        if (!File.Exists(dll) || !File.Exists(Path.Combine(Hosting.WorkerFixture.AppDirectory, "worker.config.json")))
            throw new InvalidOperationException($"The built host or worker is missing: {dll}, {Hosting.WorkerFixture.AppDirectory}");
        var port = Ports.Free();
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "exec", dll, "--app", Hosting.WorkerFixture.AppDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(arg);
        foreach (var (key, value) in settings) psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new Process { StartInfo = psi };
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited ({process.ExitCode}): {app.Log}");
            try
            {
                if ((await http.GetAsync("api/health")).StatusCode == HttpStatusCode.OK) return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            if (deadline.Elapsed > timeout)
            {
                app.Dispose();
                throw new TimeoutException($"The app did not answer /api/health in {timeout}: {app.Log}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, like a crash or a lost machine.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            if (_log.Length < 64_000) _log.AppendLine(line);
        }
    }

}
