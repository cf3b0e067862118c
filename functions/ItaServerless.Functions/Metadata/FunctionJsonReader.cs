// SPDX-License-Identifier: MIT
using System.Text.Json;
using System.Text.RegularExpressions;

using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Metadata;

/// <summary>
/// Reads and validates one function.json the way the Functions host reads it for a custom
/// handler. Only the bindings this app uses are accepted, so a typo fails at start-up and in the
/// contract tests instead of silently never firing in Azure.
/// </summary>
public static partial class FunctionJsonReader
{
    public const string DefaultConnection = "AzureWebJobsStorage";
    private static readonly string[] HttpMethods = ["get", "post", "put", "delete", "patch", "head", "options"];
    private static readonly string[] AuthLevels = ["anonymous", "function", "admin"];

    /// <summary>Parses <paramref name="json"/> for the function named <paramref name="functionName"/>; errors are added to <paramref name="errors"/>.</summary>
    public static FunctionDefinition? Read(string functionName, string json, string directory, List<ValidationError> errors)
    {
        var start = errors.Count;
        var file = $"{functionName}/function.json";
        void Fail(string code, string path, string th, string en) => errors.Add(new ValidationError(code, $"{file}:{path}", th, en));

        if (!FunctionName().IsMatch(functionName))
            Fail("function_name", "$", "ชื่อฟังก์ชัน (ชื่อโฟลเดอร์) ต้องขึ้นต้นด้วยตัวอักษร และมีได้แค่ A-Z a-z 0-9 _ -", "The function name (its folder) must start with a letter and use only letters, digits, _ and -.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            Fail("json_syntax", "$", "function.json ไม่ใช่ JSON ที่ถูกต้อง", $"function.json is not valid JSON: {e.Message}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array || bindings.GetArrayLength() == 0)
            {
                Fail("bindings_missing", "$.bindings", "ต้องมีรายการ bindings อย่างน้อยหนึ่งรายการ", "A non-empty \"bindings\" array is required.");
                return null;
            }
            var disabled = root.TryGetProperty("disabled", out var d) && d.ValueKind == JsonValueKind.True;

            TriggerBinding? trigger = null;
            var triggers = 0;
            var outputs = new List<string>();
            var httpOutputs = 0;
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var binding in bindings.EnumerateArray())
            {
                var path = $"$.bindings[{index++}]";
                if (binding.ValueKind != JsonValueKind.Object)
                {
                    Fail("binding_shape", path, "binding ต้องเป็น JSON object", "Each binding must be a JSON object.");
                    continue;
                }
                var type = Text(binding, "type");
                var direction = Text(binding, "direction");
                var name = Text(binding, "name");
                if (type is null) Fail("binding_type_missing", path + ".type", "ไม่ได้ระบุ type", "\"type\" is required.");
                if (direction is not ("in" or "out")) Fail("binding_direction", path + ".direction", "direction ต้องเป็น in หรือ out", "\"direction\" must be \"in\" or \"out\".");
                if (name is null || !(name == "$return" || BindingName().IsMatch(name)))
                    Fail("binding_name", path + ".name", "name ต้องเป็นชื่อที่ถูกต้องหรือ $return", "\"name\" must be an identifier or \"$return\".");
                else if (!names.Add(name))
                    Fail("binding_name_duplicate", path + ".name", "ชื่อ binding ซ้ำกัน", "Binding names must be unique within a function.");
                if (type is null || name is null) continue;

                switch (type)
                {
                    case "httpTrigger":
                        triggers++;
                        RequireIn(direction, path, Fail);
                        trigger = ReadHttp(binding, name, path, Fail);
                        break;
                    case "timerTrigger":
                        triggers++;
                        RequireIn(direction, path, Fail);
                        trigger = ReadTimer(binding, name, path, Fail);
                        break;
                    case "blobTrigger":
                        triggers++;
                        RequireIn(direction, path, Fail);
                        trigger = ReadBlob(binding, name, path, Fail);
                        break;
                    case "http":
                        httpOutputs++;
                        if (direction != "out") Fail("binding_direction", path + ".direction", "binding แบบ http ต้องเป็น out", "An \"http\" binding must have direction \"out\".");
                        outputs.Add(name);
                        break;
                    default:
                        Fail("binding_type_unsupported", path + ".type", $"ยังไม่รองรับ binding แบบ {type}", $"Binding type \"{type}\" is not supported by this app.");
                        break;
                }
            }

            if (triggers != 1)
                Fail("trigger_count", "$.bindings", "ต้องมี trigger หนึ่งตัวพอดี", "Exactly one trigger binding is required.");
            if (trigger is HttpTriggerBinding && (httpOutputs != 1 || outputs.Count != 1))
                Fail("http_output", "$.bindings", "ฟังก์ชัน HTTP ต้องมี binding แบบ http ขาออกหนึ่งตัวและไม่มี binding อื่น (เพื่อให้ host ส่งต่อคำขอได้)", "An HTTP function needs exactly one \"http\" out binding and no other binding, so that the host forwards the request.");
            if (trigger is not HttpTriggerBinding && httpOutputs > 0)
                Fail("http_output", "$.bindings", "binding แบบ http ใช้ได้กับ httpTrigger เท่านั้น", "An \"http\" out binding only goes with an httpTrigger.");

            if (errors.Count > start || trigger is null) return null;
            return new FunctionDefinition(functionName, trigger, outputs, disabled, directory);
        }
    }

    private static void RequireIn(string? direction, string path, Action<string, string, string, string> fail)
    {
        if (direction == "out") fail("binding_direction", path + ".direction", "trigger ต้องเป็น direction in", "A trigger must have direction \"in\".");
    }

    private static HttpTriggerBinding? ReadHttp(JsonElement binding, string name, string path, Action<string, string, string, string> fail)
    {
        var methods = new List<string>();
        if (binding.TryGetProperty("methods", out var m))
        {
            if (m.ValueKind != JsonValueKind.Array || m.GetArrayLength() == 0)
                fail("http_methods", path + ".methods", "methods ต้องเป็นรายการที่ไม่ว่าง", "\"methods\" must be a non-empty array.");
            else
                foreach (var method in m.EnumerateArray())
                {
                    var value = method.ValueKind == JsonValueKind.String ? method.GetString()!.ToLowerInvariant() : "";
                    if (!HttpMethods.Contains(value)) fail("http_methods", path + ".methods", $"method ไม่ถูกต้อง: {method}", $"Unknown HTTP method: {method}.");
                    else methods.Add(value);
                }
        }
        else
        {
            fail("http_methods", path + ".methods", "ต้องระบุ methods (ไม่รับทุก method โดยปริยาย)", "\"methods\" is required (no implicit any-method functions).");
        }
        var route = Text(binding, "route");
        if (route is null || route.Length == 0 || route.StartsWith('/') || route.StartsWith("api/", StringComparison.OrdinalIgnoreCase))
            fail("http_route", path + ".route", "ต้องระบุ route โดยไม่ขึ้นต้นด้วย / หรือ api/", "\"route\" is required, without a leading / or the api/ prefix.");
        var authLevel = Text(binding, "authLevel") ?? "function";
        if (!AuthLevels.Contains(authLevel)) fail("http_auth_level", path + ".authLevel", "authLevel ต้องเป็น anonymous, function หรือ admin", "\"authLevel\" must be anonymous, function or admin.");
        return route is null ? null : new HttpTriggerBinding(name, methods, route, authLevel);
    }

    private static TimerTriggerBinding? ReadTimer(JsonElement binding, string name, string path, Action<string, string, string, string> fail)
    {
        var expression = Text(binding, "schedule");
        var schedule = TimerSchedule.TryParse(expression);
        if (schedule is null)
        {
            fail("timer_schedule", path + ".schedule", "schedule ต้องเป็น NCRONTAB หกช่อง (วินาที นาที ชั่วโมง วัน เดือน วันในสัปดาห์) ตามเวลา UTC", "\"schedule\" must be a six-field NCRONTAB expression (second minute hour day month day-of-week), in UTC.");
            return null;
        }
        var runOnStartup = binding.TryGetProperty("runOnStartup", out var r) && r.ValueKind == JsonValueKind.True;
        var useMonitor = !binding.TryGetProperty("useMonitor", out var u) || u.ValueKind != JsonValueKind.False;
        return new TimerTriggerBinding(name, schedule, runOnStartup, useMonitor);
    }

    private static BlobTriggerBinding? ReadBlob(JsonElement binding, string name, string path, Action<string, string, string, string> fail)
    {
        var pattern = BlobPathPattern.TryParse(Text(binding, "path"), out var error);
        if (pattern is null && error is { } e) fail(e.Code, path + ".path", e.Th, e.En);
        var connection = Text(binding, "connection") ?? DefaultConnection;
        if (connection != DefaultConnection)
            fail("blob_connection", path + ".connection", $"connection ต้องเป็น {DefaultConnection}", $"\"connection\" must be {DefaultConnection}, the only storage account of this app.");
        var dataType = Text(binding, "dataType") ?? "string";
        if (dataType is not ("string" or "binary"))
            fail("blob_data_type", path + ".dataType", "dataType ต้องเป็น string หรือ binary", "\"dataType\" must be string or binary.");
        return pattern is null ? null : new BlobTriggerBinding(name, pattern, connection, dataType);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex FunctionName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex BindingName();
}
