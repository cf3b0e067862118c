// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

public sealed record ToolScoreRow(string Code, string Name, Score Score);

public sealed record QuestionScoreRow(string Code, string Text, Score Score);

public sealed record IndicatorScoreRow(int Number, string Name, string Tool, Score Score, IReadOnlyList<QuestionScoreRow> Questions);

/// <summary>One line of the development plan (seed 004 §3): what the organization will do about an indicator.</summary>
public sealed record DevelopmentPlanRow(int IndicatorNumber, string Measure, string Approach, IReadOnlyList<string> Steps, string Period, string Responsible);

/// <summary>Everything the ITA analysis (การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร) prints.</summary>
public sealed record AnalysisReportData(
    string OrganizationName,
    string Location,
    FiscalYear AssessmentYear,
    Score Total,
    IReadOnlyList<ToolScoreRow> Tools,
    IReadOnlyList<IndicatorScoreRow> Indicators,
    IReadOnlyList<DevelopmentPlanRow> Plan)
{
    public byte[]? Emblem { get; init; }

    /// <summary>The "หลักการและเหตุผล" paragraphs; a standard text when empty.</summary>
    public IReadOnlyList<string> Rationale { get; init; } = [];
}

/// <summary>The ITA analysis (seed 004): scores by tool, indicator and question with the classification, then the development plan.</summary>
public static class AnalysisReport
{
    private static readonly string StandardRationale =
        "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) " +
        "เป็นการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียทั้งภายในและภายนอกได้ประเมินการดำเนินงานของหน่วยงาน และตรวจสอบการเปิดเผยข้อมูล" +
        "ต่อสาธารณะ ผลการประเมินจึงเป็นข้อมูลสำคัญในการปรับปรุงและพัฒนาการดำเนินงานให้มีคุณธรรมและความโปร่งใสยิ่งขึ้น";

    public static byte[] Render(AnalysisReportData data, ThaiFontFamily fonts)
    {
        var assessed = ThaiFormat.FiscalYear(data.AssessmentYear);
        var next = ThaiFormat.FiscalYear(data.AssessmentYear.Next);
        var title = $"การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร ใน{next}";
        using var builder = new ReportBuilder(fonts, PageGeometry.A4Memo, title);
        if (data.Emblem is { Length: > 0 } emblem) builder.Image(emblem, PageGeometry.Cm(3));
        builder.Heading(title, TextAlign.Center, 20);
        builder.Heading(data.OrganizationName, TextAlign.Center, 18, 0);
        if (data.Location.Length > 0) builder.Heading(data.Location, TextAlign.Center, 18, 0);
        builder.BlankLine();
        builder.Heading($"การวิเคราะห์ผลการประเมินภาพรวม ITA ประจำ{assessed} {data.OrganizationName}", TextAlign.Center);

        builder.Heading("๑. หลักการและเหตุผล");
        foreach (var paragraph in data.Rationale.Count > 0 ? data.Rationale : [StandardRationale])
            builder.Paragraph(paragraph, ParagraphStyle.Indented);

        builder.Heading($"๒. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน ประจำ{assessed}");
        builder.Paragraph(ItaResultSections.ResultSentence(data.OrganizationName, data.Total), ParagraphStyle.Indented);

        builder.Heading("๒.๑ ผลคะแนนตามเครื่องมือการประเมิน");
        builder.Table(ItaResultSections.ToolsTable(data.Tools));

        builder.Heading("๒.๒ ผลคะแนนรายตัวชี้วัด");
        builder.Table(ItaResultSections.IndicatorsTable(data.Indicators));

        builder.Heading("๒.๓ ผลคะแนนรายข้อคำถาม และการดำเนินงานในปีถัดไป");
        builder.Paragraph("คะแนน ๙๕ ขึ้นไป รักษาระดับ, ๙๐ – ๙๔.๙๙ ยกระดับ, ต่ำกว่า ๙๐ ต้องปรับปรุง", ParagraphStyle.Indented);
        builder.Table(QuestionTable(data, next));

        builder.Heading("๓. การนำผลการวิเคราะห์ไปสู่การพัฒนาองค์กร", spaceBefore: 12);
        builder.Table(PlanTable(data));
        return builder.ToPdf();
    }

    internal static Table QuestionTable(AnalysisReportData data, string nextYear)
    {
        var rows = new List<TableRow>();
        foreach (var indicator in data.Indicators)
        {
            rows.Add(TableRow.Section(ItaResultSections.IndicatorLabel(indicator)));
            rows.AddRange(indicator.Questions.Select(q => TableRow.Of(
                $"{ThaiDigits.ToThaiDigits(q.Code)} {q.Text}",
                indicator.Tool,
                Score(q.Score),
                new TableCell(q.Score.Classification.NameTh(), Shade: ItaResultSections.Shade(q.Score.Classification)))));
        }
        return new Table(
            [new("ข้อคำถาม", 7), new("เครื่องมือ", 1.6, TextAlign.Center), new("คะแนน", 1.6, TextAlign.Center), new($"การดำเนินงานใน{nextYear}", 2.6, TextAlign.Center)],
            rows);
    }

    internal static Table PlanTable(AnalysisReportData data)
    {
        var rows = new List<TableRow>();
        foreach (var group in data.Plan.GroupBy(p => p.IndicatorNumber).OrderBy(g => g.Key))
        {
            var indicator = data.Indicators.FirstOrDefault(i => i.Number == group.Key);
            rows.Add(TableRow.Section(indicator is null
                ? $"ตัวชี้วัดที่ {Number(group.Key)}"
                : ItaResultSections.IndicatorLabel(indicator)));
            rows.AddRange(group.Select(p => TableRow.Of(
                p.Measure,
                p.Approach,
                string.Join("\n", p.Steps.Select((s, i) => $"{Number(i + 1)}. {s}")),
                p.Period,
                p.Responsible)));
        }
        return new Table(
            [new("มาตรการ/โครงการ/กิจกรรม", 2.6), new("วิธีการนำผลการวิเคราะห์สู่การปฏิบัติ", 3.6), new("ขั้นตอนวิธีการปฏิบัติ", 4),
             new("ระยะเวลา", 2), new("ผู้รับผิดชอบ", 2)],
            rows);
    }

    private static string Score(Score score) => ItaResultSections.ScoreText(score);

    private static string Number(int value) => ItaResultSections.NumberText(value);
}
