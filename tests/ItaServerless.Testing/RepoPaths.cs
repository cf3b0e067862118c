// SPDX-License-Identifier: MIT
using System.Reflection;

namespace ItaServerless.Testing;

/// <summary>Finds the checkout (the folder holding ItaServerless.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepoRoot => Root.Value;

    private static string FindRoot()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("ITA_REPO_ROOT"),
            AppContext.BaseDirectory,
            Directory.GetCurrentDirectory(),
            typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value,
        };
        foreach (var start in candidates)
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ItaServerless.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("ItaServerless.sln not found above the test binaries, the working directory or ITA_REPO_ROOT.");
    }
}
