// SPDX-License-Identifier: MIT
using System.Globalization;

namespace ItaServerless.Benchmarks;

/// <summary>
/// The machine is shared: with ITA_BENCH_QUIET_LOAD=x a measured phase first waits (at most
/// ITA_BENCH_QUIET_MINUTES, default 30) until the 1-minute load average is ≤ x. The load is printed either way.
/// </summary>
internal static class LoadGate
{
    public static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static async Task<string> WaitQuietAsync()
    {
        if (!double.TryParse(Environment.GetEnvironmentVariable("ITA_BENCH_QUIET_LOAD"), NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
        {
            return Load();
        }
        var minutes = double.TryParse(Environment.GetEnvironmentVariable("ITA_BENCH_QUIET_MINUTES"), NumberStyles.Float, CultureInfo.InvariantCulture, out var m) ? m : 30;
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < deadline && double.Parse(Load().Split(' ')[0], CultureInfo.InvariantCulture) > limit)
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
        return Load();
    }
}
