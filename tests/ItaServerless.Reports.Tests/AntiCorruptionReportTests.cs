// SPDX-License-Identifier: MIT
using System.Text.RegularExpressions;
using ItaServerless.Core.Planning;
using ItaServerless.Reports.Documents;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Tests;

public partial class AntiCorruptionReportTests
{
    private static readonly Lazy<(AntiCorruptionReportData Data, string Path)> Rendered = new(() =>
    {
        var data = SampleAntiCorruption.Seed003();
        var path = TestFiles.Save("anticorruption-report.pdf", AntiCorruptionReport.Render(data, TestFiles.Laksaman));
        TestFiles.PdfToPng(path);
        return (data, path);
    });

    [Fact]
    public void Seed_003_summary_is_printed_exactly_as_the_e_plan_prints_it()
    {
        var text = Spaces().Replace(TestFiles.PdfToText(Rendered.Value.Path), " ");
        string[] seed =
        [
            "สรุปผลการขับเคลื่อนแผนฯ",
            "- แผนปฏิบัติการป้องกันการทุจริต มีโครงการ/กิจกรรม/มาตรการ จำนวน 15 โครงการ",
            "- รอการรายงาน 0 โครงการ",
            "- อยู่ระหว่างดำเนินการ 0 โครงการ",
            "- ดำเนินการแล้วเสร็จ 15 โครงการ",
            "- ไม่สามารถดำเนินการได้ 0 โครงการ",
            "- เบิกจ่ายงบประมาณ 4,840.00 บาท คิดเป็นร้อยละ 4.84",
            "- มีการนำแผนฯ ไปปฏิบัติ ระดับ มาก ร้อยละ 100.00",
        ];
        Assert.Contains(string.Join(" ", seed), text);
    }

    [Fact]
    public void Every_entered_string_comes_back_from_pdftotext()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        var entered = new List<string>
        {
            "บันทึกข้อความ", data.Memo.Department, data.Memo.Number, "๒ ตุลาคม ๒๕๖๖", data.Memo.Subject, data.Memo.To,
            data.Drafter.Name, "จึงเรียนมาเพื่อโปรดทราบ",
            "(   ) เห็นชอบ", "(   ) ไม่เห็นชอบ เพราะ",
            "ประกาศเทศบาลตำบลโคกพุทรา", "เรื่อง รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
            "จึงขอประกาศให้ทราบโดยทั่วกัน", "ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖", "อำเภอโพธิ์ทอง จังหวัดอ่างทอง",
            "** ข้อมูล ณ วันที่ ๑๒ มกราคม ๒๕๖๗",
            $"ชื่อ - สกุล ผู้รายงาน {data.Reporter.Name} ตำแหน่ง {data.Reporter.Position}",
            "ปัญหา อุปสรรค ไม่มี", "ข้อเสนอแนะ ไม่มี", "ภาคผนวก",
        };
        entered.AddRange(data.Drafter.Positions);
        entered.AddRange(data.Endorsements.Append(data.ExecutiveOrder)
            .SelectMany(e => new[] { e.Heading, $"({e.Signer.Name})" }.Concat(e.Signer.Positions)));
        entered.AddRange(Enumerable.Range(1, 4).Select(d => $"มิติที่ {Core.Thai.ThaiDigits.ToThaiDigits(d)} {PlanNames.DimensionNameTh(d)}"));
        entered.AddRange(data.Projects.SelectMany(p => p.Method.Prepend(p.Title).Concat(p.Result.Split('\n'))));
        Assert.All(entered, s => Assert.True(text.Contains(Compact(s), StringComparison.Ordinal), $"missing: {s}"));
        Assert.Contains("....................", text); // handwritten comment lines
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF8FF');
    }

    [Fact]
    public void Narrative_numbers_projects_within_their_dimension()
    {
        var (data, path) = Rendered.Value;
        var text = Compact(TestFiles.PdfToText(path));
        var byDimension = data.Projects.GroupBy(p => p.Dimension).OrderBy(g => g.Key).ToList();
        var at = 0;
        foreach (var dimension in byDimension)
        {
            var index = 0;
            foreach (var project in dimension.OrderBy(p => p.Number))
            {
                var heading = Compact($"{Core.Thai.ThaiDigits.ToThaiDigits(dimension.Key)}.{Core.Thai.ThaiDigits.ToThaiDigits(++index)} {project.Title}");
                at = text.IndexOf(heading, at, StringComparison.Ordinal);
                Assert.True(at >= 0, $"'{heading}' missing or out of order");
            }
        }
    }

    [Fact]
    public void Project_table_reads_back_column_by_column_with_one_check_in_the_status_column()
    {
        var (data, path) = Rendered.Value;
        var table = AntiCorruptionReport.ProjectTable(data.Projects);
        var geometry = PageGeometry.A4Landscape;
        var all = PdfWords.Extract(path);
        var tablePages = all.Where(w => w.Text == "รายการโครงการ").Select(w => w.Page).Distinct().ToList();
        var words = all.Where(w => tablePages.Contains(w.Page)).ToList();
        var columns = table.Columns.Select((_, c) => PdfWords.ColumnText(words, table, geometry, c)).ToList();
        Assert.All(data.Projects, p => Assert.Contains(Compact(p.Title), columns[1]));
        Assert.Contains(Compact("100,000.00"), columns[3]);
        Assert.Contains(Compact("4,840.00"), columns[4]);
        Assert.DoesNotContain("4,840.00", columns[3]);

        var bounds = PdfWords.ColumnBounds(table, geometry);
        var pixels = tablePages.ToDictionary(p => p, p => PdfPixels.Render(path, p));
        var statusColumns = new[] { ProgressStatus.Waiting, ProgressStatus.InProgress, ProgressStatus.Done, ProgressStatus.CannotDo };
        var (numberLeft, numberRight) = bounds[0];
        foreach (var project in data.Projects)
        {
            var number = words.Single(w => w.Text == project.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)
                                           && w.XMin >= numberLeft && w.XMax <= numberRight && w.YMin > geometry.MarginTop);
            var middle = (number.YMin + number.YMax) / 2;
            for (var s = 0; s < statusColumns.Length; s++)
            {
                var (left, right) = bounds[5 + s];
                var ink = pixels[number.Page].DarkPixels(left + 3, middle - 7, right - 3, middle + 7);
                if (statusColumns[s] == project.Status) Assert.True(ink >= 8, $"no check for project {project.Number} in column {s}");
                else Assert.True(ink == 0, $"ink ({ink}) in status column {s} of project {project.Number}");
            }
        }
    }

    [Fact]
    public void Statuses_other_than_done_put_the_check_in_their_own_column()
    {
        var seed = SampleAntiCorruption.Seed003();
        ProgressStatus[] statuses = [ProgressStatus.Waiting, ProgressStatus.InProgress, ProgressStatus.CannotDo];
        var projects = seed.Projects.Take(3).Select((p, i) => p with { Status = statuses[i] }).ToList();
        var data = seed with
        {
            Projects = projects,
            Summary = SampleSummary.Of(seed.Summary.Round, projects.Select(p => (p.Status, p.Budget, p.Disbursed))),
        };
        var path = TestFiles.Save("anticorruption-statuses.pdf", AntiCorruptionReport.Render(data, TestFiles.Laksaman));
        var table = AntiCorruptionReport.ProjectTable(projects);
        var geometry = PageGeometry.A4Landscape;
        var bounds = PdfWords.ColumnBounds(table, geometry);
        var words = PdfWords.Extract(path);
        var page = words.First(w => w.Text == "รายการโครงการ").Page;
        var pixels = PdfPixels.Render(path, page);
        for (var i = 0; i < projects.Count; i++)
        {
            var number = words.Single(w => w.Page == page && w.Text == (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)
                                           && w.XMax <= bounds[0].Right && w.YMin > geometry.MarginTop);
            var middle = (number.YMin + number.YMax) / 2;
            var inked = Enumerable.Range(0, 4).Where(s => pixels.DarkPixels(bounds[5 + s].Left + 3, middle - 7, bounds[5 + s].Right - 3, middle + 7) > 0).ToList();
            Assert.Equal([new[] { 0, 1, 3 }[i]], inked);
        }
        Assert.Throws<ArgumentException>(() => AntiCorruptionReport.Render(data with { Projects = seed.Projects }, TestFiles.Laksaman));
    }

    [Fact]
    public void A_long_plan_repeats_the_table_header_on_every_page_and_passes_qpdf()
    {
        var data = SampleAntiCorruption.Data(60);
        var path = TestFiles.Save("anticorruption-60.pdf", AntiCorruptionReport.Render(data, TestFiles.Laksaman));
        var words = PdfWords.Extract(path);
        var first = words.First(w => w.Text == "รายการโครงการ").Page;
        var last = words.First(w => w.Text == "ผู้รายงาน").Page;
        Assert.True(last - first >= 3, $"the table spans only pages {first}–{last}");
        for (var page = first; page <= last; page++)
        {
            var headers = words.Count(w => w.Page == page && w.Text == "รายการโครงการ");
            Assert.True(headers == 1 || (page == last && headers == 0), $"page {page} has {headers} table headers");
        }
        var table = AntiCorruptionReport.ProjectTable(data.Projects);
        var titles = PdfWords.ColumnText(words.Where(w => w.Page >= first && w.Page <= last), table, PageGeometry.A4Landscape, 1);
        Assert.All(data.Projects, p => Assert.Contains(Compact(p.Title), titles));
        Assert.Contains("จำนวน 60 โครงการ", TestFiles.PdfToText(path));

        var (exitCode, output) = TestFiles.QpdfCheck(path);
        Assert.True(exitCode == 0, output);
        (exitCode, output) = TestFiles.QpdfCheck(Rendered.Value.Path);
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public void A_dimension_outside_one_to_four_is_refused()
    {
        var project = SampleAntiCorruption.Seed003().Projects[0];
        Assert.Throws<ArgumentOutOfRangeException>(() => project with { Dimension = 5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new AntiCorruptionProject(1, "x", 0, default, default, ProgressStatus.Done, [], ""));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
