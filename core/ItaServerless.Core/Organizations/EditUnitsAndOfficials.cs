// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Organizations;

/// <summary>Creates a unit (no version needed) or replaces it (its current version needed).</summary>
public sealed class SaveUnit(IOrganizationRepository organizations)
{
    public async Task<Outcome<Saved<Unit>>> ExecuteAsync(string organizationId, string unitId, Precondition precondition, DraftReader<UnitDraft> read,
        AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await organizations.GetUnitAsync(organizationId, unitId, cancellationToken);
        if (precondition.Check(existing?.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        var created = Unit.Create(organizationId, unitId, draft);
        if (!created.TryGetValue(out var unit)) return Refusal.Invalid(created.Errors);
        var version = await organizations.PutUnitAsync(unit, existing?.Version, actor, cancellationToken);
        return new Saved<Unit>(unit, version, Created: existing is null);
    }
}

/// <summary>Deletes a unit at its current version.</summary>
public sealed class RemoveUnit(IOrganizationRepository organizations)
{
    public async Task<Outcome<Done>> ExecuteAsync(string organizationId, string unitId, Precondition precondition, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var existing = await organizations.GetUnitAsync(organizationId, unitId, cancellationToken);
        if (existing is null) return OrganizationSubjects.UnitNotFound;
        if (precondition.Check(existing.Version) is { } refused) return refused;
        await organizations.DeleteUnitAsync(organizationId, unitId, existing.Version, actor, cancellationToken);
        return Done.Value;
    }
}

/// <summary>Creates an official (no version needed) or replaces one (its current version needed).</summary>
public sealed class SaveOfficial(IOrganizationRepository organizations)
{
    public async Task<Outcome<Saved<Official>>> ExecuteAsync(string organizationId, string officialId, Precondition precondition, DraftReader<OfficialDraft> read,
        AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await organizations.GetOfficialAsync(organizationId, officialId, cancellationToken);
        if (precondition.Check(existing?.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        var created = Official.Create(organizationId, officialId, draft);
        if (!created.TryGetValue(out var official)) return Refusal.Invalid(created.Errors);
        var version = await organizations.PutOfficialAsync(official, existing?.Version, actor, cancellationToken);
        return new Saved<Official>(official, version, Created: existing is null);
    }
}

/// <summary>Deletes an official at its current version.</summary>
public sealed class RemoveOfficial(IOrganizationRepository organizations)
{
    public async Task<Outcome<Done>> ExecuteAsync(string organizationId, string officialId, Precondition precondition, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var existing = await organizations.GetOfficialAsync(organizationId, officialId, cancellationToken);
        if (existing is null) return OrganizationSubjects.OfficialNotFound;
        if (precondition.Check(existing.Version) is { } refused) return refused;
        await organizations.DeleteOfficialAsync(organizationId, officialId, existing.Version, actor, cancellationToken);
        return Done.Value;
    }
}
