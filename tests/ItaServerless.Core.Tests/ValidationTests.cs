// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Tests;

public class ValidationTests
{
    [Theory]
    [InlineData("period", "from", "period.from")]
    [InlineData("method", "[2]", "method[2]")]
    [InlineData("", "title", "title")]
    [InlineData("reporter", "", "reporter")]
    public void Field_paths_join_like_json(string prefix, string field, string expected) =>
        Assert.Equal(expected, FieldPath.Join(prefix, field));

    [Fact]
    public void Errors_can_be_moved_under_a_parent_field()
    {
        var error = new ValidationError("required", "from", "ต้องระบุ", "Required.");
        Assert.Equal("period.from", error.Under("period").Field);
        Assert.Equal("questions[0]", new ValidationError("x", "", "", "").Under(FieldPath.Index("questions", 0)).Field);
    }

    [Fact]
    public void Validated_value_throws_with_every_error()
    {
        var failed = Validated<int>.Fail([
            new ValidationError("a", "x", "ก", "A"),
            new ValidationError("b", "y", "ข", "B"),
        ]);
        Assert.False(failed.IsValid);
        var ex = Assert.Throws<ValidationException>(() => failed.Value);
        Assert.Equal(["x", "y"], ex.Errors.Select(e => e.Field));
        Assert.Contains("x: a: A", ex.Message);
    }

    [Fact]
    public void A_failure_needs_an_error() =>
        Assert.Throws<ArgumentException>(() => Validated<int>.Fail(Array.Empty<ValidationError>()));

    [Fact]
    public void Collector_gathers_errors_of_all_fields()
    {
        var errors = new ErrorCollector();
        var a = errors.Take(TextRules.Required("", "title", 10));
        var b = errors.Take(TextRules.Required("ok", "followUp", 10));
        var c = errors.Take(TextRules.Required("bad\u0007", "method[2]", 10));
        Assert.Null(a);
        Assert.Equal("ok", b);
        Assert.Null(c);
        var result = errors.Result(() => 1);
        Assert.Equal([("required", "title"), ("control_character", "method[2]")],
            result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Theory]
    [InlineData("  ทดสอบ  ", "ทดสอบ")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Optional_text_is_trimmed_and_empty_is_null(string? input, string? expected) =>
        Assert.Equal(expected, TextRules.Check(input, "f", 100, required: false).Value);

    [Fact]
    public void Text_rules_limit_length_and_control_characters()
    {
        Assert.Equal(ErrorCodes.TooLong, TextRules.Check(new string('ก', 11), "f", 10, true).Errors.Single().Code);
        Assert.Equal(ErrorCodes.ControlCharacter, TextRules.Check("a\nb", "f", 10, true).Errors.Single().Code);
        Assert.Equal("a\nb", TextRules.Check("a\r\nb", "f", 10, true, multiline: true).Value);
        Assert.Equal(ErrorCodes.ControlCharacter, TextRules.Check("a\u0000b", "f", 10, true, multiline: true).Errors.Single().Code);
        Assert.Equal(2, TextRules.Check(new string('a', 11) + "\u001b", "f", 10, true).Errors.Count);
    }

    [Fact]
    public void Every_error_has_both_messages()
    {
        var error = TextRules.Required("title");
        Assert.Equal("required", error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.MessageTh));
        Assert.False(string.IsNullOrWhiteSpace(error.MessageEn));
    }
}
