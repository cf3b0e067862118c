// SPDX-License-Identifier: MIT
using ItaServerless.Core.Scoring;

namespace ItaServerless.Functions.Functions.Assessments;

/// <summary>An ITA result as entered: scores 0–100 with at most 2 decimals; every map may be partial.</summary>
public sealed record AssessmentBody(
    decimal? Total = null,
    IReadOnlyDictionary<string, decimal>? Tools = null,
    IReadOnlyDictionary<string, decimal>? Indicators = null,
    IReadOnlyDictionary<string, decimal>? Questions = null);

public sealed record AssessmentResource(
    int Year,
    decimal Total,
    IReadOnlyDictionary<string, decimal> Tools,
    IReadOnlyDictionary<string, decimal> Indicators,
    IReadOnlyDictionary<string, decimal> Questions)
{
    public static AssessmentResource From(Assessment a) => new(
        a.AssessmentYear.Year,
        a.Total.Value,
        a.ToolScores.OrderBy(p => p.Key).ToDictionary(p => p.Key.Code(), p => p.Value.Value),
        a.IndicatorScores.OrderBy(p => p.Key.Number).ToDictionary(p => p.Key.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value.Value),
        a.Catalog.Questions.Where(q => a.QuestionScores.ContainsKey(q.Id)).ToDictionary(q => q.Id.Value, q => a.QuestionScores[q.Id].Value));
}

public sealed record IndicatorResource(int Number, string Name, string Tool, decimal? Score, bool? Passes);

public sealed record QuestionResource(string Id, int Indicator, string Tool, string Text, decimal? Score, string? Classification, string? ClassificationTh);

public sealed record AnalysisResource(
    int Year,
    decimal Total,
    string Grade,
    string GradeTh,
    bool Passed,
    decimal PassMark,
    IReadOnlyList<IndicatorResource> Indicators,
    IReadOnlyList<IndicatorResource> WeakestIndicators,
    IReadOnlyList<QuestionResource> Questions)
{
    public static AnalysisResource From(Analysis a) => new(
        a.Assessment.AssessmentYear.Year,
        a.Total.Value,
        a.Grade.Code(),
        a.Grade.NameTh(),
        a.Passed,
        Score.PassMark,
        a.Indicators.Select(Indicator).ToArray(),
        a.WeakestIndicators.Select(Indicator).ToArray(),
        a.Questions.Select(q => new QuestionResource(q.Question.Id.Value, q.Indicator.Number, q.Question.Tool.Code(), q.Question.TextTh,
            q.Score.Value, Code(q.Classification), q.Classification.NameTh())).ToArray());

    private static IndicatorResource Indicator(IndicatorResult r) =>
        new(r.Indicator.Number, r.Indicator.NameTh, r.Indicator.Tool.Code(), r.Score.Value, r.Passes);

    public static string Code(QuestionClassification c) => c.ToString().ToLowerInvariant();
}

/// <summary>The questionnaire of an assessment year, for entering scores.</summary>
public sealed record CatalogResource(int Year, IReadOnlyList<ToolResource> Tools, IReadOnlyList<IndicatorResource> Indicators, IReadOnlyList<QuestionResource> Questions)
{
    public static CatalogResource From(QuestionCatalog catalog) => new(
        catalog.AssessmentYear,
        Core.Scoring.Tools.All.Select(t => new ToolResource(t.Code(), t.NameTh(), t.NameEn())).ToArray(),
        Core.Scoring.Indicator.All.Select(i => new IndicatorResource(i.Number, i.NameTh, i.Tool.Code(), null, null)).ToArray(),
        catalog.Questions.Select(q => new QuestionResource(q.Id.Value, q.Indicator.Number, q.Tool.Code(), q.TextTh, null, null, null)).ToArray());
}

public sealed record ToolResource(string Code, string NameTh, string NameEn);
