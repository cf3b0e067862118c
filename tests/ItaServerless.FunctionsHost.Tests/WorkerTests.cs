// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging;

namespace ItaServerless.FunctionsHost.Tests;

[Collection(HostCollection.Name)]
public sealed class WorkerTests(HostFixture host)
{
    [Fact]
    public async Task The_workers_logs_reach_the_host_logger_under_the_function()
    {
        using var response = await host.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The function logs the x-ms-invocation-id it was called with: the id the host forwarded.
        var line = await host.Logs.WaitForAsync(e => e.Category == "Function.Health.User" && e.Message.StartsWith("Health called with invocation ", StringComparison.Ordinal), "the function's log line");
        var id = line.Message["Health called with invocation ".Length..];
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains(host.Logs.Entries, e => e.Message.StartsWith("Executing 'Functions.Health'", StringComparison.Ordinal) && e.Message.Contains($"Id={id}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_worker_is_started_again_and_serves()
    {
        var first = host.Supervisor.ProcessId!.Value;
        using var process = Process.GetProcessById(first);

        process.Kill();

        await process.WaitForExitAsync();
        await HostFixture.EventuallyAsync(() => Task.FromResult(host.Supervisor.ProcessId != first && host.Dispatcher.IsReady ? "ready" : null), "a new worker", TimeSpan.FromSeconds(60));
        using var response = await host.Http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(host.Logs.Entries, e => e.Category.EndsWith("WorkerSupervisor", StringComparison.Ordinal) && e.Message.Contains($"Worker {first} exited", StringComparison.Ordinal));
    }
}
