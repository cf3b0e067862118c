// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Scoring;

/// <summary>Records the ITA result of an assessment year: the first time without a version, a correction at the current one.</summary>
public sealed class RecordAssessment(IPlanRepository plans)
{
    public async Task<Outcome<Saved<Assessment>>> ExecuteAsync(string organizationId, FiscalYear assessmentYear, Precondition precondition,
        DraftReader<AssessmentDraft> read, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await plans.GetAssessmentAsync(organizationId, assessmentYear, cancellationToken);
        if (precondition.Check(existing?.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        // The address names the organization and year, whatever the draft says.
        var created = Assessment.Create(draft with { OrganizationId = organizationId, AssessmentYear = assessmentYear.Year });
        if (!created.TryGetValue(out var assessment)) return Refusal.Invalid(created.Errors);
        var version = await plans.PutAssessmentAsync(assessment, existing?.Version, actor, cancellationToken);
        return new Saved<Assessment>(assessment, version, Created: existing is null);
    }
}
