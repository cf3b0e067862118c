// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Planning;

/// <summary>
/// Records a measure's progress in a round: the first report needs no version, a correction the
/// current one. Editors report on every measure; a reporter token bound to a unit only on that
/// unit's measures and those of every division (<see cref="AccessGrant.CanReport"/>). The report is
/// stamped with the time it was accepted.
/// </summary>
public sealed class ReportProgress(IPlanRepository plans, TimeProvider clock)
{
    public async Task<Outcome<Saved<ProgressRecord>>> ExecuteAsync(string organizationId, FiscalYear year, string measureId, ReportingRound round,
        Caller caller, Precondition precondition, DraftReader<ProgressDraft> read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var measure = await plans.FindMeasureAsync(organizationId, year, measureId, cancellationToken);
        if (measure is null) return MeasureLookup.MeasureNotFound;
        if (!caller.CanReport(organizationId, measure.Value.Responsible)) return Refusal.Forbidden;

        var existing = await plans.GetProgressAsync(organizationId, year, round, measure.Value.Key, cancellationToken);
        if (precondition.Check(existing?.Version) is { } refused) return refused;
        if (await read(cancellationToken) is not { } draft) return Refusal.Unreadable;
        var created = Progress.Create(draft, measure.Value, round);
        if (!created.TryGetValue(out var progress)) return Refusal.Invalid(created.Errors);

        var record = new ProgressRecord(progress, clock.GetUtcNow());
        var version = await plans.PutProgressAsync(organizationId, year, record, existing?.Version, caller.Actor, cancellationToken);
        return new Saved<ProgressRecord>(record, version, Created: existing is null);
    }
}
