// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Infra;

/// <summary>One line the Bicep CLI wrote to stderr: file(line,col) : Level CODE: message.</summary>
public sealed record BicepDiagnostic(string File, int Line, int Column, string Level, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}) : {Level} {Code}: {Message}";
}

public sealed record BicepRun(int ExitCode, string StandardOutput, IReadOnlyList<BicepDiagnostic> Diagnostics, IReadOnlyList<string> OtherOutput)
{
    /// <summary>Errors, warnings and any stderr line that is not a diagnostic (an unknown format must not pass).</summary>
    public IReadOnlyList<string> Problems =>
        Diagnostics.Where(d => d.Level is "Error" or "Warning").Select(d => d.ToString()).Concat(OtherOutput).ToList();

    public string Report => $"exit code {ExitCode}; {Diagnostics.Count} diagnostics:\n" + string.Join('\n', Diagnostics.Select(d => d.ToString()).Concat(OtherOutput));
}

/// <summary>The bicep binary of the Azure.Bicep.CommandLine package the test project restores.</summary>
public static partial class BicepCli
{
    public static string Path =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "BicepCli")?.Value
        ?? throw new InvalidOperationException("the test assembly carries no BicepCli metadata (see the test project file)");

    /// <summary>Runs bicep in the repository root. --no-restore everywhere: infra/ uses no registry modules, so nothing needs the network.</summary>
    public static BicepRun Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = RepoPaths.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Path}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} ran over 2 minutes");
        }
        var diagnostics = new List<BicepDiagnostic>();
        var other = new List<string>();
        foreach (var line in stderr.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = DiagnosticLine().Match(line);
            if (m.Success)
                diagnostics.Add(new(m.Groups["file"].Value, int.Parse(m.Groups["line"].Value), int.Parse(m.Groups["col"].Value), m.Groups["level"].Value, m.Groups["code"].Value, m.Groups["message"].Value));
            else
                other.Add(line);
        }
        return new BicepRun(process.ExitCode, stdout.Result, diagnostics, other);
    }

    [GeneratedRegex(@"^(?<file>.+)\((?<line>\d+),(?<col>\d+)\) : (?<level>Error|Warning|Info) (?<code>[^:\s]+): (?<message>.*)$")]
    private static partial Regex DiagnosticLine();
}
