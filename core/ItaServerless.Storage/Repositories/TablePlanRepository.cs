// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Plans": PartitionKey = "{organization}|{fiscal year}" holds the year's work:
/// RowKey "assessment" (the ITA result published for that year), "measure|{plan}|{number:D4}",
/// "progress|{round}|{plan}|{number:D4}" (kinds of <see cref="EntityKinds.Plans"/>). A measures
/// screen or a round report reads one partition (plus the previous year's assessment: a point
/// read). Every write goes through the table's <see cref="AuditedTable"/>: its audit record joins
/// the year's chain and the row "~reporting" (<see cref="PlanReportingProjection"/>, what the
/// reminder sweep reads) is rewritten in the same transaction.
/// </summary>
/// <param name="workIndex">The open-work marks that <see cref="CreateMeasureAsync"/> sets: the registered index when there is one.</param>
public sealed class TablePlanRepository(StorageTables tables, TimeProvider? clock = null, IReminderWorkIndex? workIndex = null) : IPlanRepository
{
    private readonly AuditedTable _plans = new(tables, EntityKinds.Plans, clock);
    private readonly IReminderWorkIndex _work = workIndex ?? new TableReminderWorkIndex(tables);

    public async Task<Versioned<Assessment>?> GetAssessmentAsync(string organizationId, FiscalYear assessmentYear, CancellationToken cancellationToken = default) =>
        await _plans.GetAsync(EntityKinds.Assessment, Partition(organizationId, assessmentYear), assessmentYear, cancellationToken).ConfigureAwait(false);

    public Task<EntityVersion> PutAssessmentAsync(Assessment assessment, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _plans.PutAsync(EntityKinds.Assessment, Partition(assessment.OrganizationId, assessment.AssessmentYear), assessment, ifMatch, actor, cancellationToken);

    public async Task<IReadOnlyList<Versioned<Measure>>> ListMeasuresAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var measures = await _plans.ListAsync(EntityKinds.Measure, Partition(organizationId, year), cancellationToken).ConfigureAwait(false);
        // Row keys sort as text; the contract is plan order (ITA first), then number.
        return measures.OrderBy(m => m.Value.Plan).ThenBy(m => m.Value.Number).ToArray();
    }

    public Task<Versioned<Measure>?> GetMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, CancellationToken cancellationToken = default) =>
        _plans.GetAsync(EntityKinds.Measure, Partition(organizationId, year), key, cancellationToken);

    /// <summary>
    /// Also marks the rounds the new measure waits in open for the reminder sweep
    /// (<see cref="TableReminderWorkIndex.OpenRounds"/>): before the insert, so a measure stored
    /// while storage then fails is never left unmarked (the mark is idempotent and a spurious one
    /// is cleared by the next sweep), and after it, so a sweep clearing the mark in between never
    /// leaves the new measure unseen.
    /// </summary>
    public async Task<EntityVersion> CreateMeasureAsync(string organizationId, Measure measure, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(measure);
        // A new measure has no report yet (a deleted one took its reports along).
        var rounds = TableReminderWorkIndex.OpenRounds([new MeasureReporting(measure.FiscalYear, measure.Key, measure.Title, measure.Responsible, [])]);
        await _work.MarkOpenAsync(organizationId, rounds, cancellationToken).ConfigureAwait(false);
        var version = await _plans.PutAsync(EntityKinds.Measure, Partition(organizationId, measure.FiscalYear), measure, null, actor, cancellationToken).ConfigureAwait(false);
        await _work.MarkOpenAsync(organizationId, rounds, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public Task<EntityVersion> ReplaceMeasureAsync(string organizationId, Measure measure, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _plans.PutAsync(EntityKinds.Measure, Partition(organizationId, measure.FiscalYear), measure, ifMatch, actor, cancellationToken);

    /// <summary>One entity group transaction: the measure (If-Match), its progress rows and the audit records of all of them.</summary>
    public async Task DeleteMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        string partition = Partition(organizationId, year);
        var changes = new List<AuditedChange> { EntityKinds.Measure.Delete(partition, key, ifMatch) };
        foreach (var round in ReportingRound.All)
        {
            if (await _plans.Client.FindEntityAsync(partition, EntityKinds.Progress.RowKey((round, key)), cancellationToken: cancellationToken).ConfigureAwait(false) is { } progress)
            {
                // A report changed meanwhile fails the whole delete (412): the caller reloads and decides again.
                changes.Add(EntityKinds.Progress.Delete(partition, (round, key), EntityWrites.Version(progress.ETag), progress));
            }
        }
        await _plans.SubmitAsync(changes, actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MeasureReporting>> ListReportingAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var map = await PlanReportingProjection.Instance.LoadAsync(_plans.Client, Partition(organizationId, year), cancellationToken).ConfigureAwait(false);
        return PlanReportingProjection.Measures(map, year);
    }

    public async Task<IReadOnlyList<Versioned<ProgressRecord>>> ListProgressAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default) =>
        await _plans.ListAsync(EntityKinds.Progress, Partition(organizationId, round.Year), cancellationToken, round.Round.Code + "|").ConfigureAwait(false);

    public Task<Versioned<ProgressRecord>?> GetProgressAsync(string organizationId, FiscalYear year, ReportingRound round, MeasureKey key, CancellationToken cancellationToken = default) =>
        _plans.GetAsync(EntityKinds.Progress, Partition(organizationId, year), (round, key), cancellationToken);

    public Task<EntityVersion> PutProgressAsync(string organizationId, FiscalYear year, ProgressRecord record, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _plans.PutAsync(EntityKinds.Progress, Partition(organizationId, year), record, ifMatch, actor, cancellationToken);

    internal static string Partition(string organizationId, FiscalYear year) => StorageTables.Key(organizationId, year.Year);

    /// <summary>The fiscal year of a plan partition.</summary>
    internal static FiscalYear YearOf(string partition) =>
        int.TryParse(partition.AsSpan(partition.LastIndexOf('|') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? FiscalYear.Create(year).TryGetValue(out var fiscalYear) ? fiscalYear : throw new StoredDataException($"Plans partition '{partition}' names no fiscal year.")
            : throw new StoredDataException($"Plans partition '{partition}' names no fiscal year.");

    /// <summary>The organization of a plan partition.</summary>
    internal static string OrganizationOf(string partition) =>
        partition.LastIndexOf('|') is > 0 and var bar ? partition[..bar] : throw new StoredDataException($"Plans partition '{partition}' names no organization.");
}
