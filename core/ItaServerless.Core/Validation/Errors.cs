// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>The machine codes used in <see cref="ValidationError.Code"/>; stable, part of the API contract.</summary>
public static class ErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string TooMany = "too_many";
    public const string ControlCharacter = "control_character";
    public const string InvalidFormat = "invalid_format";
    public const string OutOfRange = "out_of_range";
    public const string TooManyDecimals = "too_many_decimals";
    public const string Negative = "negative";
    public const string Duplicate = "duplicate";
    public const string YearLooksLikeCe = "year_looks_like_ce";
    public const string PeriodOutsideYear = "period_outside_year";
    public const string PeriodReversed = "period_reversed";
    public const string UnknownAssessmentYear = "unknown_assessment_year";
    public const string UnknownQuestion = "unknown_question";
    public const string UnknownValue = "unknown_value";
    public const string NotAllowed = "not_allowed";
    public const string OverBudget = "over_budget";
    public const string BelowDisbursed = "below_disbursed";
    public const string InvalidUrl = "invalid_url";
}
