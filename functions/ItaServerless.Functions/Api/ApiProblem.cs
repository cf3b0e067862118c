// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Api;

/// <summary>One bad field of a request, in both languages.</summary>
public sealed record ApiFieldError(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("th")] string MessageTh,
    [property: JsonPropertyName("en")] string MessageEn)
{
    public static ApiFieldError From(ValidationError e) => new(e.Field, e.Code, e.MessageTh, e.MessageEn);
}

/// <summary>
/// An RFC 9457 problem details body. <c>title</c> is English and <c>titleTh</c> Thai;
/// <c>errors</c> names each bad field.
/// </summary>
public sealed record ApiProblem(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("titleTh")] string TitleTh,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail = null,
    [property: JsonPropertyName("instance")] string? Instance = null,
    [property: JsonPropertyName("errors")] IReadOnlyList<ApiFieldError>? Errors = null)
{
    public const string ContentType = "application/problem+json";
    private const string TypeBase = "https://ita-serverless.dev/problems/";

    public static ApiProblem Validation(IEnumerable<ValidationError> errors) =>
        new(TypeBase + "validation", "The request has invalid fields.", "ข้อมูลที่ส่งมาไม่ถูกต้อง",
            StatusCodes.Status400BadRequest, Errors: errors.Select(ApiFieldError.From).ToArray());

    public static ApiProblem Field(int status, string field, string code, string th, string en) =>
        new(TypeBase + code, en, th, status, Errors: [new ApiFieldError(field, code, th, en)]);

    public static ApiProblem MalformedJson(string field, string detailEn, string detailTh) =>
        Field(StatusCodes.Status400BadRequest, field, "malformed_json", detailTh, detailEn);

    public static ApiProblem TooLarge(long limit) =>
        Field(StatusCodes.Status413PayloadTooLarge, "$body", "too_large",
            $"ข้อมูลที่ส่งมีขนาดเกิน {limit:N0} ไบต์", $"The request body is larger than {limit:N0} bytes.");

    public static ApiProblem UnsupportedMediaType() =>
        Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type", "unsupported_media_type",
            "ต้องส่งข้อมูลเป็น application/json", "The request body must be application/json.");

    public static ApiProblem NotFound(string what, string whatTh) =>
        new(TypeBase + "not_found", $"{what} was not found.", $"ไม่พบ{whatTh}", StatusCodes.Status404NotFound);

    public static ApiProblem Unauthorized() =>
        new(TypeBase + "unauthorized", "A valid token or key is required.", "ต้องใช้โทเคนหรือคีย์ที่ถูกต้อง",
            StatusCodes.Status401Unauthorized);

    public static ApiProblem Forbidden() =>
        new(TypeBase + "forbidden", "This token may not do that.", "โทเคนนี้ไม่มีสิทธิ์ทำรายการนี้",
            StatusCodes.Status403Forbidden);

    public static ApiProblem PreconditionRequired() =>
        Field(StatusCodes.Status428PreconditionRequired, "If-Match", "if_match_required",
            "ต้องส่ง If-Match พร้อม ETag ล่าสุดเพื่อป้องกันการเขียนทับข้อมูลของผู้อื่น",
            "Send If-Match with the current ETag so that nobody's change is overwritten.");

    public static ApiProblem PreconditionFailed() =>
        Field(StatusCodes.Status412PreconditionFailed, "If-Match", "stale_etag",
            "ข้อมูลถูกแก้ไขโดยผู้อื่นแล้ว กรุณาโหลดใหม่แล้วแก้ไขอีกครั้ง",
            "Someone else changed this since you read it; reload and try again.");

    /// <summary>A create-only write (If-None-Match: *) found the resource already there.</summary>
    public static ApiProblem AlreadyExists() =>
        Field(StatusCodes.Status412PreconditionFailed, "If-None-Match", "already_exists",
            "มีข้อมูลที่ใช้รหัสนี้อยู่แล้ว", "Something with this id already exists.");

    public static ApiProblem Conflict(string field, string code, string th, string en) =>
        Field(StatusCodes.Status409Conflict, field, code, th, en);

    public static ApiProblem StorageUnavailable() =>
        new(TypeBase + "storage_unavailable", "Storage is unavailable; try again shortly.",
            "ระบบจัดเก็บข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง", StatusCodes.Status503ServiceUnavailable);

    public IResult ToResult() => Results.Json(this, ApiJson.Options, ContentType, Status);
}
