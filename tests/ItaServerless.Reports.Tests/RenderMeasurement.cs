// SPDX-License-Identifier: MIT
using System.Diagnostics;
using ItaServerless.Reports.Documents;
using Xunit.Abstractions;

namespace ItaServerless.Reports.Tests;

/// <summary>Runs only when ITA_REPORTS_MEASURE=1: timings are not assertions (CI machines vary).</summary>
public sealed class MeasurementFactAttribute : FactAttribute
{
    public MeasurementFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("ITA_REPORTS_MEASURE") != "1") Skip = "Measurement: set ITA_REPORTS_MEASURE=1 to run.";
    }
}

public class RenderMeasurement(ITestOutputHelper output)
{
    [MeasurementFact]
    public void Warm_render_time_of_a_ten_page_progress_report()
    {
        // Find the number of measures that gives ten pages.
        var measures = 6;
        byte[] pdf;
        while (true)
        {
            pdf = ProgressReport.Render(SampleDocuments.Progress(measures), TestFiles.Laksaman);
            if (TestFiles.PageCount(TestFiles.Save("measure-progress.pdf", pdf)) >= 10) break;
            measures++;
        }
        var data = SampleDocuments.Progress(measures);
        for (var i = 0; i < 5; i++) ProgressReport.Render(data, TestFiles.Laksaman);

        var times = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var watch = Stopwatch.StartNew();
            pdf = ProgressReport.Render(data, TestFiles.Laksaman);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var pages = TestFiles.PageCount(TestFiles.Save("measure-progress.pdf", pdf));
        var median = times[times.Count / 2];
        var report = $"measures={measures} pages={pages} bytes={pdf.Length} median={median:F1} ms min={times[0]:F1} ms " +
                     $"p90={times[(int)(times.Count * 0.9)]:F1} ms pages/s={pages * 1000 / median:F0} " +
                     $"workingSet={Environment.WorkingSet / 1024 / 1024} MB";
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(TestFiles.ArtifactsDirectory, "measurement.txt"), report + "\n");
    }
}
