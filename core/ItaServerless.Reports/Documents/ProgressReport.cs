// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>One measure with what was done in the round.</summary>
public sealed record MeasureProgressRow(
    int Number,
    string Title,
    IReadOnlyList<string> Steps,
    string Responsible,
    string Period,
    ProgressStatus Status,
    string Result,
    string Outcome,
    string Recommendation,
    Baht Budget,
    Baht Disbursed);

/// <summary>
/// Everything the progress report (รายงานผลการดำเนินการตามมาตรการ…, round 6 or 12 months) prints; the
/// totals and percentages are Core's <see cref="RoundSummary"/> of the round, printed as computed.
/// </summary>
public sealed record ProgressReportData(
    string OrganizationName,
    FiscalYear FiscalYear,
    ReportingRound Round,
    MemoHeader Memo,
    Signer Drafter,
    IReadOnlyList<Endorsement> Endorsements,
    IReadOnlyList<MeasureProgressRow> Measures,
    RoundSummary Summary)
{
    public byte[]? Emblem { get; init; }
}

/// <summary>The progress report: a memo to the executive, the measures table with results, the round summary (seeds 000, 002).</summary>
public static class ProgressReport
{
    private static readonly string[] Headers =
        ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "ผลการดำเนินการ", "ข้อเสนอแนะ"];

    public static byte[] Render(ProgressReportData data, ThaiFontFamily fonts)
    {
        var year = ThaiFormat.FiscalYear(data.FiscalYear);
        var round = ThaiFormat.RoundName(data.Round);
        var title = $"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {year} {round}";
        using var builder = new ReportBuilder(fonts, PageGeometry.A4Memo, title);

        var summary = data.Summary;
        var period = $"{ThaiFormat.Date(data.Round.PeriodStart(data.FiscalYear))} ถึงวันที่ {ThaiFormat.Date(data.Round.PeriodEnd(data.FiscalYear))}";
        Memo.Write(builder, data.Memo, data.Emblem,
        [
            new("เรื่องเดิม",
            [
                $"ตามที่{data.OrganizationName} ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {year} " +
                "เพื่อนำผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) " +
                "ไปปรับปรุงและพัฒนาการดำเนินงานของหน่วยงาน นั้น",
            ]),
            new("ข้อเท็จจริง",
            [
                $"บัดนี้ ครบกำหนดรายงานผลการดำเนินการ{round} ตั้งแต่วันที่ {period} " +
                $"ซึ่งมีมาตรการทั้งสิ้น {Count(summary.Total)} มาตรการ ดำเนินการแล้วเสร็จ {Count(summary.Done)} มาตรการ " +
                $"อยู่ระหว่างดำเนินการ {Count(summary.InProgress)} มาตรการ ไม่สามารถดำเนินการได้ {Count(summary.CannotDo)} มาตรการ " +
                $"และรอรายงาน {Count(summary.Waiting)} มาตรการ รายละเอียดตามรายงานที่แนบมาพร้อมนี้",
            ]),
            new("ข้อเสนอเพื่อพิจารณา",
            [
                $"เห็นควรรายงานผลการดำเนินการตามมาตรการดังกล่าวให้ผู้บริหารทราบ และเผยแพร่บนเว็บไซต์ของ{data.OrganizationName} " +
                "เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสียรับทราบต่อไป",
            ]),
        ], "จึงเรียนมาเพื่อโปรดทราบและพิจารณา", data.Drafter, data.Endorsements);

        builder.PageBreak(PageGeometry.A4Landscape);
        builder.Heading("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", TextAlign.Center, spaceBefore: 0);
        builder.Heading($"{data.OrganizationName} {year} ({round})", TextAlign.Center, spaceBefore: 0);
        builder.Space(6);
        builder.Table(MeasuresTable(data.Measures));
        WriteSummary(builder, summary, round);
        return builder.ToPdf();
    }

    internal static Table MeasuresTable(IReadOnlyList<MeasureProgressRow> measures)
    {
        var rows = measures.Select(m => TableRow.Of(
            $"{Count(m.Number)}. {m.Title}",
            string.Join("\n", m.Steps.Select(s => "- " + s)),
            m.Responsible,
            m.Period,
            ResultText(m),
            m.Recommendation)).ToList();
        return new Table(
        [
            new(Headers[0], 2.8), new(Headers[1], 5), new(Headers[2], 2.2), new(Headers[3], 2.2), new(Headers[4], 5), new(Headers[5], 2.8),
        ], rows);
    }

    private static string ResultText(MeasureProgressRow m)
    {
        var lines = new List<string> { $"สถานะ: {m.Status.NameTh()}" };
        if (m.Result.Length > 0) lines.Add(m.Result);
        if (m.Outcome.Length > 0) lines.Add($"ผลลัพธ์: {m.Outcome}");
        if (!m.Budget.IsZero)
            lines.Add($"งบประมาณ {ThaiFormat.Number(m.Budget.Amount, true)} บาท เบิกจ่าย {ThaiFormat.Number(m.Disbursed.Amount, true)} บาท");
        return string.Join("\n", lines);
    }

    private static void WriteSummary(ReportBuilder builder, RoundSummary summary, string round)
    {
        builder.Space(12);
        builder.KeepSpace(200);
        builder.Heading($"สรุปผลการดำเนินการ{round}", spaceBefore: 0);
        string Share(ProgressStatus status) => ThaiFormat.Number(summary.PercentOf(status), true);
        builder.Table(new Table(
            [new("สถานะ", 5), new("จำนวน (มาตรการ)", 2, TextAlign.Center), new("ร้อยละ", 2, TextAlign.Center)],
            [
                TableRow.Of(ProgressStatus.Done.NameTh(), Count(summary.Done), Share(ProgressStatus.Done)),
                TableRow.Of(ProgressStatus.InProgress.NameTh(), Count(summary.InProgress), Share(ProgressStatus.InProgress)),
                TableRow.Of(ProgressStatus.CannotDo.NameTh(), Count(summary.CannotDo), Share(ProgressStatus.CannotDo)),
                TableRow.Of(ProgressStatus.Waiting.NameTh(), Count(summary.Waiting), Share(ProgressStatus.Waiting)),
                TableRow.Of(new TableCell("รวม", Bold: true), new TableCell(Count(summary.Total), Bold: true), new TableCell(ThaiFormat.Number(summary.TotalPercent, true), Bold: true)),
            ]) { FontSize = 16 });
        builder.Space(6);
        var budget = summary.TotalBudget.IsZero
            ? "มาตรการทั้งหมดไม่ใช้งบประมาณ"
            : $"งบประมาณรวม {ThaiFormat.Number(summary.TotalBudget.Amount, true)} บาท เบิกจ่ายแล้ว " +
              $"{ThaiFormat.Number(summary.TotalDisbursed.Amount, true)} บาท คิดเป็น{ThaiFormat.Percent(summary.DisbursedPercent, true)} ของงบประมาณ";
        builder.Paragraph(
            $"{budget} มาตรการที่นำไปสู่การปฏิบัติ (ดำเนินการแล้วเสร็จและอยู่ระหว่างดำเนินการ) คิดเป็น{ThaiFormat.Percent(summary.ImplementedPercent, true)} " +
            $"อยู่ในระดับ{summary.ImplementationLevel.NameTh()}", ParagraphStyle.Indented);
    }

    private static string Count(int value) => ThaiFormat.Count(value, thaiDigits: true);
}
