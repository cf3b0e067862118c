// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>
/// Last year's ITA result as the measures document prints it (seed 001 §1, seed 004 §2). Built only
/// from Core's <see cref="Analysis"/>, so the weakest indicators and the classification counts are
/// Core's and always agree with the scores.
/// </summary>
public sealed record ItaResult
{
    private ItaResult(FiscalYear assessmentYear, Score total, IReadOnlyList<ToolScoreRow> tools,
        IReadOnlyList<IndicatorScoreRow> indicators, IReadOnlyList<int> weakest, IReadOnlyDictionary<QuestionClassification, int> counts)
    {
        AssessmentYear = assessmentYear;
        Total = total;
        Tools = tools;
        Indicators = indicators;
        WeakestIndicators = weakest;
        ClassificationCounts = counts;
    }

    public FiscalYear AssessmentYear { get; }
    public Score Total { get; }
    public IReadOnlyList<ToolScoreRow> Tools { get; }
    public IReadOnlyList<IndicatorScoreRow> Indicators { get; }

    /// <summary>Numbers of the indicators below the pass mark, lowest score first.</summary>
    public IReadOnlyList<int> WeakestIndicators { get; }

    /// <summary>Scored questions per classification (every key present).</summary>
    public IReadOnlyDictionary<QuestionClassification, int> ClassificationCounts { get; }

    public static ItaResult From(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var assessment = analysis.Assessment;
        var tools = Core.Scoring.Tools.All
            .Where(t => assessment.ToolScores.ContainsKey(t))
            .Select(t => new ToolScoreRow(t.Code(), t.NameTh(), assessment.ToolScores[t]))
            .ToList();
        var indicators = analysis.Indicators.Select(r => new IndicatorScoreRow(
            r.Indicator.Number, r.Indicator.NameTh, r.Indicator.Tool.Code(), r.Score,
            analysis.QuestionsOf(r.Indicator).Select(q => new QuestionScoreRow(q.Question.Id.Value, q.Question.TextTh, q.Score)).ToList())).ToList();
        return new ItaResult(assessment.AssessmentYear, analysis.Total, tools, indicators,
            analysis.WeakestIndicators.Select(r => r.Indicator.Number).ToList(),
            analysis.ByClassification.ToDictionary(p => p.Key, p => p.Value.Count));
    }
}

/// <summary>The pieces of the ITA result shared by the analysis and the measures documents.</summary>
internal static class ItaResultSections
{
    /// <summary>"เทศบาลตำบลนาคำ มีผลการประเมินในภาพรวม ๘๓.๐๓ คะแนน อยู่ในระดับ B (ดี) ซึ่งไม่ผ่านเกณฑ์ค่าเป้าหมาย (๘๕ คะแนนขึ้นไป)".</summary>
    public static string ResultSentence(string organizationName, Score total)
    {
        var grade = total.Grade;
        return $"{organizationName} มีผลการประเมินในภาพรวม {ScoreText(total)} คะแนน อยู่ในระดับ {grade.Code()} ({grade.NameTh()}) " +
               $"ซึ่ง{Grades.PassTh(total.Passes)}เกณฑ์ค่าเป้าหมาย ({ThaiDigits.ToThaiDigits((long)Score.PassMark)} คะแนนขึ้นไป)";
    }

    public static Table ToolsTable(IReadOnlyList<ToolScoreRow> tools) => new(
        [new("เครื่องมือการประเมิน", 6), new("คะแนน", 2, TextAlign.Center)],
        tools.Select(t => TableRow.Of($"{t.Name} ({t.Code})", ScoreText(t.Score))).ToList()) { FontSize = 16 };

    public static Table IndicatorsTable(IReadOnlyList<IndicatorScoreRow> indicators) => new(
        [new("ตัวชี้วัด", 6), new("เครื่องมือ", 1.6, TextAlign.Center), new("คะแนน", 1.6, TextAlign.Center), new("ผลการประเมิน", 2, TextAlign.Center)],
        indicators.Select(i => TableRow.Of(
            $"{NumberText(i.Number)}. {i.Name}", i.Tool, ScoreText(i.Score), Grades.PassTh(i.Score.Passes))).ToList()) { FontSize = 16 };

    /// <summary>How many questions to maintain, raise and improve, with the score bands and their colours.</summary>
    public static Table ClassificationTable(IReadOnlyDictionary<QuestionClassification, int> counts)
    {
        var bands = new Dictionary<QuestionClassification, string>
        {
            [QuestionClassification.Maintain] = $"{NumberText((int)QuestionClassifications.MaintainFrom)} คะแนนขึ้นไป",
            [QuestionClassification.Raise] = $"{NumberText((int)QuestionClassifications.RaiseFrom)} – {ThaiFormat.Score(Score.Of(QuestionClassifications.MaintainFrom - 0.01m), true)} คะแนน",
            [QuestionClassification.Improve] = $"ต่ำกว่า {NumberText((int)QuestionClassifications.RaiseFrom)} คะแนน",
        };
        var rows = Enum.GetValues<QuestionClassification>().Select(c => TableRow.Of(
            new TableCell(c.NameTh(), Shade: Shade(c)), bands[c], NumberText(counts.GetValueOrDefault(c)))).ToList();
        rows.Add(TableRow.Of(new TableCell("รวม", Bold: true), "", new TableCell(NumberText(counts.Values.Sum()), Bold: true)));
        return new Table(
            [new("การดำเนินงานในปีถัดไป", 3), new("เกณฑ์คะแนนข้อคำถาม", 3, TextAlign.Center), new("จำนวนข้อคำถาม", 2, TextAlign.Center)],
            rows) { FontSize = 16 };
    }

    /// <summary>"ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่ (๙๙.๗๘ คะแนน)": the group row of question and plan tables.</summary>
    public static string IndicatorLabel(IndicatorScoreRow indicator) =>
        $"ตัวชี้วัดที่ {NumberText(indicator.Number)} {indicator.Name} ({ScoreText(indicator.Score)} คะแนน)";

    public static CellShade Shade(QuestionClassification classification) => classification switch
    {
        QuestionClassification.Maintain => CellShade.Maintain,
        QuestionClassification.Raise => CellShade.Raise,
        _ => CellShade.Improve,
    };

    public static string ScoreText(Score score) => ThaiFormat.Score(score, thaiDigits: true);

    public static string NumberText(int value) => ThaiFormat.Count(value, thaiDigits: true);
}
