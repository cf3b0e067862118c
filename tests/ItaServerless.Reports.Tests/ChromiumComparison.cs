// SPDX-License-Identifier: MIT
using System.Diagnostics;
using System.Net;
using System.Text;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Documents;
using Xunit.Abstractions;

namespace ItaServerless.Reports.Tests;

/// <summary>
/// Issue 6's comparison, run only with ITA_REPORTS_MEASURE=1: the ten-page progress report rendered warm by us
/// against Debian's headless Chromium printing the same content from simple HTML (--print-to-pdf).
/// </summary>
public class ChromiumComparison(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [MeasurementFact]
    public void Ten_page_progress_report_against_headless_chromium()
    {
        Assert.True(File.Exists(Chromium), "chromium is not installed");
        var measures = 6;
        while (TestFiles.PageCount(TestFiles.Save("compare-ours.pdf", ProgressReport.Render(SampleDocuments.Progress(measures), TestFiles.Laksaman))) < 10)
            measures++;
        var data = SampleDocuments.Progress(measures);
        var ours = Time(40, () => ProgressReport.Render(data, TestFiles.Laksaman), warmUp: 5);
        var ourPages = TestFiles.PageCount(TestFiles.Save("compare-ours.pdf", ProgressReport.Render(data, TestFiles.Laksaman)));

        var html = Path.Combine(TestFiles.ArtifactsDirectory, "compare-chromium.html");
        var pdf = Path.Combine(TestFiles.ArtifactsDirectory, "compare-chromium.pdf");
        File.WriteAllText(html, Html(data));
        var profile = Directory.CreateTempSubdirectory("ita-chromium-");
        try
        {
            var chromium = Time(5, () => PrintToPdf(html, pdf, profile.FullName), warmUp: 1);
            var chromiumPages = TestFiles.PageCount(pdf);
            var report = $"measures={measures} ours: pages={ourPages} median={ours.Median:F1} ms min={ours.Min:F1} ms | " +
                         $"chromium: pages={chromiumPages} median={chromium.Median:F0} ms min={chromium.Min:F0} ms | " +
                         $"ratio (medians)={chromium.Median / ours.Median:F0}x";
            output.WriteLine(report);
            File.WriteAllText(Path.Combine(TestFiles.ArtifactsDirectory, "chromium-comparison.txt"), report + "\n");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }

    private static (double Median, double Min) Time(int runs, Action action, int warmUp)
    {
        for (var i = 0; i < warmUp; i++) action();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[0]);
    }

    private static void PrintToPdf(string html, string pdf, string profile)
    {
        var start = new ProcessStartInfo(Chromium)
        {
            ArgumentList =
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--no-pdf-header-footer",
                $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start chromium");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(pdf)) throw new InvalidOperationException($"chromium failed: {stderr.Result}");
    }

    /// <summary>The progress report's content (memo fields, measures table, summary) as plain HTML in the same font and page format.</summary>
    private static string Html(ProgressReportData data)
    {
        static string E(string text) => WebUtility.HtmlEncode(text).Replace("\n", "<br>");
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><style>
            @page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
            @page wide { size: A4 landscape; margin: 2.5cm 2cm 2cm 2cm; }
            body { font-family: Laksaman; font-size: 16pt; line-height: 1.4; }
            h1 { font-size: 29pt; text-align: center; margin: 0; }
            .field b { font-size: 20pt; }
            p { text-indent: 2.5cm; margin: 0; }
            .sign { margin-left: 40%; text-align: center; margin-top: 2em; }
            .wide { page: wide; page-break-before: always; }
            table { border-collapse: collapse; width: 100%; font-size: 14pt; }
            th, td { border: 0.6pt solid black; padding: 3pt; vertical-align: top; }
            thead { display: table-header-group; } th { background: #e6e6e6; }
            </style></head><body>
            """);
        html.Append("<h1>บันทึกข้อความ</h1>");
        html.Append($"<div class=field><b>ส่วนราชการ</b> {E(data.Memo.Department)}</div>");
        html.Append($"<div class=field><b>ที่</b> {E(data.Memo.Number)} <b>วันที่</b> {E(ThaiFormat.Date(data.Memo.Date))}</div>");
        html.Append($"<div class=field><b>เรื่อง</b> {E(data.Memo.Subject)}</div><div class=field><b>เรียน</b> {E(data.Memo.To)}</div>");
        html.Append($"<p>ตามที่{E(data.OrganizationName)} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {E(ThaiFormat.FiscalYear(data.FiscalYear))} นั้น</p>");
        html.Append($"<div class=sign>({E(data.Drafter.Name)})<br>{string.Join("<br>", data.Drafter.Positions.Select(E))}</div>");
        foreach (var e in data.Endorsements)
            html.Append($"<div><b>{E(e.Heading)}</b></div><p>{E(e.Comment)}</p><div class=sign>({E(e.Signer.Name)})<br>{string.Join("<br>", e.Signer.Positions.Select(E))}</div>");
        html.Append("<div class=wide><table><thead><tr><th>มาตรการ/แนวทาง</th><th>วิธีการดำเนินการ</th><th>ผู้รับผิดชอบ</th>" +
                    "<th>ระยะเวลาดำเนินการ</th><th>ผลการดำเนินการ</th><th>ข้อเสนอแนะ</th></tr></thead><tbody>");
        foreach (var m in data.Measures)
            html.Append($"<tr><td>{E($"{ThaiFormat.Count(m.Number, true)}. {m.Title}")}</td><td>{E(string.Join("\n", m.Steps.Select(s => "- " + s)))}</td>" +
                        $"<td>{E(m.Responsible)}</td><td>{E(m.Period)}</td><td>{E($"สถานะ: {m.Status.NameTh()}\n{m.Result}\n{m.Outcome}")}</td><td>{E(m.Recommendation)}</td></tr>");
        html.Append("</tbody></table>");
        html.Append($"<p>ดำเนินการแล้วเสร็จ {data.Summary.Done} อยู่ระหว่างดำเนินการ {data.Summary.InProgress} ไม่สามารถดำเนินการได้ {data.Summary.CannotDo} รอรายงาน {data.Summary.Waiting}</p>");
        html.Append("</div></body></html>");
        return html.ToString();
    }
}
