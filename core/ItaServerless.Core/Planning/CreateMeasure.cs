// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.UseCases;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// Adds a measure to a fiscal year. A draft without a number gets the next free one of its plan
/// (<see cref="NextNumber"/>); when another request takes that number first, the next one is tried.
/// A number given that is taken is refused (409).
/// </summary>
public sealed class CreateMeasure(IPlanRepository plans)
{
    /// <summary>How often a lost race for an automatic number is retried before answering 409.</summary>
    public const int NumberingRetries = 5;

    public async Task<Outcome<Versioned<Measure>>> ExecuteAsync(string organizationId, FiscalYear year, MeasureDraft draft, AuditActor actor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var catalog = QuestionCatalog.ForMeasuresOf(year);
        for (var attempt = 0; ; attempt++)
        {
            var numbered = draft.Number is null ? draft with { Number = await NextNumberAsync(organizationId, year, draft.Plan, cancellationToken) } : draft;
            var created = Measure.Create(numbered, year, catalog);
            if (!created.TryGetValue(out var measure)) return Refusal.Invalid(created.Errors);
            try
            {
                var version = await plans.CreateMeasureAsync(organizationId, measure, actor, cancellationToken);
                return new Versioned<Measure>(measure, version);
            }
            catch (AlreadyExistsException) when (draft.Number is null && attempt < NumberingRetries)
            {
            }
            catch (AlreadyExistsException)
            {
                return Refusal.Conflict(new ValidationError(ErrorCodes.AlreadyExists, "number",
                    $"มีมาตรการลำดับที่ {measure.Number} ในแผนนี้อยู่แล้ว", $"This plan already has a measure number {measure.Number}."));
            }
        }
    }

    /// <summary>One more than the highest number of <paramref name="plan"/> among <paramref name="measures"/>; 1 for a plan's first.</summary>
    public static int NextNumber(IEnumerable<Measure> measures, Plan plan) =>
        measures.Where(m => m.Plan == plan).Select(m => m.Number).DefaultIfEmpty(0).Max() + 1;

    private async Task<int> NextNumberAsync(string organizationId, FiscalYear year, string? plan, CancellationToken cancellationToken)
    {
        // An unknown plan numbers as 1; Measure.Create then names the plan.
        if (!PlanNames.ParsePlan(plan).TryGetValue(out var parsed)) return 1;
        return NextNumber((await plans.ListMeasuresAsync(organizationId, year, cancellationToken)).Select(m => m.Value), parsed);
    }
}
