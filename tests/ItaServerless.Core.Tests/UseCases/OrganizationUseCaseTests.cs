// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Tests.UseCases;

public sealed class OrganizationUseCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
    private static readonly OrganizationDraft NaKham = new("nakham", "เทศบาลตำบลนาคำ", "เทศบาลตำบล", Province: "นครพนม");

    private readonly InMemoryOrganizations _organizations = new();
    private readonly InMemoryGrants _grants = new();

    private CreateOrganization Create() => new(_organizations, new IssueToken(_grants, _organizations, new FixedClock(Now)));

    [Fact]
    public async Task A_new_organization_comes_with_its_first_editor_token()
    {
        var created = (await Create().ExecuteAsync(NaKham, AuditActor.Admin)).Value;
        Assert.Equal("nakham", created.Organization.Value.Id);
        var grant = Assert.Single(_grants.Added).Grant;
        Assert.Equal(("nakham", AccessRole.Editor, null), (grant.OrganizationId, grant.Role, grant.UnitId));
        Assert.True(AccessTokens.TryParse(created.EditorToken, out var tokenId, out var secret));
        Assert.Equal(grant.TokenId, tokenId);
        Assert.True(AccessTokens.Verify(grant, secret, Now));
    }

    [Fact]
    public async Task A_taken_id_is_a_conflict_and_issues_no_token()
    {
        _ = (await Create().ExecuteAsync(NaKham, AuditActor.Admin)).Value;
        var refused = await Create().ExecuteAsync(NaKham with { Name = "ซ้ำ" }, AuditActor.Admin);
        Assert.Equal((RefusalKind.Conflict, "id", "already_exists"), (refused.Refusal!.Kind, refused.Refusal.Errors[0].Field, refused.Refusal.Errors[0].Code));
        Assert.Single(_grants.Added);
    }

    [Fact]
    public async Task An_update_keeps_the_id_of_the_address()
    {
        var created = (await Create().ExecuteAsync(NaKham, AuditActor.Admin)).Value;
        var update = new UpdateOrganization(_organizations);
        var version = new Precondition(created.Organization.Version.Value);

        var mismatch = await update.ExecuteAsync("nakham", version, DraftReader.Of(NaKham with { Id = "other" }), AuditActor.Admin);
        Assert.Equal((RefusalKind.NotAllowed, "id", "id_mismatch"), (mismatch.Refusal!.Kind, mismatch.Refusal.Errors[0].Field, mismatch.Refusal.Errors[0].Code));

        var updated = (await update.ExecuteAsync("nakham", version, DraftReader.Of(NaKham with { Id = null, Phone = "0 4253 2000" }), AuditActor.Admin)).Value;
        Assert.Equal(("nakham", "0 4253 2000"), (updated.Value.Id, updated.Value.Phone));
        Assert.Equal(RefusalKind.VersionMismatch, (await update.ExecuteAsync("nakham", version, DraftReader.Of(NaKham), AuditActor.Admin)).Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, (await update.ExecuteAsync("nowhere", version, DraftReader.Of(NaKham), AuditActor.Admin)).Refusal!.Kind);
    }

    [Fact]
    public async Task A_unit_is_created_without_a_version_and_replaced_with_one()
    {
        var save = new SaveUnit(_organizations);
        var created = (await save.ExecuteAsync("nakham", "finance", Precondition.None, DraftReader.Of(new UnitDraft("กองคลัง")), AuditActor.Admin)).Value;
        Assert.True(created.Created);
        Assert.Equal(RefusalKind.VersionRequired,
            (await save.ExecuteAsync("nakham", "finance", Precondition.None, DraftReader.Of(new UnitDraft("กองคลัง")), AuditActor.Admin)).Refusal!.Kind);
        var replaced = (await save.ExecuteAsync("nakham", "finance", new Precondition(created.Version.Value), DraftReader.Of(new UnitDraft("กองคลัง (แก้ไข)")), AuditActor.Admin)).Value;
        Assert.Equal((false, "กองคลัง (แก้ไข)"), (replaced.Created, replaced.Value.Name));
        Assert.Equal(RefusalKind.Invalid,
            (await save.ExecuteAsync("nakham", "Bad Id", Precondition.None, DraftReader.Of(new UnitDraft("x")), AuditActor.Admin)).Refusal!.Kind);

        var remove = new RemoveUnit(_organizations);
        Assert.Equal(RefusalKind.VersionRequired, (await remove.ExecuteAsync("nakham", "finance", Precondition.None, AuditActor.Admin)).Refusal!.Kind);
        Assert.True((await remove.ExecuteAsync("nakham", "finance", new Precondition(replaced.Version.Value), AuditActor.Admin)).IsOk);
        Assert.Equal(RefusalKind.NotFound, (await remove.ExecuteAsync("nakham", "finance", new Precondition("*"), AuditActor.Admin)).Refusal!.Kind);
    }
}
