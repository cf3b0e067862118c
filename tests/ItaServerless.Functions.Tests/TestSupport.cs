// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using ItaServerless.Functions.Invocation;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaServerless.Functions.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>What the test-only functions saw.</summary>
public sealed class InvocationRecorder
{
    public ConcurrentQueue<(string Function, InvocationRequest Request, TimerInfo? Timer, BlobTriggerInput? Blob)> Calls { get; } = new();

    public int Count(string function) => Calls.Count(c => c.Function == function);
}

public sealed class TestTimerFunction(InvocationRecorder recorder) : ITriggeredFunction
{
    public static string FunctionName => "TestTimer";

    public Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.Calls.Enqueue((FunctionName, invocation.Request, invocation.Timer(), null));
        invocation.Log("test timer ran");
        return Task.CompletedTask;
    }
}

public sealed class TestBlobFunction(InvocationRecorder recorder) : ITriggeredFunction
{
    public static string FunctionName => "TestBlob";

    public Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var blob = invocation.Blob();
        recorder.Calls.Enqueue((FunctionName, invocation.Request, null, blob));
        invocation.SetReturnValue(System.Text.Json.Nodes.JsonValue.Create(blob.Text.Length));
        return Task.CompletedTask;
    }
}

public sealed class FailingBlobFunction(InvocationRecorder recorder) : ITriggeredFunction
{
    public static string FunctionName => "FailingBlob";

    public Task RunAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        recorder.Calls.Enqueue((FunctionName, invocation.Request, null, invocation.Blob()));
        throw new InvalidOperationException("the report template is broken");
    }
}

/// <summary>A folder with host.json-less function folders written by the test.</summary>
public sealed class TempScriptRoot : IDisposable
{
    public TempScriptRoot() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ita-fn-" + Guid.NewGuid().ToString("N")[..10]);

    public TempScriptRoot Add(string function, string json)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, function));
        File.WriteAllText(System.IO.Path.Combine(Path, function, "function.json"), json);
        return this;
    }

    public TempScriptRoot AddTimer(string schedule) =>
        Add(TestTimerFunction.FunctionName, $$"""{ "bindings": [ { "name": "Timer", "type": "timerTrigger", "direction": "in", "schedule": "{{schedule}}" } ] }""");

    public TempScriptRoot AddBlob(string function, string path) =>
        Add(function, $$"""{ "bindings": [ { "name": "blob", "type": "blobTrigger", "direction": "in", "path": "{{path}}", "connection": "AzureWebJobsStorage" } ] }""");

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The app in memory, on the test's Azurite, script root, host id and clock.</summary>
public sealed class FunctionsApp(
    string? connectionString, string? scriptRoot = null, string hostId = "test-host", TimeProvider? clock = null,
    bool listeners = false, InvocationRecorder? recorder = null, string? customHandlerPort = null, TimeSpan? pollInterval = null,
    Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    public InvocationRecorder Recorder { get; } = recorder ?? new InvocationRecorder();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (connectionString is not null) builder.UseSetting("AzureWebJobsStorage", connectionString);
        if (scriptRoot is not null) builder.UseSetting("AzureWebJobsScriptRoot", scriptRoot);
        if (customHandlerPort is not null) builder.UseSetting("FUNCTIONS_CUSTOMHANDLER_PORT", customHandlerPort);
        builder.UseSetting("AzureFunctionsWebHost:hostid", hostId);
        builder.UseSetting("Logging:LogLevel:Default", "Warning"); // keep CI logs readable
        builder.UseSetting("ITA_ADMIN_KEY", AdminKey);
        builder.UseSetting("LocalRuntime:RunBackgroundListeners", listeners ? "true" : "false");
        builder.UseSetting("LocalRuntime:BlobPollInterval", (pollInterval ?? TimeSpan.FromMilliseconds(100)).ToString());
        builder.ConfigureServices(services =>
        {
            if (clock is not null) services.Replace(ServiceDescriptor.Singleton(clock));
            services.AddSingleton(Recorder);
            services.AddTriggeredFunction<TestTimerFunction>();
            services.AddTriggeredFunction<TestBlobFunction>();
            services.AddTriggeredFunction<FailingBlobFunction>();
        });
        configure?.Invoke(builder);
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();
}

public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until true or the timeout (for the tests of the real background loops).</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(25);
        }
    }
}
