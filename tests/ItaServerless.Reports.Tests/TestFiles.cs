// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Runtime.CompilerServices;
using ItaServerless.Reports.Fonts;

namespace ItaServerless.Reports.Tests;

/// <summary>Where tests leave their PDFs and PNGs for people to look at, and the poppler/qpdf tools.</summary>
internal static class TestFiles
{
    public static readonly ThaiFontFamily Laksaman = ThaiFontResolver.Register(ThaiFontOptions.Laksaman);

    public static string ArtifactsDirectory { get; } = CreateArtifactsDirectory();

    private static string CreateArtifactsDirectory([CallerFilePath] string sourceFile = "")
    {
        var directory = Environment.GetEnvironmentVariable("ITA_REPORTS_ARTIFACTS")
            ?? Path.Combine(Path.GetDirectoryName(sourceFile)!, "TestResults", "artifacts");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static string Save(string name, byte[] pdf)
    {
        var path = Path.Combine(ArtifactsDirectory, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>pdftotext -layout off, UTF-8; a page range when given.</summary>
    public static string PdfToText(string pdfPath, int? page = null)
    {
        var range = page is { } p ? $"-f {p} -l {p} " : "";
        return Run("pdftotext", $"-enc UTF-8 {range}\"{pdfPath}\" -").Output;
    }

    /// <summary>Renders pages to PNG at 150 dpi; returns the files.</summary>
    public static IReadOnlyList<string> PdfToPng(string pdfPath, int? lastPage = null)
    {
        var prefix = Path.ChangeExtension(pdfPath, null);
        foreach (var old in Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "-*.png")) File.Delete(old);
        var range = lastPage is { } last ? $"-l {last} " : "";
        Run("pdftoppm", $"-r 150 -png {range}\"{pdfPath}\" \"{prefix}\"");
        return Directory.GetFiles(Path.GetDirectoryName(prefix)!, Path.GetFileName(prefix) + "-*.png").Order().ToList();
    }

    public static (int ExitCode, string Output) QpdfCheck(string pdfPath) => Run("qpdf", $"--check \"{pdfPath}\"", allowFailure: true);

    /// <summary>The font lines of pdffonts (after its two header lines).</summary>
    public static IReadOnlyList<string> PdfFonts(string pdfPath) =>
        Run("pdffonts", $"\"{pdfPath}\"").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();

    public static int PageCount(string pdfPath)
    {
        var info = Run("pdfinfo", $"\"{pdfPath}\"").Output;
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int ExitCode, string Output) Run(string tool, string arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var output = stdout.Result + stderr.Result;
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{tool} {arguments} failed ({process.ExitCode}): {output}");
        return (process.ExitCode, output);
    }
}
