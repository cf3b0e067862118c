// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Planning;

namespace ItaServerless.Core.Tests;

public sealed class AccessTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public void Issued_token_parses_and_verifies_against_its_grant_only()
    {
        var issued = AccessTokens.Issue("nakham", AccessRole.Editor, null, "planning officer", Now);
        var other = AccessTokens.Issue("nakham", AccessRole.Editor, null, "other", Now);

        Assert.True(AccessTokens.TryParse(issued.Token, out var id, out var secret));
        Assert.Equal(issued.Grant.TokenId, id);
        Assert.True(AccessTokens.Verify(issued.Grant, secret, Now));
        Assert.False(AccessTokens.Verify(other.Grant, secret, Now));
        Assert.DoesNotContain(secret, issued.Grant.SecretSha256, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ita.0123456789abcdef")]
    [InlineData("xyz.0123456789abcdef.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ita.0123456789ABCDEF.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ita.0123456789abcdef.short")]
    [InlineData("ita.0123456789abcdef.aaaaaaaaaaaaaaaaaaaa/aaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("ita.../..")]
    public void Malformed_tokens_do_not_parse(string? token) =>
        Assert.False(AccessTokens.TryParse(token, out _, out _));

    [Fact]
    public void Revoked_or_expired_grants_do_not_verify()
    {
        var issued = AccessTokens.Issue("nakham", AccessRole.Reporter, "finance", "กองคลัง", Now, Now.AddDays(30));
        AccessTokens.TryParse(issued.Token, out _, out var secret);

        Assert.True(AccessTokens.Verify(issued.Grant, secret, Now.AddDays(29)));
        Assert.False(AccessTokens.Verify(issued.Grant, secret, Now.AddDays(30)));
        Assert.False(AccessTokens.Verify(issued.Grant with { RevokedAt = Now }, secret, Now.AddMinutes(1)));
    }

    [Fact]
    public void Roles_limit_what_a_token_may_do_and_never_cross_organizations()
    {
        var editor = AccessTokens.Issue("nakham", AccessRole.Editor, null, "e", Now).Grant;
        var reporter = AccessTokens.Issue("nakham", AccessRole.Reporter, "finance", "r", Now).Grant;

        Assert.True(editor.CanEdit("nakham"));
        Assert.False(editor.CanEdit("khukkhak"));
        Assert.False(editor.CanRead("khukkhak"));
        Assert.False(reporter.CanEdit("nakham"));
        Assert.True(reporter.CanReport("nakham", ResponsibleUnits.Of("finance")));
        Assert.True(reporter.CanReport("nakham", ResponsibleUnits.EveryDivision));
        Assert.False(reporter.CanReport("nakham", ResponsibleUnits.Of("office")));
        Assert.False(reporter.CanReport("khukkhak", ResponsibleUnits.Of("finance")));
    }

    [Fact]
    public void Key_comparison_is_exact()
    {
        Assert.True(AccessTokens.KeyEquals("s3cret-key", "s3cret-key"));
        Assert.False(AccessTokens.KeyEquals("s3cret-kez", "s3cret-key"));
        Assert.False(AccessTokens.KeyEquals(null, "s3cret-key"));
        Assert.False(AccessTokens.KeyEquals("", "s3cret-key"));
    }
}
