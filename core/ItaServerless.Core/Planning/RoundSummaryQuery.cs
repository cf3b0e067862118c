// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;

namespace ItaServerless.Core.Planning;

/// <summary>
/// A round as the summary, the progress list and the round documents show it: the measures (one
/// plan or all, in plan then number order), their reports as stored, and the one
/// <see cref="RoundSummary"/> computed from them.
/// </summary>
public sealed class RoundProgress
{
    private readonly Dictionary<MeasureKey, Progress> _byMeasure;

    public RoundProgress(FiscalYearRound round, IReadOnlyList<Measure> measures, IReadOnlyList<Versioned<ProgressRecord>> reports)
    {
        ArgumentNullException.ThrowIfNull(measures);
        ArgumentNullException.ThrowIfNull(reports);
        Round = round ?? throw new ArgumentNullException(nameof(round));
        Measures = measures;
        Reports = reports;
        Summary = RoundSummary.Of(round, measures, reports.Select(r => r.Value.Progress));
        _byMeasure = reports.ToDictionary(r => r.Value.Measure, r => r.Value.Progress);
    }

    public FiscalYearRound Round { get; }

    public IReadOnlyList<Measure> Measures { get; }

    /// <summary>The reports of <see cref="Measures"/>, in the order the repository lists them.</summary>
    public IReadOnlyList<Versioned<ProgressRecord>> Reports { get; }

    public RoundSummary Summary { get; }

    /// <summary>The report of a measure; null while it is waiting.</summary>
    public Progress? ReportOf(MeasureKey measure) => _byMeasure.GetValueOrDefault(measure);
}

/// <summary>Reads a round of one organization: its measures (of <c>plan</c>, or all) and their reports, summarised once.</summary>
public sealed class RoundSummaryQuery(IPlanRepository plans)
{
    public async Task<RoundProgress> ExecuteAsync(string organizationId, FiscalYearRound round, Plan? plan = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var measures = plans.ListMeasuresAsync(organizationId, round.Year, cancellationToken);
        var reports = plans.ListProgressAsync(organizationId, round, cancellationToken);
        var included = (await measures).Select(m => m.Value).Where(m => plan is null || m.Plan == plan).ToArray();
        var keys = included.Select(m => m.Key).ToHashSet();
        return new RoundProgress(round, included, (await reports).Where(r => keys.Contains(r.Value.Measure)).ToArray());
    }
}
