// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>
/// Every machine code the API answers with: <see cref="ValidationError.Code"/> and the problem's
/// <c>type</c>. Stable, part of the API contract; one list so that no code is spelled twice.
/// </summary>
public static class ErrorCodes
{
    // A field's value breaks a rule.
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
    public const string YearLooksLikeBe = "year_looks_like_be";
    public const string PeriodOutsideYear = "period_outside_year";
    public const string PeriodReversed = "period_reversed";
    public const string UnknownAssessmentYear = "unknown_assessment_year";
    public const string UnknownQuestion = "unknown_question";
    public const string UnknownValue = "unknown_value";
    public const string NotAllowed = "not_allowed";
    public const string OverBudget = "over_budget";
    public const string BelowDisbursed = "below_disbursed";
    public const string InvalidUrl = "invalid_url";
    public const string IdMismatch = "id_mismatch";

    // The request collides with what is stored.
    public const string AlreadyExists = "already_exists";
    public const string IfMatchRequired = "if_match_required";
    public const string StaleEtag = "stale_etag";
    public const string KeyReused = "key_reused";
    public const string SecretNotReplayed = "secret_not_replayed";
    public const string RequestInProgress = "request_in_progress";
    public const string ReportFailed = "report_failed";
    public const string ReportNotReady = "report_not_ready";
    public const string NotPublishable = "not_publishable";

    // The request itself cannot be read.
    public const string MalformedJson = "malformed_json";
    public const string UnknownField = "unknown_field";
    public const string WrongType = "wrong_type";
    public const string TooLarge = "too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string BadRequest = "bad_request";

    // Problem types without a field.
    public const string Validation = "validation";
    public const string NotFound = "not_found";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string StorageUnavailable = "storage_unavailable";
}
