// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

public sealed class PreconditionTests
{
    private static readonly EntityVersion Current = new("W/\"datetime'2026-01-01'\"");

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("", null, null)]
    [InlineData("*", null, "VersionMismatch:stale_etag")]
    [InlineData("\"old\"", null, "VersionMismatch:stale_etag")]
    [InlineData(null, "*", null)]
    public void Creating_needs_no_version_and_refuses_one(string? ifMatch, string? ifNoneMatch, string? expected) =>
        Assert.Equal(expected, Describe(new Precondition(ifMatch, ifNoneMatch).Check(null)));

    [Theory]
    [InlineData(null, null, "VersionRequired:if_match_required")]
    [InlineData("  ", null, "VersionRequired:if_match_required")]
    [InlineData("*", null, null)]
    [InlineData("W/\"datetime'2026-01-01'\"", null, null)]
    [InlineData("\"a\", W/\"datetime'2026-01-01'\"", null, null)]
    [InlineData("\"a\", \"b\"", null, "VersionMismatch:stale_etag")]
    [InlineData("*", " * ", "VersionMismatch:already_exists")]
    [InlineData(null, "*", "VersionMismatch:already_exists")]
    public void Replacing_needs_the_current_version(string? ifMatch, string? ifNoneMatch, string? expected) =>
        Assert.Equal(expected, Describe(new Precondition(ifMatch, ifNoneMatch).Check(Current)));

    [Fact]
    public void Refusals_name_the_header_in_both_languages()
    {
        var refused = Precondition.None.Check(Current)!;
        var error = Assert.Single(refused.Errors);
        Assert.Equal(("If-Match", "if_match_required"), (error.Field, error.Code));
        Assert.Contains("If-Match", error.MessageTh, StringComparison.Ordinal);
        Assert.Equal("If-None-Match", new Precondition(IfNoneMatch: "*").Check(Current)!.Errors[0].Field);
    }

    private static string? Describe(Refusal? refusal) => refusal is null ? null : $"{refusal.Kind}:{refusal.Errors.Single().Code}";
}
