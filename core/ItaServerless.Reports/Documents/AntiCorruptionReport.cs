// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>One item of the anti-corruption action plan (โครงการ/กิจกรรม/มาตรการ) with its state in the round.</summary>
public sealed record AntiCorruptionProject(
    int Number,
    string Title,
    int Dimension,
    Baht Budget,
    Baht Disbursed,
    ProgressStatus Status,
    IReadOnlyList<string> Method,
    string Result)
{
    /// <summary>มิติ 1–4 (anything else fails here, with the dimension's name lookup).</summary>
    public int Dimension { get; init => field = CheckDimension(value); } = CheckDimension(Dimension);

    /// <summary>หมายเหตุ (e.g. why it cannot be done).</summary>
    public string Note { get; init; } = "";

    private static int CheckDimension(int dimension)
    {
        _ = PlanNames.DimensionNameTh(dimension); // throws outside 1..4
        return dimension;
    }
}

/// <summary>Who filled in the report (ชื่อ - สกุล ผู้รายงาน … ตำแหน่ง …).</summary>
public sealed record ReporterLine(string Name, string Position);

/// <summary>Everything the anti-corruption plan report (seed 003) prints.</summary>
public sealed record AntiCorruptionReportData(
    string OrganizationName,
    string District,
    string Province,
    FiscalYear FiscalYear,
    ReportingRound Round,
    MemoHeader Memo,
    Signer Drafter,
    IReadOnlyList<Endorsement> Endorsements,
    Endorsement ExecutiveOrder,
    DateOnly AnnouncedOn,
    IReadOnlyList<AntiCorruptionProject> Projects,
    RoundSummary Summary,
    ReporterLine Reporter,
    DateOnly DataAsOf)
{
    public byte[]? Emblem { get; init; }

    /// <summary>ปัญหา อุปสรรค; "ไม่มี" when empty.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>ข้อเสนอแนะ; "ไม่มี" when empty.</summary>
    public IReadOnlyList<string> Recommendations { get; init; } = [];
}

/// <summary>
/// The anti-corruption action-plan report (รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต, seed 003):
/// memo, cover, announcement, narrative per dimension, project table with status columns, reporter,
/// problems and recommendations, the round summary (สรุปผลการขับเคลื่อนแผนฯ) and the appendix.
/// Numbers in the table and the summary are ASCII digits, as NACC's e-Plan prints them.
/// </summary>
public static class AntiCorruptionReport
{
    private const string PlanName = "แผนปฏิบัติการป้องกันการทุจริต";

    private static readonly ProgressStatus[] StatusColumns =
        [ProgressStatus.Waiting, ProgressStatus.InProgress, ProgressStatus.Done, ProgressStatus.CannotDo];

    public static byte[] Render(AntiCorruptionReportData data, ThaiFontFamily fonts)
    {
        if (data.Summary.Total != data.Projects.Count)
            throw new ArgumentException($"The summary counts {data.Summary.Total} items; the report lists {data.Projects.Count}.", nameof(data));

        var year = ThaiFormat.FiscalYear(data.FiscalYear);
        var round = ThaiFormat.RoundName(data.Round);
        using var builder = new ReportBuilder(fonts, PageGeometry.A4Memo, $"รายงานผลการดำเนินงานตาม{PlanName} {data.OrganizationName} {year} {round}");

        WriteMemo(builder, data, year);
        WriteCover(builder, data, year);
        WriteAnnouncement(builder, data, year);
        WriteNarrative(builder, data, year);

        builder.PageBreak(PageGeometry.A4Landscape);
        builder.Heading($"รายงานผลการดำเนินงานตาม{PlanName} ของ{data.OrganizationName}", TextAlign.Center, spaceBefore: 0);
        builder.Heading($"พ.ศ. {ThaiDigits.ToThaiDigits(data.FiscalYear.Year)} {round}", TextAlign.Center, spaceBefore: 0);
        builder.Space(4);
        builder.Table(ProjectTable(data.Projects));
        builder.Paragraph($"** ข้อมูล ณ วันที่ {ThaiFormat.Date(data.DataAsOf)}", new ParagraphStyle { SpaceBefore = 6 });
        builder.Paragraph($"ชื่อ - สกุล ผู้รายงาน {data.Reporter.Name} ตำแหน่ง {data.Reporter.Position}");
        WriteList(builder, "ปัญหา อุปสรรค", data.Problems);
        WriteList(builder, "ข้อเสนอแนะ", data.Recommendations);
        WriteSummary(builder, data.Summary);

        builder.PageBreak(PageGeometry.A4Memo);
        builder.Heading("ภาคผนวก", TextAlign.Center, 20, 0);
        builder.Space(6);
        builder.Table(AppendixTable(data.Projects));
        return builder.ToPdf();
    }

    private static void WriteMemo(ReportBuilder builder, AntiCorruptionReportData data, string year)
    {
        var period = $"{ThaiFormat.Date(data.Round.PeriodStart(data.FiscalYear))} - {ThaiFormat.Date(data.Round.PeriodEnd(data.FiscalYear))}";
        var subject = $"{PlanName}ของ{data.OrganizationName} {year}";
        var commentWidth = builder.Geometry.ContentWidth - PageGeometry.Cm(1.25);
        string Dots(string before = "") => before + DottedLine(builder, commentWidth - builder.Typesetter.Measure(before, builder.BodyStyle));
        var handwritten = Dots() + "\n" + Dots();

        // Superiors write by hand on the printed memo: blank comments become dotted lines (seed 003).
        var endorsements = data.Endorsements
            .Select(e => e.Comment.Length > 0 ? e : e with { Comment = handwritten })
            .Append(data.ExecutiveOrder with
            {
                Comment = "(   ) เห็นชอบ\n" + Dots("(   ) ไม่เห็นชอบ เพราะ") +
                          (data.ExecutiveOrder.Comment.Length > 0 ? "\n" + data.ExecutiveOrder.Comment : "\n" + Dots()),
            })
            .ToList();
        Memo.Write(builder, data.Memo, data.Emblem,
        [
            new("",
            [
                $"ด้วย{data.OrganizationName} ได้จัดทำรายงานผลการดำเนินงานตาม{subject} {ThaiFormat.RoundName(data.Round)} ({period}) " +
                $"เพื่อเสนอต่อผู้บริหารท้องถิ่น และเผยแพร่ผลการดำเนินงานตาม{subject} ทางเว็บไซต์ของ{data.OrganizationName}",
            ]),
        ], "จึงเรียนมาเพื่อโปรดทราบ", data.Drafter, endorsements);
    }

    private static void WriteCover(ReportBuilder builder, AntiCorruptionReportData data, string year)
    {
        builder.PageBreak();
        builder.Space(PageGeometry.Cm(5));
        if (data.Emblem is { Length: > 0 } emblem) builder.Image(emblem, PageGeometry.Cm(4));
        builder.Heading("รายงานผลการดำเนินการ", TextAlign.Center, 26, 12);
        builder.Heading("ตามแผนปฏิบัติการ", TextAlign.Center, 26, 0);
        builder.Heading("ด้านการป้องกันและปราบปรามการทุจริต", TextAlign.Center, 26, 0);
        builder.Heading($"ประจำ{year}", TextAlign.Center, 26, 0);
        builder.Space(PageGeometry.Cm(3));
        builder.Heading(data.OrganizationName, TextAlign.Center, 22, 0);
        var location = Places.Location(data.District, data.Province);
        if (location.Length > 0) builder.Heading(location, TextAlign.Center, 22, 0);
    }

    private static void WriteAnnouncement(ReportBuilder builder, AntiCorruptionReportData data, string year)
    {
        builder.PageBreak();
        if (data.Emblem is { Length: > 0 } emblem) builder.Image(emblem, PageGeometry.Cm(2.5));
        builder.Heading($"ประกาศ{data.OrganizationName}", TextAlign.Center, 18, 6);
        var subject = data.Round == ReportingRound.TwelveMonths
            ? "รายงานผลการดำเนินการป้องกันการทุจริต"
            : "รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต";
        builder.Heading($"เรื่อง {subject}", TextAlign.Center, 16, 0);
        builder.Heading(data.Round == ReportingRound.TwelveMonths ? $"ประจำ{year}" : $"ประจำ{year} {ThaiFormat.RoundName(data.Round)}",
            TextAlign.Center, 16, 0);
        builder.Paragraph("---------------------------------------", new ParagraphStyle { Align = TextAlign.Center });
        var end = data.Round == ReportingRound.TwelveMonths
            ? $"บัดนี้ การดำเนินการตามแผนฯ ประจำ{year} ได้สิ้นสุดแล้ว"
            : $"บัดนี้ ครบกำหนดรายงานผลการดำเนินการ{ThaiFormat.RoundName(data.Round)} ตั้งแต่วันที่ " +
              $"{ThaiFormat.Date(data.Round.PeriodStart(data.FiscalYear))} ถึงวันที่ {ThaiFormat.Date(data.Round.PeriodEnd(data.FiscalYear))}";
        builder.Paragraph(
            $"ตามที่ {data.OrganizationName} ได้จัดทำ{PlanName} {year} เพื่อใช้เป็นแนวทางในการนำไปปฏิบัติอย่างแท้จริง " +
            $"ลดการทุจริตและประพฤติมิชอบใน{data.OrganizationName} นั้น", ParagraphStyle.Indented);
        builder.Paragraph(
            $"{end} จึงขอรายงานผลการดำเนินงาน พร้อมทั้งระบุปัญหา อุปสรรค และข้อเสนอแนะในการปรับปรุงแผนฯ " +
            "รายละเอียดตามรายงานผลการดำเนินงานฯ แนบท้ายประกาศนี้", ParagraphStyle.Indented with { SpaceBefore = 6 });
        builder.Paragraph("จึงขอประกาศให้ทราบโดยทั่วกัน", ParagraphStyle.Indented with { SpaceBefore = 6 });
        Announcement.Sign(builder, data.AnnouncedOn, data.ExecutiveOrder.Signer);
    }

    private static void WriteNarrative(ReportBuilder builder, AntiCorruptionReportData data, string year)
    {
        builder.PageBreak();
        builder.Heading($"รายงานผลการดำเนินการตาม{PlanName}", TextAlign.Center, 18, 0);
        builder.Heading($"ประจำ{year} {ThaiFormat.RoundName(data.Round)}", TextAlign.Center, 18, 0);
        builder.Paragraph(
            $"{data.OrganizationName} ได้จัดทำ{PlanName} {year} เพื่อใช้เป็นกรอบแนวทางการดำเนินงานในการป้องกันและปราบปรามการทุจริต " +
            $"โดยมอบหมายให้ส่วนราชการภายในรับไปดำเนินการ จำนวน {ItaResultSections.NumberText(data.Projects.Count)} โครงการ/กิจกรรม/มาตรการ " +
            "จึงขอรายงานผลการดำเนินงาน พร้อมทั้งระบุปัญหา อุปสรรค และข้อเสนอแนะในการปรับปรุงแผนฯ ดังนี้",
            ParagraphStyle.Indented with { SpaceBefore = 6 });

        builder.Heading("๑. ผลการดำเนินงาน");
        var lineHeight = builder.Typesetter.LineHeight(builder.BodyStyle);
        var label = new ParagraphStyle { Text = builder.BodyStyle.WithBold(), LeftIndent = PageGeometry.Cm(1.25), SpaceBefore = 2 };
        var item = new ParagraphStyle { LeftIndent = PageGeometry.Cm(1.25), FirstLineIndent = PageGeometry.Cm(1.25) };
        foreach (var dimension in data.Projects.GroupBy(p => p.Dimension).OrderBy(g => g.Key))
        {
            builder.Heading($"มิติที่ {ItaResultSections.NumberText(dimension.Key)} {PlanNames.DimensionNameTh(dimension.Key)}", spaceBefore: 10);
            var index = 0;
            foreach (var project in dimension.OrderBy(p => p.Number))
            {
                index++;
                builder.Heading($"{ItaResultSections.NumberText(dimension.Key)}.{ItaResultSections.NumberText(index)} {project.Title}", spaceBefore: 6);
                if (project.Method.Count > 0)
                {
                    builder.KeepSpace(3 * lineHeight);
                    builder.Paragraph("การดำเนินการ", label);
                    for (var i = 0; i < project.Method.Count; i++)
                        builder.Paragraph($"{ItaResultSections.NumberText(i + 1)}. {project.Method[i]}", item);
                }
                builder.KeepSpace(3 * lineHeight);
                builder.Paragraph("ผลการดำเนินการ", label);
                builder.Paragraph(ResultText(project), item);
            }
        }
    }

    internal static Table ProjectTable(IReadOnlyList<AntiCorruptionProject> projects)
    {
        var rows = projects.OrderBy(p => p.Number).Select(p =>
        {
            var cells = new List<TableCell>
            {
                new(ThaiFormat.Count(p.Number), Align: TextAlign.Center),
                p.Title,
                new(ThaiFormat.Count(p.Dimension), Align: TextAlign.Center),
                new(ThaiFormat.BahtAmount(p.Budget), Align: TextAlign.Right),
                new(ThaiFormat.BahtAmount(p.Disbursed), Align: TextAlign.Right),
            };
            cells.AddRange(StatusColumns.Select(s => s == p.Status ? TableCell.Check : new TableCell("")));
            cells.Add(p.Note);
            return new TableRow(cells);
        }).ToList();
        var columns = new List<TableColumn>
        {
            new("ลำดับ", 1.4, TextAlign.Center), new("รายการโครงการ", 5.6), new("มิติ", 0.8, TextAlign.Center),
            new("งบประมาณ", 2.3, TextAlign.Right), new("เบิกจ่าย (บาท)", 2.3, TextAlign.Right),
        };
        columns.AddRange(StatusColumns.Select(s => new TableColumn(s.NameTh(), 1.7, TextAlign.Center)));
        columns.Add(new TableColumn("หมายเหตุ", 2.0));
        return new Table(columns, rows);
    }

    internal static Table AppendixTable(IReadOnlyList<AntiCorruptionProject> projects) => new(
        [new("โครงการ", 3), new("ผลการดำเนินการ", 5)],
        projects.OrderBy(p => p.Number).Select(p => TableRow.Of(p.Title, ResultText(p))).ToList());

    private static void WriteList(ReportBuilder builder, string heading, IReadOnlyList<string> items)
    {
        builder.Heading(heading, spaceBefore: 8);
        if (items.Count == 0) builder.Paragraph("ไม่มี", ParagraphStyle.Indented);
        foreach (var text in items) builder.Paragraph(text, ParagraphStyle.Indented);
    }

    /// <summary>สรุปผลการขับเคลื่อนแผนฯ, worded and numbered as NACC's e-Plan summary (seed 003).</summary>
    private static void WriteSummary(ReportBuilder builder, RoundSummary summary)
    {
        var lines = SummaryLines(summary);
        builder.KeepSpace((lines.Count + 2) * builder.Typesetter.LineHeight(builder.BodyStyle));
        builder.Heading("สรุปผลการขับเคลื่อนแผนฯ", spaceBefore: 8);
        var bullet = new ParagraphStyle { LeftIndent = PageGeometry.Cm(1.25) };
        foreach (var line in lines) builder.Paragraph("- " + line, bullet);
    }

    internal static IReadOnlyList<string> SummaryLines(RoundSummary summary) =>
    [
        $"{PlanName} มีโครงการ/กิจกรรม/มาตรการ จำนวน {ThaiFormat.Count(summary.Total)} โครงการ",
        $"รอการรายงาน {ThaiFormat.Count(summary.Waiting)} โครงการ",
        $"{ProgressStatus.InProgress.NameTh()} {ThaiFormat.Count(summary.InProgress)} โครงการ",
        $"{ProgressStatus.Done.NameTh()} {ThaiFormat.Count(summary.Done)} โครงการ",
        $"{ProgressStatus.CannotDo.NameTh()} {ThaiFormat.Count(summary.CannotDo)} โครงการ",
        $"เบิกจ่ายงบประมาณ {ThaiFormat.Baht(summary.TotalDisbursed)} คิดเป็น{ThaiFormat.Percent(summary.DisbursedPercent)}",
        $"มีการนำแผนฯ ไปปฏิบัติ ระดับ {summary.ImplementationLevel.NameTh()} {ThaiFormat.Percent(summary.ImplementedPercent)}",
    ];

    /// <summary>The result as reported; without one, the status (รอรายงาน, อยู่ระหว่างดำเนินการ …).</summary>
    private static string ResultText(AntiCorruptionProject project) =>
        project.Result.Length > 0 ? project.Result : project.Status.NameTh();

    /// <summary>Dots filling <paramref name="width"/> at the body size: a line to write on by hand.</summary>
    private static string DottedLine(ReportBuilder builder, double width)
    {
        var dot = builder.Typesetter.Measure(".", builder.BodyStyle);
        return new string('.', Math.Max(3, (int)(width / dot) - 2));
    }
}
