// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ItaServerless.Testing;

/// <summary>
/// One Azurite process, in memory, on free 127.0.0.1 ports. Stop() and Restart() keep the ports
/// (for "storage went away" tests); data is lost on stop (in-memory). A shell watchdog kills
/// Azurite if this test process dies without disposing, so no node process outlives the run.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    private const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly object _gate = new();
    private Process? _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    /// <param name="dataDirectory">Null: in memory (data lost on Stop). A folder: data survives Stop/Restart.</param>
    /// <param name="skipApiVersionCheck">Accept clients newer than this Azurite (e.g. the Functions worker's blob extension, whose service version cannot be pinned).</param>
    public AzuriteServer(string? dataDirectory = null, bool skipApiVersionCheck = false)
    {
        DataDirectory = dataDirectory;
        SkipApiVersionCheck = skipApiVersionCheck;
        BlobPort = Ports.Free();
        QueuePort = Ports.Free();
        TablePort = Ports.Free();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
    }

    public string? DataDirectory { get; }

    public bool SkipApiVersionCheck { get; }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public Uri BlobEndpoint => new($"http://127.0.0.1:{BlobPort}/{AccountName}");
    public Uri TableEndpoint => new($"http://127.0.0.1:{TablePort}/{AccountName}");

    /// <summary>Explicit endpoints with the well-known development account key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};TableEndpoint={TableEndpoint};";

    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    public static async Task<AzuriteServer> StartNewAsync(string? dataDirectory = null, CancellationToken cancellationToken = default, bool skipApiVersionCheck = false)
    {
        var server = new AzuriteServer(dataDirectory, skipApiVersionCheck);
        try
        {
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        string azurite = Path.Combine(RepoPaths.RepoRoot, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"{azurite} is missing: run scripts/setup.sh (npm ci).");
        }
        // sh: start Azurite, then watch this process; when it is gone, kill Azurite.
        const string script = "\"$0\" \"$@\" & child=$!; trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP; " +
                              "while kill -0 $child 2>/dev/null; do kill -0 \"$ITA_PARENT_PID\" 2>/dev/null || { kill $child; break; }; sleep 0.5; done; wait $child";
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.RepoRoot,
        };
        psi.Environment["ITA_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var arg in new[]
                 {
                     "-c", script, azurite,
                     "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--disableTelemetry", "--loose", "--silent",
                 })
        {
            psi.ArgumentList.Add(arg);
        }
        if (SkipApiVersionCheck)
        {
            psi.ArgumentList.Add("--skipApiVersionCheck");
        }
        if (DataDirectory is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(DataDirectory);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(DataDirectory);
        }

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (_gate)
        {
            _process = process;
        }

        var deadline = Stopwatch.StartNew();
        while (!(await CanConnectAsync(BlobPort) && await CanConnectAsync(TablePort)))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                string output;
                lock (_output)
                {
                    output = _output.ToString();
                }
                Stop();
                throw new InvalidOperationException($"Azurite did not start on ports {BlobPort}/{TablePort}: {output}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Stops Azurite gracefully (SIGTERM, so a data folder is flushed), killing it after 10 s.</summary>
    public void Stop() => Halt(graceful: true);

    /// <summary>Kills Azurite at once (SIGKILL), like a crash: unsaved data in a data folder is lost.</summary>
    public void Kill() => Halt(graceful: false);

    private void Halt(bool graceful)
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }
        if (process is null)
        {
            return;
        }
        try
        {
            if (graceful && !process.HasExited && SendSignal(process.Id, SigTerm) == 0 && process.WaitForExit(10_000))
            {
                return;
            }
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Starts again on the same ports (empty unless a data directory was given).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Stop();
        await StartAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        Stop();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

}
