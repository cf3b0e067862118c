// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Organizations;

/// <summary>Creates a unit (no version needed) or replaces it (its current version needed).</summary>
public sealed class SaveUnit(IOrganizationRepository organizations)
{
    public Task<Outcome<Saved<Unit>>> ExecuteAsync(string organizationId, string unitId, Precondition precondition, DraftReader<UnitDraft> read,
        AuditActor actor, CancellationToken cancellationToken = default) =>
        MemberEdits.SaveAsync(organizations.GetUnitAsync(organizationId, unitId, cancellationToken), precondition, read,
            draft => Unit.Create(organizationId, unitId, draft),
            (unit, ifMatch) => organizations.PutUnitAsync(unit, ifMatch, actor, cancellationToken), cancellationToken);
}

/// <summary>Deletes a unit at its current version.</summary>
public sealed class RemoveUnit(IOrganizationRepository organizations)
{
    public Task<Outcome<Done>> ExecuteAsync(string organizationId, string unitId, Precondition precondition, AuditActor actor,
        CancellationToken cancellationToken = default) =>
        MemberEdits.RemoveAsync(organizations.GetUnitAsync(organizationId, unitId, cancellationToken), OrganizationSubjects.UnitNotFound, precondition,
            version => organizations.DeleteUnitAsync(organizationId, unitId, version, actor, cancellationToken));
}

/// <summary>Creates an official (no version needed) or replaces one (its current version needed).</summary>
public sealed class SaveOfficial(IOrganizationRepository organizations)
{
    public Task<Outcome<Saved<Official>>> ExecuteAsync(string organizationId, string officialId, Precondition precondition, DraftReader<OfficialDraft> read,
        AuditActor actor, CancellationToken cancellationToken = default) =>
        MemberEdits.SaveAsync(organizations.GetOfficialAsync(organizationId, officialId, cancellationToken), precondition, read,
            draft => Official.Create(organizationId, officialId, draft),
            (official, ifMatch) => organizations.PutOfficialAsync(official, ifMatch, actor, cancellationToken), cancellationToken);
}

/// <summary>Deletes an official at its current version.</summary>
public sealed class RemoveOfficial(IOrganizationRepository organizations)
{
    public Task<Outcome<Done>> ExecuteAsync(string organizationId, string officialId, Precondition precondition, AuditActor actor,
        CancellationToken cancellationToken = default) =>
        MemberEdits.RemoveAsync(organizations.GetOfficialAsync(organizationId, officialId, cancellationToken), OrganizationSubjects.OfficialNotFound, precondition,
            version => organizations.DeleteOfficialAsync(organizationId, officialId, version, actor, cancellationToken));
}

/// <summary>The one save and delete rule for an organization's members (units, officials): preconditions first, then the body.</summary>
internal static class MemberEdits
{
    public static async Task<Outcome<Saved<T>>> SaveAsync<TDraft, T>(Task<Versioned<T>?> find, Precondition precondition, DraftReader<TDraft> read,
        Func<TDraft, Validated<T>> create, Func<T, EntityVersion?, Task<EntityVersion>> put, CancellationToken cancellationToken)
        where TDraft : class
    {
        var existing = await find;
        if (precondition.Check(existing?.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        var created = create(draft);
        if (!created.TryGetValue(out var member)) return Refusal.Invalid(created.Errors);
        var version = await put(member, existing?.Version);
        return new Saved<T>(member, version, Created: existing is null);
    }

    public static async Task<Outcome<Done>> RemoveAsync<T>(Task<Versioned<T>?> find, Refusal notFound, Precondition precondition, Func<EntityVersion, Task> delete)
    {
        var existing = await find;
        if (existing is null) return notFound;
        if (precondition.Check(existing.Version) is { } refused) return refused;
        await delete(existing.Version);
        return Done.Value;
    }
}
