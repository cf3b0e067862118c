// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Scoring;

public sealed record IndicatorResult(Indicator Indicator, Score Score)
{
    public bool Passes => Score.Passes;
}

public sealed record QuestionResult(Question Question, Score Score)
{
    public QuestionClassification Classification => Score.Classification;

    public Indicator Indicator => Question.Indicator;
}

/// <summary>
/// The analysis of last year's result that opens the measures document (seed 004 §2):
/// grade, pass/fail, indicators below the pass mark and each question's classification.
/// </summary>
public sealed class Analysis
{
    private Analysis(Assessment assessment)
    {
        Assessment = assessment;
        Indicators = assessment.IndicatorScores
            .Select(p => new IndicatorResult(p.Key, p.Value))
            .OrderBy(r => r.Indicator.Number)
            .ToArray();
        WeakestIndicators = Indicators
            .Where(r => !r.Passes)
            .OrderBy(r => r.Score)
            .ThenBy(r => r.Indicator.Number)
            .ToArray();
        Questions = assessment.Catalog.Questions
            .Where(q => assessment.QuestionScores.ContainsKey(q.Id))
            .Select(q => new QuestionResult(q, assessment.QuestionScores[q.Id]))
            .ToArray();
        ByClassification = Enum.GetValues<QuestionClassification>()
            .ToDictionary(c => c, c => (IReadOnlyList<QuestionResult>)Questions.Where(q => q.Classification == c).ToArray());
    }

    public Assessment Assessment { get; }

    public Score Total => Assessment.Total;

    public Grade Grade => Total.Grade;

    /// <summary>Total ≥ 85.</summary>
    public bool Passed => Total.Passes;

    /// <summary>Every indicator with a score, by number.</summary>
    public IReadOnlyList<IndicatorResult> Indicators { get; }

    /// <summary>Indicators below the pass mark, lowest score first.</summary>
    public IReadOnlyList<IndicatorResult> WeakestIndicators { get; }

    /// <summary>Every scored question, in questionnaire order.</summary>
    public IReadOnlyList<QuestionResult> Questions { get; }

    /// <summary>Scored questions per classification (all three keys present), questionnaire order.</summary>
    public IReadOnlyDictionary<QuestionClassification, IReadOnlyList<QuestionResult>> ByClassification { get; }

    public IReadOnlyList<QuestionResult> QuestionsOf(Indicator indicator) =>
        Questions.Where(q => q.Indicator == indicator).ToArray();

    public static Analysis Of(Assessment assessment) =>
        new(assessment ?? throw new ArgumentNullException(nameof(assessment)));
}
