// SPDX-License-Identifier: MIT
using System.Diagnostics;
using Xunit.Abstractions;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>The figures a reliability test reports (requests, conflicts, faults, failures, duration), for docs/reliability.md.</summary>
public sealed class Figures(string test, ITestOutputHelper output)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Add(string name, long by = 1)
    {
        lock (_counts) _counts[name] = _counts.GetValueOrDefault(name) + by;
    }

    public long this[string name]
    {
        get
        {
            lock (_counts) return _counts.GetValueOrDefault(name);
        }
    }

    /// <summary>Writes "reliability {test}: name=value … duration=…s" to the test output (dotnet test --logger "console;verbosity=detailed").</summary>
    public void Report()
    {
        string line;
        lock (_counts)
            line = string.Join(' ', _counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        output.WriteLine($"reliability {test}: {line} duration={_clock.Elapsed.TotalSeconds:F1}s");
    }
}
