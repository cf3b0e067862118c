// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

public sealed class IssueTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditActor Editor = AuditActor.System("test-editor");

    private readonly InMemoryGrants _grants = new();
    private readonly InMemoryOrganizations _organizations = new();
    private readonly IssueToken _issue;

    public IssueTokenTests()
    {
        _organizations.PutUnitAsync(Unit.Create("nakham", "finance", new UnitDraft("กองคลัง")).Value, null, Editor).Wait();
        _issue = new IssueToken(_grants, _organizations, new FixedClock(Now));
    }

    [Fact]
    public async Task A_reporter_token_for_a_unit_is_issued_stored_and_works()
    {
        var issued = (await _issue.ExecuteAsync("nakham", new TokenDraft("reporter", " กองคลัง ", "finance", 30), Editor)).Value;
        Assert.Equal((AccessRole.Reporter, "finance", "กองคลัง", "nakham"), (issued.Grant.Role, issued.Grant.UnitId, issued.Grant.Name, issued.Grant.OrganizationId));
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.Zero), issued.Grant.ExpiresAt);
        Assert.Equal((issued.Grant, Editor), Assert.Single(_grants.Added));
        Assert.True(AccessTokens.TryParse(issued.Token, out _, out var secret));
        Assert.True(AccessTokens.Verify(issued.Grant, secret, Now));
    }

    [Fact]
    public async Task An_editor_token_has_no_unit()
    {
        var refused = await _issue.ExecuteAsync("nakham", new TokenDraft("editor", "ผู้ดูแล", "finance"), Editor);
        Assert.Equal([("unit", "not_allowed")], Errors(refused));
        Assert.Empty(_grants.Added);
        var editor = (await _issue.ExecuteAsync("nakham", new TokenDraft("editor", "ผู้ดูแล"), Editor)).Value.Grant;
        Assert.Equal((AccessRole.Editor, null, null), (editor.Role, editor.UnitId, editor.ExpiresAt));
    }

    [Theory]
    [InlineData("office")]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("Finance")]
    public async Task A_reporter_unit_must_be_one_of_the_organization(string unit) =>
        Assert.Equal([("unit", "unknown_value")], Errors(await _issue.ExecuteAsync("nakham", new TokenDraft("reporter", "x", unit), Editor)));

    [Fact]
    public async Task Units_of_another_organization_are_unknown() =>
        Assert.Equal([("unit", "unknown_value")], Errors(await _issue.ExecuteAsync("other", new TokenDraft("reporter", "x", "finance"), Editor)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(1, true)]
    [InlineData(3650, true)]
    [InlineData(3651, false)]
    public async Task A_lifetime_is_one_day_to_ten_years(int days, bool allowed)
    {
        var outcome = await _issue.ExecuteAsync("nakham", new TokenDraft("reporter", "x", ExpiresInDays: days), Editor);
        if (allowed) Assert.Equal(Now.AddDays(days), outcome.Value.Grant.ExpiresAt);
        else Assert.Equal([("expiresInDays", "out_of_range")], Errors(outcome));
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var refused = await _issue.ExecuteAsync("nakham", new TokenDraft("Editor", " ", "office", 0), Editor);
        Assert.Equal(RefusalKind.Invalid, refused.Refusal!.Kind);
        Assert.Equal([("role", "unknown_value"), ("name", "required"), ("unit", "unknown_value"), ("expiresInDays", "out_of_range")], Errors(refused));
        Assert.Equal([("role", "required")], Errors(await _issue.ExecuteAsync("nakham", new TokenDraft(null, "x"), Editor)));
        Assert.Equal([("name", "too_long")], Errors(await _issue.ExecuteAsync("nakham", new TokenDraft("reporter", new string('ก', 201)), Editor)));
    }

    [Fact]
    public async Task A_new_organization_gets_one_editor_token_without_unit_or_expiry()
    {
        var first = await _issue.IssueFirstEditorAsync("nakham", AuditActor.Admin);
        Assert.Equal((AccessRole.Editor, null, "ผู้ดูแลองค์กร (editor)", null), (first.Grant.Role, first.Grant.UnitId, first.Grant.Name, first.Grant.ExpiresAt));
        Assert.Equal(AuditActor.Admin, Assert.Single(_grants.Added).Actor);
    }

    [Theory]
    [InlineData(AccessRole.Editor, "editor")]
    [InlineData(AccessRole.Reporter, "reporter")]
    public void Roles_have_one_spelling(AccessRole role, string code)
    {
        Assert.Equal(code, role.Code());
        Assert.Equal(role, AccessRoles.Parse(code).Value);
        Assert.Equal(role, AccessRoles.Parse($" {code} ").Value);
        Assert.False(AccessRoles.Parse(code.ToUpperInvariant()).IsValid);
    }

    [Fact]
    public void The_caller_knows_what_it_may_do()
    {
        var reporter = Caller.Holder(AccessTokens.Issue("nakham", AccessRole.Reporter, "finance", "กองคลัง", Now).Grant);
        Assert.True(Caller.Admin.IsAdmin);
        Assert.True(Caller.Admin.CanEdit("anyone"));
        Assert.Equal(AuditActor.Admin, Caller.Admin.Actor);
        Assert.False(reporter.IsAdmin);
        Assert.True(reporter.CanRead("nakham"));
        Assert.False(reporter.CanRead("other"));
        Assert.False(reporter.CanEdit("nakham"));
        Assert.Equal(reporter.Grant!.TokenId, reporter.Actor.TokenId);
    }

    private static (string Field, string Code)[] Errors<T>(Outcome<T> outcome) =>
        outcome.Refusal!.Errors.Select(e => (e.Field, e.Code)).ToArray();
}
