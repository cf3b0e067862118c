// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Globalization;

namespace ItaServerless.Reports.Tests;

/// <summary>A page rendered to 8-bit grey at 72 dpi, so one pixel is one PDF point (for checking drawn marks).</summary>
internal sealed class PdfPixels
{
    private readonly byte[] _pixels;

    private PdfPixels(int width, int height, byte[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    public static PdfPixels Render(string pdfPath, int page)
    {
        var start = new ProcessStartInfo("pdftoppm", $"-r 72 -gray -f {page} -l {page} \"{pdfPath}\"") { RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start pdftoppm");
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"pdftoppm failed ({process.ExitCode})");
        return ParsePgm(output.ToArray());
    }

    /// <summary>Pixels darker than mid grey in the rectangle (points from the top-left).</summary>
    public int DarkPixels(double left, double top, double right, double bottom)
    {
        var count = 0;
        for (var y = Math.Max(0, (int)Math.Ceiling(top)); y < Math.Min(Height, (int)Math.Floor(bottom)); y++)
            for (var x = Math.Max(0, (int)Math.Ceiling(left)); x < Math.Min(Width, (int)Math.Floor(right)); x++)
                if (_pixels[y * Width + x] < 128) count++;
        return count;
    }

    private static PdfPixels ParsePgm(byte[] data)
    {
        // "P5\n<width> <height>\n<max>\n" then width × height bytes.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)data[at])) at++;
            var begin = at;
            while (!char.IsWhiteSpace((char)data[at])) at++;
            fields.Add(System.Text.Encoding.ASCII.GetString(data, begin, at - begin));
        }
        at++;
        if (fields[0] != "P5") throw new FormatException("Not a binary PGM.");
        var width = int.Parse(fields[1], CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], CultureInfo.InvariantCulture);
        return new PdfPixels(width, height, data[at..(at + width * height)]);
    }
}
