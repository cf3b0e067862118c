// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// Replaces a measure at its current version. Its plan and number are its identity (the id, the
/// reports and the reminders refer to them), so they cannot change: left out, they are kept; given
/// differently, the change is refused (delete and create instead). A budget below what a round
/// already reports disbursed is refused too (<see cref="BudgetRule"/>).
/// </summary>
public sealed class ReplaceMeasure(IPlanRepository plans)
{
    public async Task<Outcome<Versioned<Measure>>> ExecuteAsync(string organizationId, FiscalYear year, string measureId, Precondition precondition,
        DraftReader<MeasureDraft> read, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var existing = await plans.FindMeasureAsync(organizationId, year, measureId, cancellationToken);
        if (existing is null) return MeasureLookup.MeasureNotFound;
        if (precondition.Check(existing.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;

        var key = existing.Value.Key;
        var created = Measure.Create(draft with { Plan = draft.Plan ?? key.Plan.Code(), Number = draft.Number ?? key.Number }, year,
            QuestionCatalog.ForMeasuresOf(year));
        if (!created.TryGetValue(out var measure)) return Refusal.Invalid(created.Errors);
        if (KeyChange(key, measure) is { } changed) return Refusal.NotAllowed(changed);

        var reported = await Task.WhenAll(ReportingRound.All.Select(r => plans.GetProgressAsync(organizationId, year, r, key, cancellationToken)));
        var cut = BudgetRule.CheckCut(measure, reported.OfType<Versioned<ProgressRecord>>().Select(r => r.Value.Progress));
        if (cut.Count > 0) return Refusal.Invalid(cut);

        var version = await plans.ReplaceMeasureAsync(organizationId, measure, existing.Version, actor, cancellationToken);
        return new Versioned<Measure>(measure, version);
    }

    /// <summary>The error when <paramref name="replacement"/> is not the measure <paramref name="key"/> names (plan first); null when it is.</summary>
    public static ValidationError? KeyChange(MeasureKey key, Measure replacement)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (replacement.Key == key) return null;
        return new ValidationError(ErrorCodes.NotAllowed, replacement.Plan != key.Plan ? "plan" : "number",
            "เปลี่ยนแผนหรือลำดับของมาตรการที่มีอยู่ไม่ได้ ให้ลบแล้วสร้างใหม่",
            "The plan and number of an existing measure cannot change; delete it and create a new one.");
    }
}

/// <summary>Deletes a measure, with its progress reports, at its current version.</summary>
public sealed class DeleteMeasure(IPlanRepository plans)
{
    public async Task<Outcome<Done>> ExecuteAsync(string organizationId, FiscalYear year, string measureId, Precondition precondition, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        var existing = await plans.FindMeasureAsync(organizationId, year, measureId, cancellationToken);
        if (existing is null) return MeasureLookup.MeasureNotFound;
        if (precondition.Check(existing.Version) is { } refused) return refused;
        await plans.DeleteMeasureAsync(organizationId, year, existing.Value.Key, existing.Version, actor, cancellationToken);
        return Done.Value;
    }
}
