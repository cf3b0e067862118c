// SPDX-License-Identifier: MIT
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.LocalRuntime;
using ItaServerless.Functions.Metadata;
using ItaServerless.Functions.Storage;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests;

/// <summary>The local runtime against a real Azurite: timers, the admin route, blob triggers.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class LocalRuntimeTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 10, TimeSpan.Zero);

    private static string NewHostId() => "h" + Guid.NewGuid().ToString("N")[..12];

    private static FunctionDefinition Function(FunctionsApp app, string name) => app.Get<FunctionInvoker>().Catalog.Find(name)!;

    [Fact]
    public async Task A_timer_records_its_first_status_then_runs_each_slot_once()
    {
        using var root = new TempScriptRoot().AddTimer("0 */5 * * * *");
        var clock = new ManualClock(T0);
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, NewHostId(), clock);
        var timers = app.Get<TimerScheduler>();
        var function = Function(app, TestTimerFunction.FunctionName);

        await timers.StartTimerAsync(function, default);
        var status = (await timers.ReadStatusAsync(function, default))!.Value!;
        Assert.Equal(DateTime.MinValue, status.Last);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 5, 0), status.Next);
        Assert.Equal(0, app.Recorder.Count(TestTimerFunction.FunctionName));

        var slot = T0.AddSeconds(290);
        clock.Now = slot;
        Assert.True(await timers.RunSlotAsync(function, slot, isPastDue: false, default));
        Assert.False(await timers.RunSlotAsync(function, slot, isPastDue: false, default));
        var call = Assert.Single(app.Recorder.Calls);
        Assert.False(call.Timer!.IsPastDue);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 5, 0), call.Timer.ScheduleStatus!.Next);
        Assert.Equal(TestTimerFunction.FunctionName, call.Request.Metadata["sys"].GetProperty("MethodName").GetString());

        status = (await timers.ReadStatusAsync(function, default))!.Value!;
        Assert.Equal(slot.UtcDateTime, status.Last);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 10, 0), status.Next);
    }

    [Fact]
    public async Task Two_instances_never_run_one_slot_twice()
    {
        using var root = new TempScriptRoot().AddTimer("0 */5 * * * *");
        var hostId = NewHostId();
        var recorder = new InvocationRecorder();
        var slot = new DateTimeOffset(2026, 3, 1, 0, 5, 0, TimeSpan.Zero);
        var clock = new ManualClock(slot);
        using var first = new FunctionsApp(azurite.ConnectionString, root.Path, hostId, clock, recorder: recorder);
        using var second = new FunctionsApp(azurite.ConnectionString, root.Path, hostId, clock, recorder: recorder);
        var a = first.Get<TimerScheduler>();
        var b = second.Get<TimerScheduler>();
        var function = Function(first, TestTimerFunction.FunctionName);

        for (var i = 0; i < 3; i++)
        {
            var s = slot.AddMinutes(5 * i);
            clock.Now = s;
            var ran = await Task.WhenAll(a.RunSlotAsync(function, s, false, default), b.RunSlotAsync(function, s, false, default),
                a.RunSlotAsync(function, s, false, default), b.RunSlotAsync(function, s, false, default));
            Assert.Equal(1, ran.Count(r => r));
        }
        Assert.Equal(3, recorder.Count(TestTimerFunction.FunctionName));
    }

    [Fact]
    public async Task After_downtime_the_missed_slot_runs_once_with_IsPastDue()
    {
        using var root = new TempScriptRoot().AddTimer("0 */5 * * * *");
        var hostId = NewHostId();
        var clock = new ManualClock(T0);
        using (var before = new FunctionsApp(azurite.ConnectionString, root.Path, hostId, clock))
            await before.Get<TimerScheduler>().StartTimerAsync(Function(before, TestTimerFunction.FunctionName), default);

        clock.Now = T0.AddMinutes(22); // down for 22 minutes: four slots missed
        using var after = new FunctionsApp(azurite.ConnectionString, root.Path, hostId, clock);
        var timers = after.Get<TimerScheduler>();
        var function = Function(after, TestTimerFunction.FunctionName);
        await timers.StartTimerAsync(function, default);
        await timers.StartTimerAsync(function, default);

        var call = Assert.Single(after.Recorder.Calls);
        Assert.True(call.Timer!.IsPastDue);
        var status = (await timers.ReadStatusAsync(function, default))!.Value!;
        Assert.Equal(new DateTime(2026, 3, 1, 0, 5, 0), status.Last);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 25, 0), status.Next);
    }

    [Fact]
    public async Task A_timer_fires_on_its_schedule_with_the_real_clock()
    {
        using var root = new TempScriptRoot().AddTimer("* * * * * *");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, NewHostId(), listeners: true);
        _ = app.Server; // starts the host and its listeners
        await Wait.UntilAsync(() => app.Recorder.Count(TestTimerFunction.FunctionName) >= 2, TimeSpan.FromSeconds(15));
        var slots = app.Recorder.Calls.Select(c => c.Request.Metadata["sys"].GetProperty("UtcNow").GetDateTime()).ToList();
        Assert.True(slots[1] > slots[0]);
    }

    [Fact]
    public async Task The_admin_route_runs_Heartbeat_now_and_health_reports_it_but_not_without_the_key()
    {
        using var app = new FunctionsApp(azurite.ConnectionString, hostId: NewHostId());
        var client = app.CreateClient();

        var anonymous = await client.PostAsJsonAsync("/admin/functions/Heartbeat", new { input = "" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Heartbeat") { Content = JsonContent.Create(new { input = "" }) };
        wrong.Headers.Add(AdminEndpoints.KeyHeader, "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Heartbeat") { Content = JsonContent.Create(new { input = "" }) };
        request.Headers.Add(AdminEndpoints.KeyHeader, FunctionsApp.AdminKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("local-runtime", health.GetProperty("mode").GetString());
        Assert.Equal("ok", health.GetProperty("heartbeat").GetProperty("status").GetString());
        Assert.True(health.GetProperty("heartbeat").GetProperty("ageSeconds").GetInt64() < 60);

        using var unknown = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/Health");
        unknown.Headers.Add(AdminEndpoints.KeyHeader, FunctionsApp.AdminKey);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(unknown)).StatusCode);
    }

    [Fact]
    public async Task A_new_blob_is_processed_once_and_again_when_it_changes()
    {
        var container = AzuriteFixture.UniqueName("in");
        using var root = new TempScriptRoot().AddBlob("TestBlob", container + "/{name}");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, NewHostId());
        var watcher = app.Get<BlobTriggerWatcher>();
        var blobs = app.Get<RuntimeBlobStore>();
        await blobs.EnsureContainerAsync(container, default);
        await blobs.Blob(container, "2569/คำขอ-1.json").UploadAsync(BinaryData.FromString("{\"v\":1}"));

        Assert.Equal(1, await watcher.ScanAsync(default));
        Assert.Equal(0, await watcher.ScanAsync(default));
        var blob = Assert.Single(app.Recorder.Calls).Blob!;
        Assert.Equal($"{container}/2569/คำขอ-1.json", blob.Path);
        Assert.Equal("2569/คำขอ-1.json", blob.Parameters["name"]);
        Assert.Equal("{\"v\":1}", blob.Text);

        await blobs.Blob(container, "2569/คำขอ-1.json").UploadAsync(BinaryData.FromString("{\"v\":2}"), overwrite: true);
        Assert.Equal(1, await watcher.ScanAsync(default));
        Assert.Equal(0, await watcher.ScanAsync(default));
        Assert.Equal("{\"v\":2}", app.Recorder.Calls.Last().Blob!.Text);

        // A second instance with the same host id shares the receipts: nothing to do.
        using var other = new FunctionsApp(azurite.ConnectionString, root.Path, app.Get<Microsoft.Extensions.Options.IOptions<Hosting.FunctionsAppOptions>>().Value.HostId);
        Assert.Equal(0, await other.Get<BlobTriggerWatcher>().ScanAsync(default));
    }

    [Fact]
    public async Task The_watcher_loop_processes_an_uploaded_blob_exactly_once()
    {
        var container = AzuriteFixture.UniqueName("in");
        using var root = new TempScriptRoot().AddBlob("TestBlob", container + "/{name}");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, NewHostId(), listeners: true, pollInterval: TimeSpan.FromMilliseconds(50));
        var blobs = app.Get<RuntimeBlobStore>();
        _ = app.Server;
        await blobs.EnsureContainerAsync(container, default);
        await blobs.Blob(container, "a.txt").UploadAsync(BinaryData.FromString("hello"));
        await Wait.UntilAsync(() => app.Recorder.Count("TestBlob") == 1, TimeSpan.FromSeconds(10));
        // Three more complete scans of the same blob: still one invocation.
        var watcher = app.Get<BlobTriggerWatcher>();
        var scans = watcher.LoopScans;
        await Wait.UntilAsync(() => watcher.LoopScans >= scans + 3, TimeSpan.FromSeconds(30));
        Assert.Equal(1, app.Recorder.Count("TestBlob"));
    }

    [Fact]
    public async Task A_failing_blob_function_is_poisoned_after_five_tries()
    {
        var container = AzuriteFixture.UniqueName("in");
        using var root = new TempScriptRoot().AddBlob("FailingBlob", container + "/{name}");
        var hostId = NewHostId();
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, hostId);
        var watcher = app.Get<BlobTriggerWatcher>();
        var blobs = app.Get<RuntimeBlobStore>();
        await blobs.EnsureContainerAsync(container, default);
        var info = (await blobs.Blob(container, "bad.json").UploadAsync(BinaryData.FromString("{}"))).Value;

        for (var i = 0; i < 7; i++) await watcher.ScanAsync(default);
        Assert.Equal(5, app.Recorder.Count("FailingBlob"));

        var etag = info.ETag.ToString();
        var poison = (await blobs.ReadJsonAsync<BlobPoisonRecord>(RuntimeBlobStore.HostsContainer, RuntimePaths.Poison(hostId, "FailingBlob", etag, container, "bad.json"), default))!.Value!;
        Assert.Equal(container, poison.ContainerName);
        Assert.Equal("bad.json", poison.BlobName);
        Assert.Equal(5, poison.Attempts);
        Assert.Contains("the report template is broken", poison.LastError);
        var receipt = (await blobs.ReadJsonAsync<BlobReceipt>(RuntimeBlobStore.HostsContainer, RuntimePaths.BlobReceipt(hostId, "FailingBlob", etag, container, "bad.json"), default))!.Value!;
        Assert.Equal(BlobReceipt.Poisoned, receipt.Status);
    }

    [Fact]
    public async Task The_admin_route_runs_a_blob_function_for_a_given_blob()
    {
        var container = AzuriteFixture.UniqueName("in");
        using var root = new TempScriptRoot().AddBlob("TestBlob", container + "/{name}");
        using var app = new FunctionsApp(azurite.ConnectionString, root.Path, NewHostId());
        var blobs = app.Get<RuntimeBlobStore>();
        await blobs.EnsureContainerAsync(container, default);
        await blobs.Blob(container, "x.txt").UploadAsync(BinaryData.FromString("abc"));
        var client = app.CreateClient();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/functions/TestBlob") { Content = JsonContent.Create(new { input = $"{container}/x.txt" }) };
        request.Headers.Add(AdminEndpoints.KeyHeader, FunctionsApp.AdminKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ReturnValue").GetInt32());
        Assert.Equal("abc", Assert.Single(app.Recorder.Calls).Blob!.Text);
    }
}
