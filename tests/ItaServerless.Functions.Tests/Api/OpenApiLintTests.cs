// SPDX-License-Identifier: MIT
using System.Diagnostics;
using ItaServerless.Functions.Api;
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Api;

/// <summary>
/// The API document as a standard OpenAPI tool sees it: Redocly CLI (pinned in package.json) with its
/// recommended-strict rules, which count warnings as errors; redocly.lint-ignore.yaml says what is exempt and why.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task Redocly_strict_lint_finds_no_error_and_no_warning()
    {
        var redocly = Path.Combine(RepoPaths.RepoRoot, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), "node_modules/.bin/redocly is missing: run scripts/setup.sh (npm ci)");
        var directory = Directory.CreateTempSubdirectory("openapi-lint-");
        try
        {
            var document = Path.Combine(directory.FullName, "openapi.json");
            await File.WriteAllBytesAsync(document, await ApiDocument.JsonAsync(CancellationToken.None));
            File.Copy(Path.Combine(RepoPaths.RepoRoot, "tests", "ItaServerless.Functions.Tests", "Api", "redocly.lint-ignore.yaml"),
                Path.Combine(directory.FullName, ".redocly.lint-ignore.yaml"));
            var start = new ProcessStartInfo(redocly, ["lint", "--extends", "recommended-strict", "--format", "stylish", document])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = directory.FullName,
            };
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            Assert.True(lint.ExitCode == 0, $"redocly lint exit {lint.ExitCode}:\n{await output}\n{await errors}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
