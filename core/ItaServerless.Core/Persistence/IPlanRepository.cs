// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Core.Persistence;

/// <summary>A stored progress report: the validated report as it was accepted, and when.</summary>
public sealed record ProgressRecord(Progress Progress, DateTimeOffset ReportedAt)
{
    public MeasureKey Measure => Progress.Measure;

    public ReportingRound Round => Progress.Round.Round;
}

/// <summary>
/// One organization's yearly work: ITA results, measures and progress. Everything of one
/// organization and fiscal year is read from one partition. Every write appends its audit record
/// (who: <c>actor</c>) to the year's chain in the same transaction as the change.
/// </summary>
public interface IPlanRepository
{
    /// <summary>The ITA result published for <paramref name="assessmentYear"/>.</summary>
    Task<Versioned<Assessment>?> GetAssessmentAsync(string organizationId, FiscalYear assessmentYear, CancellationToken cancellationToken = default);

    /// <summary>Creates (ifMatch null: create-only) or replaces (ifMatch given).</summary>
    Task<EntityVersion> PutAssessmentAsync(Assessment assessment, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Every measure of the year, ordered by plan then number.</summary>
    Task<IReadOnlyList<Versioned<Measure>>> ListMeasuresAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default);

    Task<Versioned<Measure>?> GetMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, CancellationToken cancellationToken = default);

    /// <summary>Creates a measure; <see cref="AlreadyExistsException"/> when its plan and number are taken.</summary>
    Task<EntityVersion> CreateMeasureAsync(string organizationId, Measure measure, AuditActor actor, CancellationToken cancellationToken = default);

    Task<EntityVersion> ReplaceMeasureAsync(string organizationId, Measure measure, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes a measure and its progress reports together.</summary>
    Task DeleteMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The year's measures with the rounds each was reported in (what reminders need), in plan
    /// order; one small read however large the measures and reports are.
    /// </summary>
    Task<IReadOnlyList<MeasureReporting>> ListReportingAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default);

    /// <summary>The reports of one round (all measures of the year).</summary>
    Task<IReadOnlyList<Versioned<ProgressRecord>>> ListProgressAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default);

    Task<Versioned<ProgressRecord>?> GetProgressAsync(string organizationId, FiscalYear year, ReportingRound round, MeasureKey key, CancellationToken cancellationToken = default);

    /// <summary>Creates (ifMatch null: create-only) or replaces (ifMatch given) a report.</summary>
    Task<EntityVersion> PutProgressAsync(string organizationId, FiscalYear year, ProgressRecord record, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default);
}
