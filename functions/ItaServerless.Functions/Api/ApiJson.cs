// SPDX-License-Identifier: MIT
using System.Text.Encodings.Web;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
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

    /// <summary>Locked from the start: read concurrently (type metadata included) by every request.</summary>
    public static readonly JsonSerializerOptions Options = Locked(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        RespectNullableAnnotations = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai, UnicodeRanges.GeneralPunctuation),
        MaxDepth = 16,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    });

    private static JsonSerializerOptions Locked(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }

    /// <param name="resource">The type the route answers with: its fields that the body type lacks are read-only (ignored on input).</param>
    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, Type? resource = null)
        where T : class
    {
        if (!IsJson(request.ContentType)) return Fail<T>(ApiProblem.UnsupportedMediaType());
        if (request.ContentLength > MaxBodyBytes) return Fail<T>(ApiProblem.TooLarge(MaxBodyBytes));

        var bytes = await ReadBoundedAsync(request.Body, cancellationToken);
        if (bytes is null) return Fail<T>(ApiProblem.TooLarge(MaxBodyBytes));
        return Parse<T>(bytes, resource);
    }

    /// <summary>
    /// Parses a whole body already in memory; public so the rules are testable without HTTP. What a GET gave
    /// may be sent back: fields of <paramref name="resource"/> that <typeparamref name="T"/> does not have
    /// (id, etag, derived text) are dropped. Every other unknown field and every value of the wrong type is
    /// named, all in one problem.
    /// </summary>
    public static BodyResult<T> Parse<T>(ReadOnlySpan<byte> utf8, Type? resource = null) where T : class
    {
        if (!Utf8.IsValid(utf8))
        {
            return Fail<T>(ApiProblem.MalformedJson("$body", "The body is not valid UTF-8.", "ข้อมูลไม่ใช่ UTF-8 ที่ถูกต้อง"));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8, DocumentNodeOptions, DocumentOptions);
            if (node is JsonObject whole) _ = whole.Count; // materializes the properties: a repeated name throws here
        }
        catch (JsonException e)
        {
            return Fail<T>(Describe(e));
        }
        catch (ArgumentException)
        {
            return Fail<T>(ApiProblem.MalformedJson("$body", "A field appears twice.", "มีฟิลด์ซ้ำกัน"));
        }

        if (node is null)
        {
            return Fail<T>(ApiProblem.MalformedJson("$body", "The body must be a JSON object.", "ข้อมูลต้องเป็นออบเจ็กต์ JSON"));
        }

        if (node is not JsonObject body)
        {
            return Fail<T>(ApiProblem.Field(StatusCodes.Status400BadRequest, "$body", ErrorCodes.WrongType, "ชนิดข้อมูลไม่ถูกต้อง", "This value has the wrong type."));
        }

        var errors = new List<ApiFieldError>();
        Prune(body, Options.GetTypeInfo(typeof(T)), resource is null ? null : Options.GetTypeInfo(resource), "", errors);
        // Each value of the wrong type is named and left out, and the rest read again, until it reads (at most a bound of tries).
        for (var attempt = 0; attempt < 64; attempt++)
        {
            try
            {
                var value = body.Deserialize<T>(Options);
                if (errors.Count > 0) break;
                return value is null
                    ? Fail<T>(ApiProblem.MalformedJson("$body", "The body must be a JSON object.", "ข้อมูลต้องเป็นออบเจ็กต์ JSON"))
                    : new BodyResult<T>(value, null);
            }
            catch (JsonException e)
            {
                var problem = Describe(e);
                errors.AddRange(problem.Errors ?? []);
                if (!Remove(body, e.Path)) break;
            }
        }

        return Fail<T>(errors.Count == 1
            ? ApiProblem.Field(StatusCodes.Status400BadRequest, errors[0].Field, errors[0].Code, errors[0].MessageTh, errors[0].MessageEn)
            : ApiProblem.Fields(errors));
    }

    private static readonly JsonNodeOptions DocumentNodeOptions = new() { PropertyNameCaseInsensitive = false };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>
    /// Drops the read-only fields (in <paramref name="resource"/>, not in <paramref name="draft"/>) and the unknown ones (named
    /// in <paramref name="errors"/>), at every level of objects and arrays.
    /// </summary>
    private static void Prune(JsonNode? node, JsonTypeInfo draft, JsonTypeInfo? resource, string path, List<ApiFieldError> errors)
    {
        switch (node)
        {
            case JsonObject obj when draft.Kind == JsonTypeInfoKind.Object:
                foreach (var (name, value) in obj.ToArray())
                {
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    var property = Find(draft, name);
                    var readOnly = resource is { Kind: JsonTypeInfoKind.Object } ? Find(resource, name) : null;
                    if (property is null)
                    {
                        obj.Remove(name);
                        if (readOnly is null)
                            errors.Add(new ApiFieldError(field, ErrorCodes.UnknownField, "ไม่รู้จักฟิลด์นี้", "This field is not part of the request."));
                        continue;
                    }

                    Prune(value, Options.GetTypeInfo(property.PropertyType), readOnly is null ? null : Options.GetTypeInfo(readOnly.PropertyType), field, errors);
                }
                break;
            case JsonArray array when draft is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element }:
                var elementInfo = Options.GetTypeInfo(element);
                var resourceElement = resource is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } r } ? Options.GetTypeInfo(r) : null;
                for (var i = 0; i < array.Count; i++) Prune(array[i], elementInfo, resourceElement, $"{path}[{i}]", errors);
                break;
        }
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo type, string name) =>
        type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes the value at a serializer path ("$.a.b", "$.a[2]", "$['x y']"); false when it cannot be found.</summary>
    private static bool Remove(JsonObject root, string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return false;
        var steps = PathStep().Matches(path).Select(m => m.Groups["name"].Success ? (object)m.Groups["name"].Value
            : m.Groups["quoted"].Success ? m.Groups["quoted"].Value : int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)).ToList();
        if (steps.Count == 0) return false;
        JsonNode? parent = root;
        foreach (var step in steps[..^1])
        {
            parent = step switch
            {
                string name when parent is JsonObject o && o.TryGetPropertyValue(name, out var child) => child,
                int index when parent is JsonArray a && index < a.Count => a[index],
                _ => null,
            };
            if (parent is null) return false;
        }

        switch (steps[^1])
        {
            case string last when parent is JsonObject o && o.ContainsKey(last):
                o.Remove(last);
                return true;
            case int index when parent is JsonArray a && index < a.Count:
                a[index] = null;
                return true;
            default:
                return false;
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

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
