// SPDX-License-Identifier: MIT
using ItaServerless.Core.Scoring;

namespace ItaServerless.Core.Tests;

public class AssessmentTests
{
    [Fact]
    public void Seed_004_is_a_valid_assessment()
    {
        var a = Seed004.Assessment;
        Assert.Equal("nakham", a.OrganizationId);
        Assert.Equal(2568, a.AssessmentYear.Year);
        Assert.Equal(Score.Of(83.03m), a.Total);
        Assert.Equal(52, a.QuestionScores.Count);
        Assert.Equal(Score.Of(38m), a.ScoreOf(Indicator.Of(9)));
        Assert.Equal(Score.Of(99.87m), a.ScoreOf(Tool.IIT));
        Assert.Null(a.ScoreOf(Tool.EIT));
        Assert.Equal(Score.Of(50m), a.ScoreOf(QuestionId.Of("o4")));
    }

    [Fact]
    public void Every_bad_field_is_reported_with_its_path()
    {
        var draft = new AssessmentDraft("", 2568, 101m,
            new Dictionary<string, decimal> { ["IIT"] = 99m, ["XIT"] = 1m, ["OIT"] = -1m },
            new Dictionary<string, decimal> { ["9"] = 38m, ["11"] = 50m, ["x"] = 1m },
            new Dictionary<string, decimal> { ["o1"] = 0m, ["o29"] = 5m, ["O1"] = 1m, ["i1"] = 99.333m });
        var errors = Assessment.Create(draft).Errors.Select(e => (e.Code, e.Field)).ToHashSet();
        Assert.Equal(new HashSet<(string, string)>
        {
            ("required", "organizationId"),
            ("out_of_range", "total"),
            ("unknown_value", "tools.XIT"),
            ("out_of_range", "tools.OIT"),
            ("out_of_range", "indicators.11"),
            ("invalid_format", "indicators.x"),
            ("unknown_question", "questions.o29"),
            ("duplicate", "questions.o1"),
            ("too_many_decimals", "questions.i1"),
        }, errors);
    }

    [Fact]
    public void Year_errors_are_clear()
    {
        Assert.Equal(("year_looks_like_ce", "assessmentYear"),
            Assessment.Create(Seed004.Draft with { AssessmentYear = 2025 }).Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Equal(("unknown_assessment_year", "assessmentYear"),
            Assessment.Create(Seed004.Draft with { AssessmentYear = 2560 }).Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Equal(("required", "total"),
            Assessment.Create(Seed004.Draft with { Total = null }).Errors.Select(e => (e.Code, e.Field)).Single());
    }
}

public class AnalysisTests
{
    [Fact]
    public void An_assessment_is_recreated_from_its_draft()
    {
        var again = Assessment.Create(Seed004.Assessment.ToDraft()).Value;
        Assert.Equal(Seed004.Assessment.Total, again.Total);
        Assert.Equal(Seed004.Assessment.ToolScores, again.ToolScores);
        Assert.Equal(Seed004.Assessment.IndicatorScores, again.IndicatorScores);
        Assert.Equal(Seed004.Assessment.QuestionScores, again.QuestionScores);
    }

    private static readonly Analysis Seed = Analysis.Of(Seed004.Assessment);

    [Fact]
    public void Seed_004_total_is_grade_B_and_fails()
    {
        Assert.Equal(Score.Of(83.03m), Seed.Total);
        Assert.Equal(Grade.B, Seed.Grade);
        Assert.False(Seed.Passed);
    }

    [Fact]
    public void Seed_004_weakest_indicators_are_9_then_10()
    {
        Assert.Equal([(9, 38.00m), (10, 80.00m)], Seed.WeakestIndicators.Select(r => (r.Indicator.Number, r.Score.Value)));
        Assert.Equal(10, Seed.Indicators.Count);
    }

    [Fact]
    public void Seed_004_question_classifications()
    {
        string Ids(QuestionClassification c) => string.Join(" ", Seed.ByClassification[c].Select(q => q.Question.Id.Value));

        // The table of seed 004 §2.4 (its second "o6" row is o7).
        Assert.Equal("o1 o2 o4 o6 o7 o8 o10 o11 o12 o13 o14 o15 o19 o21 o23", Ids(QuestionClassification.Improve));
        Assert.Equal("", Ids(QuestionClassification.Raise));
        Assert.Equal(52 - 15, Seed.ByClassification[QuestionClassification.Maintain].Count);
        var byId = Seed.Questions.ToDictionary(q => q.Question.Id.Value);
        Assert.Equal(QuestionClassification.Maintain, byId["i1"].Classification);
        Assert.Equal(QuestionClassification.Maintain, byId["o3"].Classification);
        Assert.Equal(QuestionClassification.Improve, byId["o1"].Classification);
        Assert.Equal(9, byId["o1"].Indicator.Number);
        Assert.Equal("ข้อมูลการติดต่อ", byId["o3"].Question.TextTh);
        Assert.Equal(["o21", "o22", "o23", "o24", "o25", "o26", "o27", "o28"],
            Seed.QuestionsOf(Indicator.Of(10)).Select(q => q.Question.Id.Value));
    }

    [Fact]
    public void Indicator_scores_are_as_published_not_recomputed()
    {
        // Indicator 9's questions average 45.00 in the seed, but NACC published 38.00.
        var average = Seed.QuestionsOf(Indicator.Of(9)).Average(q => q.Score.Value);
        Assert.Equal(45m, average);
        Assert.Equal(38m, Seed.Assessment.ScoreOf(Indicator.Of(9))!.Value.Value);
    }
}
