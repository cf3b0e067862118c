// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Core.Planning;

/// <summary>Finding a measure by its id ("ita-3") and what the planning use cases did not find.</summary>
public static class MeasureLookup
{
    public static Refusal MeasureNotFound { get; } = Refusal.NotFound("The measure", "มาตรการนี้");

    public static Refusal ProgressNotFound { get; } = Refusal.NotFound("A progress report for this round", "รายงานผลรอบนี้ (รอรายงาน)");

    /// <summary>The measure named by <paramref name="id"/>; null when there is none or the id cannot name one.</summary>
    public static async Task<Versioned<Measure>?> FindMeasureAsync(this IPlanRepository plans, string organizationId, FiscalYear year, string id,
        CancellationToken cancellationToken = default) =>
        MeasureKey.TryParse(id, out var key) ? await plans.GetMeasureAsync(organizationId, year, key, cancellationToken) : null;
}
