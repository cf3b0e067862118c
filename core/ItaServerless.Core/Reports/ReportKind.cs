// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Reports;

/// <summary>The four official documents (issue 6): which data they need and whether they belong to a round.</summary>
public enum ReportKind
{
    /// <summary>มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (seed 001, seed 004 §3).</summary>
    Measures,

    /// <summary>รายงานผลการดำเนินการตามมาตรการฯ of a round (seeds 000, 002).</summary>
    Progress,

    /// <summary>รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต of a round (seed 003).</summary>
    AntiCorruption,

    /// <summary>การวิเคราะห์ผลการประเมิน ITA (seed 004).</summary>
    Analysis,
}

public static class ReportKinds
{
    /// <summary>"measures", "progress", "anticorruption", "analysis": the API's, the storage's and the public address's code.</summary>
    public static string Code(this ReportKind kind) => kind switch
    {
        ReportKind.Measures => "measures",
        ReportKind.Progress => "progress",
        ReportKind.AntiCorruption => "anticorruption",
        _ => "analysis",
    };

    /// <summary>Progress and anti-corruption reports cover a round; the others a whole year.</summary>
    public static bool HasRound(this ReportKind kind) => kind is ReportKind.Progress or ReportKind.AntiCorruption;

    /// <summary>The kind named by <paramref name="code"/> exactly (surrounding spaces ignored).</summary>
    public static Validated<ReportKind> Parse(string? code, string field = "kind")
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text)) return Validated<ReportKind>.Fail(TextRules.Required(field));
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            if (kind.Code() == text) return Validated<ReportKind>.Ok(kind);
        }

        return Validated<ReportKind>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "ชนิดเอกสารต้องเป็น measures progress anticorruption หรือ analysis",
            "The kind must be measures, progress, anticorruption or analysis."));
    }

    /// <summary>The memo's default subject (เรื่อง), e.g. "รายงานผลการดำเนินการตามมาตรการ… ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ รอบ ๖ เดือน".</summary>
    public static string SubjectTh(this ReportKind kind, FiscalYear year, ReportingRound? round)
    {
        var fy = "ประจำ" + ThaiFormat.FiscalYear(year);
        var inRound = round is null ? "" : " " + ThaiFormat.RoundName(round);
        return kind switch
        {
            ReportKind.Measures => $"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {fy}",
            ReportKind.Progress => $"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {fy}{inRound}",
            ReportKind.AntiCorruption => $"รายงานผลการดำเนินการตามแผนปฏิบัติการป้องกันการทุจริต {fy}{inRound}",
            _ => $"การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {fy}",
        };
    }

    /// <summary>A short Thai file name: "รายงานผลการดำเนินการตามมาตรการ 2569 รอบ 6 เดือน".</summary>
    public static string FileNameTh(this ReportKind kind, FiscalYear year, ReportingRound? round)
    {
        var name = kind switch
        {
            ReportKind.Measures => "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            ReportKind.Progress => "รายงานผลการดำเนินการตามมาตรการ",
            ReportKind.AntiCorruption => "รายงานผลแผนป้องกันการทุจริต",
            _ => "การวิเคราะห์ผลการประเมิน ITA",
        };
        return $"{name} {year.Year}" + (round is null ? "" : $" รอบ {round.Months} เดือน");
    }
}
