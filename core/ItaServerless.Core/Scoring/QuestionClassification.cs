// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Scoring;

/// <summary>What to do with a question next year (seed 004's colour code).</summary>
public enum QuestionClassification
{
    /// <summary>≥ 95: รักษาระดับ (green).</summary>
    Maintain,
    /// <summary>90–94.99: ยกระดับ (yellow).</summary>
    Raise,
    /// <summary>&lt; 90: ต้องปรับปรุง (red).</summary>
    Improve,
}

public static class QuestionClassifications
{
    public const decimal MaintainFrom = 95m;
    public const decimal RaiseFrom = 90m;

    public static QuestionClassification Of(Score score) => score.Value switch
    {
        >= MaintainFrom => QuestionClassification.Maintain,
        >= RaiseFrom => QuestionClassification.Raise,
        _ => QuestionClassification.Improve,
    };

    public static string NameTh(this QuestionClassification c) => c switch
    {
        QuestionClassification.Maintain => "รักษาระดับ",
        QuestionClassification.Raise => "ยกระดับ",
        _ => "ต้องปรับปรุง",
    };

    public static string NameEn(this QuestionClassification c) => c switch
    {
        QuestionClassification.Maintain => "Maintain",
        QuestionClassification.Raise => "Raise",
        _ => "Must improve",
    };

    /// <summary>"green", "yellow" or "red", as coloured in the analysis table.</summary>
    public static string Colour(this QuestionClassification c) => c switch
    {
        QuestionClassification.Maintain => "green",
        QuestionClassification.Raise => "yellow",
        _ => "red",
    };
}
