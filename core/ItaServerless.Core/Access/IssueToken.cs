// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Access;

/// <summary>The raw input of a token: role "editor" or "reporter"; a reporter may be bound to one unit.</summary>
public sealed record TokenDraft(string? Role = null, string? Name = null, string? Unit = null, int? ExpiresInDays = null);

/// <summary>
/// Issues an organization token. An editor token covers the whole organization, so it has no unit;
/// a reporter token may be bound to one unit of the organization. A token lives for
/// <see cref="MinDays"/> to <see cref="MaxDays"/> days, or until revoked when no lifetime is given.
/// The token text is handed out once; only the hash of its secret is stored.
/// </summary>
public sealed class IssueToken(IAccessGrantStore grants, IOrganizationRepository organizations, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MinDays = 1;
    public const int MaxDays = 3650;

    /// <summary>The name of the editor token an organization gets when it is created.</summary>
    public const string FirstEditorName = "ผู้ดูแลองค์กร (editor)";

    public async Task<Outcome<IssuedToken>> ExecuteAsync(string organizationId, TokenDraft draft, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var role = AccessRoles.Parse(draft.Role);
        errors.Take(role);
        var name = errors.Take(TextRules.Required(draft.Name, "name", MaxNameLength));
        if (draft.Unit is not null)
        {
            // An unknown role is checked like a reporter's, so every bad field is named at once.
            if (role.IsValid && role.Value == AccessRole.Editor)
                errors.Add(ErrorCodes.NotAllowed, "unit", "โทเคนผู้แก้ไขใช้ได้ทั้งองค์กร ไม่ผูกกับส่วนราชการ", "An editor token covers the whole organization; it has no unit.");
            else if (role.IsValid && role.Value == AccessRole.Calendar)
                errors.Add(ErrorCodes.NotAllowed, "unit", "โทเคนปฏิทินใช้อ่านปฏิทินขององค์กร ไม่ผูกกับส่วนราชการ", "A calendar token reads the organization's calendar; it has no unit.");
            else if (!Identifier.IsValid(draft.Unit) || await organizations.GetUnitAsync(organizationId, draft.Unit, cancellationToken) is null)
                errors.Add(ErrorCodes.UnknownValue, "unit", "ไม่พบส่วนราชการนี้ในองค์กร", "There is no such unit in the organization.");
        }

        if (draft.ExpiresInDays is < MinDays or > MaxDays)
            errors.Add(ErrorCodes.OutOfRange, "expiresInDays", $"อายุโทเคนต้องอยู่ระหว่าง {MinDays} ถึง {MaxDays} วัน", $"expiresInDays must be between {MinDays} and {MaxDays}.");
        if (errors.HasErrors) return Refusal.Invalid(errors.Errors);

        var now = clock.GetUtcNow();
        var issued = AccessTokens.Issue(organizationId, role.Value, draft.Unit, name!, now, draft.ExpiresInDays is { } days ? now.AddDays(days) : null);
        await grants.AddAsync(issued.Grant, actor, cancellationToken);
        return issued;
    }

    /// <summary>The editor token of a new organization (the admin hands it to the organization).</summary>
    public async Task<IssuedToken> IssueFirstEditorAsync(string organizationId, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var issued = AccessTokens.Issue(organizationId, AccessRole.Editor, null, FirstEditorName, clock.GetUtcNow());
        await grants.AddAsync(issued.Grant, actor, cancellationToken);
        return issued;
    }
}
