// SPDX-License-Identifier: MIT
using System.Net;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using ItaServerless.FunctionsHost.Admin;
using ItaServerless.FunctionsHost.Keys;
using ItaServerless.FunctionsHost.Storage;
using ItaServerless.FunctionsHost.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaServerless.FunctionsHost.Tests;

[Collection(HostCollection.Name)]
public sealed partial class TimerTests(HostFixture host)
{
    [Fact]
    public async Task A_run_missed_while_down_runs_once_at_start_past_due()
    {
        var pastDue = await HostFixture.EventuallyAsync(async () =>
            (await host.RecordsAsync("tick/")).Where(r => r.Json["IsPastDue"]!.GetValue<bool>()).ToList() is { Count: > 0 } l ? l : null, "a past-due run");

        var run = Assert.Single(pastDue);
        Assert.Equal(host.MissedRun, run.Json["Next"]!.GetValue<DateTime>().ToUniversalTime()); // the worker saw the status from before the downtime
        var status = (await host.Timers.ReadStatusAsync(host.Function("Tick"), default))!.Value!;
        Assert.True(status.Last >= host.MissedRun);
        Assert.True(status.Next > DateTime.UtcNow.AddMinutes(-1), $"the next run {status.Next:O} is planned from now on");
    }

    [Fact]
    public async Task The_admin_api_runs_a_timer_now_with_the_master_key()
    {
        var master = await host.Services.GetRequiredService<KeyStore>().MasterKeyAsync(default);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.PostAsync("admin/functions/Tick", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AdminPostAsync("admin/functions/NoSuchFunction", master)).StatusCode);
        var before = host.Logs.Entries.Count;

        Assert.Equal(HttpStatusCode.Accepted, (await AdminPostAsync("admin/functions/Tick", master)).StatusCode);

        var executing = await host.Logs.WaitForAsync(e => e.Message.StartsWith("Executing 'Functions.Tick'", StringComparison.Ordinal)
            && e.Message.Contains(AdminEndpoints.ManualReason, StringComparison.Ordinal), "the manual run");
        Assert.DoesNotContain(host.Logs.Entries.Take(before), e => e == executing);
        var id = InvocationId().Match(executing.Message).Groups[1].Value;
        var record = await HostFixture.EventuallyAsync(async () => (await host.RecordsAsync($"tick/{id}.json")).FirstOrDefault().Json, "the worker's record of the manual run");
        Assert.False(record["IsPastDue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Two_hosts_never_run_the_same_slot()
    {
        var tick = host.Function("Tick");
        // A second host: its own storage client and scheduler over the same storage and host id.
        var other = new TimerScheduler(host.Options, host.Dispatcher, new RuntimeBlobStore(new BlobServiceClient(host.Options.StorageConnection, new BlobClientOptions(host.Options.BlobServiceVersion))),
            TimeProvider.System, NullLogger<TimerScheduler>.Instance);
        await AwayFromTheMinuteAsync(); // keep the host's own per-minute run out of the race
        var slot = DateTimeOffset.UtcNow;

        var ran = await Task.WhenAll(host.Timers.RunSlotAsync(tick, slot, false, default), other.RunSlotAsync(tick, slot, false, default));

        Assert.Single(ran, r => r);
        Assert.Equal(slot.UtcDateTime, (await host.Timers.ReadStatusAsync(tick, default))!.Value!.Last);

        // While one host holds the timer's lock, the other does not run; once released, it does.
        var later = slot.AddSeconds(1);
        var lockBlob = host.Blobs.GetBlobContainerClient(RuntimePaths.HostsContainer).GetBlobClient(RuntimePaths.TimerLock(host.Options.HostId, "Tick"));
        var lease = lockBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));
        try
        {
            Assert.False(await other.RunSlotAsync(tick, later, false, default));
            Assert.Equal(slot.UtcDateTime, (await host.Timers.ReadStatusAsync(tick, default))!.Value!.Last);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
        Assert.True(await other.RunSlotAsync(tick, later, false, default));
        Assert.Equal(later.UtcDateTime, (await host.Timers.ReadStatusAsync(tick, default))!.Value!.Last);
    }

    private async Task<HttpResponseMessage> AdminPostAsync(string path, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add(KeyStore.KeyHeader, key);
        return await host.Http.SendAsync(request);
    }

    private static async Task AwayFromTheMinuteAsync()
    {
        var second = DateTime.UtcNow.Second;
        if (second >= 57) await Task.Delay(TimeSpan.FromSeconds(62 - second));
        else if (second < 2) await Task.Delay(TimeSpan.FromSeconds(2 - second));
    }

    [GeneratedRegex(@"Id=([0-9a-f-]{36})")]
    private static partial Regex InvocationId();
}
