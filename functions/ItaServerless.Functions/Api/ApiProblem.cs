// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using ItaServerless.Core.UseCases;
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
        new(TypeBase + ErrorCodes.Validation, "The request has invalid fields.", "ข้อมูลที่ส่งมาไม่ถูกต้อง",
            StatusCodes.Status400BadRequest, Errors: errors.Select(ApiFieldError.From).ToArray());

    /// <summary>Several bad fields of a body at once.</summary>
    public static ApiProblem Fields(IReadOnlyList<ApiFieldError> errors) =>
        new(TypeBase + ErrorCodes.Validation, "The request has invalid fields.", "ข้อมูลที่ส่งมาไม่ถูกต้อง", StatusCodes.Status400BadRequest, Errors: errors);

    public static ApiProblem Field(int status, string field, string code, string th, string en) =>
        new(TypeBase + code, en, th, status, Errors: [new ApiFieldError(field, code, th, en)]);

    /// <summary>One error as the whole problem: its code is the problem's type, its message the title.</summary>
    public static ApiProblem Field(int status, ValidationError error) => Field(status, error.Field, error.Code, error.MessageTh, error.MessageEn);

    public static ApiProblem MalformedJson(string field, string detailEn, string detailTh) =>
        Field(StatusCodes.Status400BadRequest, field, ErrorCodes.MalformedJson, detailTh, detailEn);

    public static ApiProblem TooLarge(long limit) =>
        Field(StatusCodes.Status413PayloadTooLarge, "$body", ErrorCodes.TooLarge,
            $"ข้อมูลที่ส่งมีขนาดเกิน {limit:N0} ไบต์", $"The request body is larger than {limit:N0} bytes.");

    public static ApiProblem UnsupportedMediaType() =>
        Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type", ErrorCodes.UnsupportedMediaType,
            "ต้องส่งข้อมูลเป็น application/json", "The request body must be application/json.");

    public static ApiProblem NotFound(string what, string whatTh) =>
        new(TypeBase + ErrorCodes.NotFound, $"{what} was not found.", $"ไม่พบ{whatTh}", StatusCodes.Status404NotFound);

    public static ApiProblem Internal(string reference) =>
        new(TypeBase + "internal_error", $"Something went wrong on the server (reference {reference}).",
            $"ระบบขัดข้อง กรุณาลองใหม่ หรือแจ้งผู้ดูแลระบบพร้อมรหัสอ้างอิง {reference}", StatusCodes.Status500InternalServerError);

    public static ApiProblem Unauthorized() =>
        new(TypeBase + ErrorCodes.Unauthorized, "A valid token or key is required.", "ต้องใช้โทเคนหรือคีย์ที่ถูกต้อง",
            StatusCodes.Status401Unauthorized);

    public static ApiProblem Forbidden() =>
        new(TypeBase + ErrorCodes.Forbidden, "This token may not do that.", "โทเคนนี้ไม่มีสิทธิ์ทำรายการนี้",
            StatusCodes.Status403Forbidden);

    public static ApiProblem PreconditionFailed() => Field(StatusCodes.Status412PreconditionFailed, Precondition.Stale);

    public static ApiProblem Conflict(string field, string code, string th, string en) =>
        Field(StatusCodes.Status409Conflict, field, code, th, en);

    public static ApiProblem StorageUnavailable() =>
        new(TypeBase + ErrorCodes.StorageUnavailable, "Storage is unavailable; try again shortly.",
            "ระบบจัดเก็บข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง", StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// The answer to a use case's refusal. <see cref="RefusalKind.Unreadable"/> is answered with the
    /// problem of the body that could not be read (<paramref name="body"/>).
    /// </summary>
    public static ApiProblem From(Refusal refusal, IApiBody? body = null)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return refusal.Kind switch
        {
            RefusalKind.Invalid => Validation(refusal.Errors),
            RefusalKind.NotAllowed => Field(StatusCodes.Status400BadRequest, refusal.Errors[0]),
            RefusalKind.NotFound => NotFound(refusal.Subject!, refusal.SubjectTh!),
            RefusalKind.Forbidden => Forbidden(),
            RefusalKind.Conflict => Field(StatusCodes.Status409Conflict, refusal.Errors[0]),
            RefusalKind.VersionRequired => Field(StatusCodes.Status428PreconditionRequired, refusal.Errors[0]),
            RefusalKind.VersionMismatch => Field(StatusCodes.Status412PreconditionFailed, refusal.Errors[0]),
            RefusalKind.KeyReused => Field(StatusCodes.Status422UnprocessableEntity, refusal.Errors[0]),
            RefusalKind.Unreadable => body?.Problem ?? throw new InvalidOperationException("An unreadable body is answered with its own problem."),
            _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal."),
        };
    }

    public ApiProblemResult ToResult() => new(this);
}
