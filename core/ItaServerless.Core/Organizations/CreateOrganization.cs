// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Organizations;

/// <summary>A new organization and the text of its first editor token (shown once).</summary>
public sealed record CreatedOrganization(Versioned<Organization> Organization, string EditorToken);

/// <summary>Records a new organization and issues its first editor token, for the admin to hand over.</summary>
public sealed class CreateOrganization(IOrganizationRepository organizations, IssueToken tokens)
{
    public async Task<Outcome<CreatedOrganization>> ExecuteAsync(OrganizationDraft draft, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var created = Organization.Create(draft);
        if (!created.TryGetValue(out var organization)) return Refusal.Invalid(created.Errors);
        EntityVersion version;
        try
        {
            version = await organizations.CreateAsync(organization, actor, cancellationToken);
        }
        catch (AlreadyExistsException)
        {
            return Refusal.Conflict(new ValidationError(ErrorCodes.AlreadyExists, "id",
                "มีองค์กรที่ใช้รหัสนี้อยู่แล้ว", "An organization with this id already exists."));
        }

        var token = await tokens.IssueFirstEditorAsync(organization.Id, actor, cancellationToken);
        return new CreatedOrganization(new Versioned<Organization>(organization, version), token.Token);
    }
}

/// <summary>Replaces an organization's record; its id is the one in the address and cannot change.</summary>
public sealed class UpdateOrganization(IOrganizationRepository organizations)
{
    public async Task<Outcome<Versioned<Organization>>> ExecuteAsync(string organizationId, Precondition precondition, DraftReader<OrganizationDraft> read,
        AuditActor actor, CancellationToken cancellationToken = default)
    {
        var found = await organizations.GetAsync(organizationId, cancellationToken);
        if (found is null) return OrganizationSubjects.NotFound;
        if (precondition.Check(found.Version) is { } stale) return stale;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        if (draft.Id is { } id && id != organizationId)
        {
            return Refusal.NotAllowed(new ValidationError(ErrorCodes.IdMismatch, "id",
                "รหัสในข้อมูลไม่ตรงกับรหัสในที่อยู่ (URL)", "The id in the body differs from the id in the URL."));
        }

        var created = Organization.Create(draft with { Id = organizationId });
        if (!created.TryGetValue(out var organization)) return Refusal.Invalid(created.Errors);
        var version = await organizations.UpdateAsync(organization, found.Version, actor, cancellationToken);
        return new Versioned<Organization>(organization, version);
    }
}

/// <summary>What the organization use cases did not find.</summary>
public static class OrganizationSubjects
{
    public static Refusal NotFound { get; } = Refusal.NotFound("The organization", "องค์กรนี้");

    public static Refusal UnitNotFound { get; } = Refusal.NotFound("The unit", "ส่วนราชการนี้");

    public static Refusal OfficialNotFound { get; } = Refusal.NotFound("The official", "ผู้ลงนามนี้");
}
