// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Metadata;

namespace ItaServerless.Functions.Tests;

public sealed class MetadataTests
{
    private static (FunctionDefinition? Definition, List<ValidationError> Errors) Read(string json, string name = "Fn")
    {
        var errors = new List<ValidationError>();
        return (FunctionJsonReader.Read(name, json, "/tmp", errors), errors);
    }

    [Theory]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 */5 * * *" } ] }""", "timer_schedule")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "00:05:00" } ] }""", "timer_schedule")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 61 * * * *" } ] }""", "timer_schedule")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "out", "schedule": "0 */5 * * * *" } ] }""", "binding_direction")]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "reports" } ] }""", "blob_path_shape")]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "Reports/{name}" } ] }""", "blob_container_name")]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "reports/{na me}" } ] }""", "blob_path_parameter")]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "reports/{a}{b}" } ] }""", "blob_path_parameter")]
    [InlineData("""{ "bindings": [ { "name": "b", "type": "blobTrigger", "direction": "in", "path": "reports/{name}", "connection": "Other" } ] }""", "blob_connection")]
    [InlineData("""{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in", "route": "x" }, { "name": "res", "type": "http", "direction": "out" } ] }""", "http_methods")]
    [InlineData("""{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in", "methods": ["get"], "route": "api/x" }, { "name": "res", "type": "http", "direction": "out" } ] }""", "http_route")]
    [InlineData("""{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in", "methods": ["get"], "route": "x" } ] }""", "http_output")]
    [InlineData("""{ "bindings": [ { "name": "req", "type": "httpTrigger", "direction": "in", "methods": ["get"], "route": "x" }, { "name": "res", "type": "http", "direction": "out" }, { "name": "q", "type": "queue", "direction": "out" } ] }""", "binding_type_unsupported")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 0 * * * *" }, { "name": "u", "type": "timerTrigger", "direction": "in", "schedule": "0 0 * * * *" } ] }""", "trigger_count")]
    [InlineData("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 0 * * * *" }, { "name": "t", "type": "http", "direction": "out" } ] }""", "binding_name_duplicate")]
    [InlineData("""{ "bindings": [] }""", "bindings_missing")]
    [InlineData("""{ "bindings": [ """, "json_syntax")]
    public void Invalid_function_json_is_rejected_with_its_code(string json, string code)
    {
        var (definition, errors) = Read(json);
        Assert.Null(definition);
        var error = Assert.Single(errors, e => e.Code == code);
        Assert.StartsWith("Fn/function.json:$", error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageTh));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }

    [Fact]
    public void Function_names_must_be_identifiers()
    {
        var (definition, errors) = Read("""{ "bindings": [ { "name": "t", "type": "timerTrigger", "direction": "in", "schedule": "0 0 * * * *" } ] }""", "1bad name");
        Assert.Null(definition);
        Assert.Contains(errors, e => e.Code == "function_name");
    }

    [Fact]
    public void A_valid_timer_reads_its_schedule_and_defaults()
    {
        var (definition, errors) = Read("""{ "bindings": [ { "name": "Timer", "type": "timerTrigger", "direction": "in", "schedule": "0 30 1 * * *" } ] }""");
        Assert.Empty(errors);
        var timer = Assert.IsType<TimerTriggerBinding>(definition!.Trigger);
        Assert.True(timer.UseMonitor);
        Assert.False(timer.RunOnStartup);
        // 01:30 UTC is 08:30 in Thailand (UTC+7).
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 1, 30, 0, TimeSpan.Zero), timer.Schedule.NextAfter(new DateTimeOffset(2026, 4, 29, 23, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_occurrence_is_strictly_after_the_given_instant()
    {
        var schedule = TimerSchedule.Parse("0 */5 * * * *");
        var slot = new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero);
        Assert.Equal(slot.AddMinutes(5), schedule.NextAfter(slot));
        Assert.Equal(slot, schedule.NextAfter(slot.AddTicks(-1)));
    }

    [Theory]
    [InlineData("reports/{name}", "a.pdf", "name=a.pdf")]
    [InlineData("reports/{name}", "2569/org-1/a.pdf", "name=2569/org-1/a.pdf")]
    [InlineData("inbox/{org}/{name}.json", "org-7/req-1.json", "org=org-7;name=req-1")]
    [InlineData("inbox/requests/{name}", "requests/x", "name=x")]
    public void Blob_path_patterns_match_and_bind_parameters(string pattern, string blob, string expected)
    {
        var path = BlobPathPattern.TryParse(pattern, out var error);
        Assert.Null(error);
        var values = path!.Match(blob);
        Assert.NotNull(values);
        Assert.Equal(expected, string.Join(";", values!.Select(kv => $"{kv.Key}={kv.Value}")));
    }

    [Theory]
    [InlineData("inbox/{org}/{name}.json", "org-7/req-1.txt")]
    [InlineData("inbox/{org}/{name}.json", "req-1.json")]
    [InlineData("inbox/requests/{name}", "other/x")]
    public void Blob_path_patterns_reject_other_names(string pattern, string blob)
    {
        Assert.Null(BlobPathPattern.TryParse(pattern, out _)!.Match(blob));
    }

    [Fact]
    public void Blob_path_pattern_lists_by_its_literal_prefix()
    {
        var path = BlobPathPattern.TryParse("inbox/requests/{name}", out _)!;
        Assert.Equal("inbox", path.Container);
        Assert.Equal("requests/", path.LiteralPrefix);
    }
}
