// SPDX-License-Identifier: MIT
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Api;

/// <summary>The outcome of reading a request body: the value or the problem to answer with.</summary>
public readonly record struct BodyResult<T>(T? Value, ApiProblem? Problem)
{
    public bool IsOk => Problem is null;
}

/// <summary>
/// Strict JSON for the API: camelCase, unknown fields rejected, no numbers in strings, Thai
/// written as is. Request DTO properties are all optional so that the domain's validation
/// reports every missing field at once, with its Thai and English message. Request bodies are bounded, must be valid UTF-8 and name the bad field.
/// </summary>
public static partial class ApiJson
{
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation),
        MaxDepth = 16,
    };

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!IsJson(request.ContentType)) return Fail<T>(ApiProblem.UnsupportedMediaType());
        if (request.ContentLength > MaxBodyBytes) return Fail<T>(ApiProblem.TooLarge(MaxBodyBytes));

        var bytes = await ReadBoundedAsync(request.Body, cancellationToken);
        if (bytes is null) return Fail<T>(ApiProblem.TooLarge(MaxBodyBytes));
        return Parse<T>(bytes);
    }

    /// <summary>Parses a whole body already in memory; public so the rules are testable without HTTP.</summary>
    public static BodyResult<T> Parse<T>(ReadOnlySpan<byte> utf8) where T : class
    {
        if (!Utf8.IsValid(utf8))
        {
            return Fail<T>(ApiProblem.MalformedJson("$body", "The body is not valid UTF-8.", "ข้อมูลไม่ใช่ UTF-8 ที่ถูกต้อง"));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, Options);
            return value is null
                ? Fail<T>(ApiProblem.MalformedJson("$body", "The body must be a JSON object.", "ข้อมูลต้องเป็นออบเจ็กต์ JSON"))
                : new BodyResult<T>(value, null);
        }
        catch (JsonException e)
        {
            return Fail<T>(Describe(e));
        }
    }

    private static ApiProblem Describe(JsonException e)
    {
        var field = FieldPath(e.Path);
        var message = e.Message;
        if (UnmappedProperty().IsMatch(message))
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, field, ErrorCodes.UnknownField,
                "ไม่รู้จักฟิลด์นี้", "This field is not part of the request.");
        }

        if (message.Contains("could not be converted", StringComparison.Ordinal) ||
            message.Contains("doesn't allow null", StringComparison.Ordinal))
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, field, ErrorCodes.WrongType,
                "ชนิดข้อมูลไม่ถูกต้อง", "This value has the wrong type.");
        }

        return ApiProblem.MalformedJson(field, "The body is not well-formed JSON.", "รูปแบบ JSON ไม่ถูกต้อง");
    }

    /// <summary>"$.period.from" → "period.from"; "$.method[2]" → "method[2]"; "$" → "$body".</summary>
    internal static string FieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "$body";
        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return path.Length == 0 ? "$body" : path;
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return false;
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        var charset = media.Charset.Value;
        return media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
               (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BodyResult<T> Fail<T>(ApiProblem problem) => new(default, problem);

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}
