// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>One measure of the year's plan: what, how (steps), who, when, how it is followed up, and the indicators it answers.</summary>
public sealed record MeasurePlanRow(
    int Number,
    string Title,
    IReadOnlyList<int> Indicators,
    IReadOnlyList<string> Steps,
    string Responsible,
    string Period,
    string FollowUp)
{
    /// <summary>Target indicators 1–10 (an unknown number fails here, not in the middle of a render).</summary>
    public IReadOnlyList<int> Indicators { get; init => field = Normalize(value); } = Normalize(Indicators);

    private static List<int> Normalize(IReadOnlyList<int> indicators) =>
        indicators.Select(n => Indicator.Of(n).Number).Distinct().Order().ToList();
}

/// <summary>Everything the measures document (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) prints.</summary>
public sealed record MeasuresDocumentData(
    string OrganizationName,
    string District,
    string Province,
    FiscalYear FiscalYear,
    ItaResult? LastYearResult,
    IReadOnlyList<MeasurePlanRow> Measures,
    Signer Approver,
    DateOnly ApprovedOn)
{
    public byte[]? Emblem { get; init; }

    /// <summary>The paragraphs before the measures table; a standard text when empty.</summary>
    public IReadOnlyList<string> Introduction { get; init; } = [];
}

/// <summary>
/// The measures document (seed 001, seed 004 §3): a heading block, the analysis of last year's ITA
/// result, the measures grouped by the indicator they answer, and the approving executive's signature.
/// </summary>
public static class MeasuresDocument
{
    public const string Name = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน";

    public static byte[] Render(MeasuresDocumentData data, ThaiFontFamily fonts)
    {
        var year = ThaiFormat.FiscalYear(data.FiscalYear);
        using var builder = new ReportBuilder(fonts, PageGeometry.A4Memo, $"{Name} ประจำ{year} {data.OrganizationName}");
        if (data.Emblem is { Length: > 0 } emblem) builder.Image(emblem, PageGeometry.Cm(3));
        // Broken where a reader pauses, not where the line happens to end.
        builder.Heading("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", TextAlign.Center, 20);
        builder.Heading($"ภายในหน่วยงาน ประจำ{year}", TextAlign.Center, 20, 0);
        builder.Heading(data.OrganizationName, TextAlign.Center, 18, 0);
        var location = Places.Location(data.District, data.Province);
        if (location.Length > 0) builder.Heading(location, TextAlign.Center, 18, 0);
        builder.BlankLine();

        WriteAnalysis(builder, data);

        builder.PageBreak(PageGeometry.A4Landscape);
        builder.Heading($"๒. {Name} ประจำ{year}", spaceBefore: 0);
        var introduction = data.Introduction.Count > 0
            ? data.Introduction
            : [$"เพื่อนำผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐไปปรับปรุงการดำเนินงานให้มีคุณธรรมและความโปร่งใสยิ่งขึ้น " +
               $"{data.OrganizationName} จึงกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำ{year} ดังนี้"];
        foreach (var paragraph in introduction) builder.Paragraph(paragraph, ParagraphStyle.Indented);
        builder.Space(6);
        builder.Table(MeasuresTable(data.Measures, data.LastYearResult));

        Announcement.Sign(builder, data.ApprovedOn, data.Approver);
        return builder.ToPdf();
    }

    private static void WriteAnalysis(ReportBuilder builder, MeasuresDocumentData data)
    {
        var result = data.LastYearResult;
        var assessed = ThaiFormat.FiscalYear(result?.AssessmentYear ?? data.FiscalYear.Previous);
        builder.Heading($"๑. การวิเคราะห์ผลการประเมิน ITA ของ{data.OrganizationName} {assessed}");
        if (result is null)
        {
            builder.Paragraph(
                $"ยังไม่ได้บันทึกผลการประเมิน ITA ประจำ{assessed} ของ{data.OrganizationName} จึงยังไม่มีผลการวิเคราะห์ในส่วนนี้",
                ParagraphStyle.Indented);
            return;
        }

        builder.Paragraph($"จากผลการประเมิน ITA ใน{assessed} {ItaResultSections.ResultSentence(data.OrganizationName, result.Total)}",
            ParagraphStyle.Indented);

        if (result.Tools.Count > 0)
        {
            builder.Heading("๑.๑ ผลคะแนนตามเครื่องมือการประเมิน");
            builder.Table(ItaResultSections.ToolsTable(result.Tools));
        }
        if (result.Indicators.Count > 0)
        {
            builder.Heading("๑.๒ ผลคะแนนรายตัวชี้วัด");
            builder.Table(ItaResultSections.IndicatorsTable(result.Indicators));
        }
        if (result.ClassificationCounts.Values.Sum() > 0)
        {
            builder.Heading("๑.๓ การจำแนกข้อคำถามเพื่อการดำเนินงานในปีถัดไป");
            builder.Table(ItaResultSections.ClassificationTable(result.ClassificationCounts));
        }

        builder.Heading("๑.๔ ตัวชี้วัดที่ต้องปรับปรุง");
        if (result.WeakestIndicators.Count == 0)
        {
            builder.Paragraph($"ทุกตัวชี้วัดมีคะแนนผ่านเกณฑ์ ({ItaResultSections.NumberText((int)Score.PassMark)} คะแนนขึ้นไป) " +
                              "จึงมุ่งรักษาระดับและยกระดับข้อคำถามที่ยังได้คะแนนไม่เต็ม", ParagraphStyle.Indented);
            return;
        }
        builder.Paragraph($"ตัวชี้วัดที่มีคะแนนต่ำกว่าเกณฑ์ ({ItaResultSections.NumberText((int)Score.PassMark)} คะแนน) เรียงจากคะแนนต่ำสุด ได้แก่",
            ParagraphStyle.Indented);
        var indicatorStyle = new ParagraphStyle { Text = builder.BodyStyle.WithBold(), LeftIndent = PageGeometry.Cm(1.25), SpaceBefore = 4 };
        var questionStyle = new ParagraphStyle { LeftIndent = PageGeometry.Cm(2) };
        foreach (var number in result.WeakestIndicators)
        {
            var indicator = result.Indicators.First(i => i.Number == number);
            builder.Paragraph(ItaResultSections.IndicatorLabel(indicator), indicatorStyle);
            var improve = indicator.Questions.Where(q => q.Score.Classification == QuestionClassification.Improve).ToList();
            if (improve.Count > 0) builder.Paragraph("ข้อคำถามที่ต้องปรับปรุง", questionStyle);
            foreach (var q in improve)
                builder.Paragraph($"- {ThaiDigits.ToThaiDigits(q.Code)} {q.Text} ({ItaResultSections.ScoreText(q.Score)} คะแนน)", questionStyle);
        }
    }

    /// <summary>
    /// The measures table; where measures name their target indicators they are grouped under a row
    /// "ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (๙๙.๗๘ คะแนน)", in indicator order (seed 004 §3).
    /// </summary>
    internal static Table MeasuresTable(IReadOnlyList<MeasurePlanRow> measures, ItaResult? result)
    {
        var groups = measures
            .GroupBy(m => string.Join(",", m.Indicators))
            .OrderBy(g => g.First().Indicators.Count == 0 ? int.MaxValue : g.First().Indicators[0])
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var grouped = groups.Count > 1 || groups.Any(g => g.Key.Length > 0);
        var rows = new List<TableRow>();
        foreach (var group in groups)
        {
            if (grouped)
                rows.Add(TableRow.Section(group.Key.Length == 0
                    ? "มาตรการอื่น ๆ"
                    : string.Join(" / ", group.First().Indicators.Select(n => GroupLabel(n, result)))));
            rows.AddRange(group.OrderBy(m => m.Number).Select(m => TableRow.Of(
                $"{ItaResultSections.NumberText(m.Number)}. {m.Title}",
                Steps(m.Steps),
                m.Responsible,
                m.Period,
                m.FollowUp)));
        }
        return new Table(
            [new("มาตรการ/แนวทาง", 3.2), new("วิธีการดำเนินการ", 5.3), new("ผู้รับผิดชอบ", 2.2), new("ระยะเวลา\nดำเนินการ", 2.5), new("การติดตามผล", 3.2)],
            rows);
    }

    private static string GroupLabel(int number, ItaResult? result)
    {
        if (result?.Indicators.FirstOrDefault(i => i.Number == number) is { } scored) return ItaResultSections.IndicatorLabel(scored);
        return $"ตัวชี้วัดที่ {ItaResultSections.NumberText(number)} {Indicator.Of(number).NameTh}";
    }

    /// <summary>"๑. …" per step; a single step is printed as it is.</summary>
    private static string Steps(IReadOnlyList<string> steps) => steps.Count == 1
        ? steps[0]
        : string.Join("\n", steps.Select((s, i) => $"{ItaResultSections.NumberText(i + 1)}. {s}"));
}
