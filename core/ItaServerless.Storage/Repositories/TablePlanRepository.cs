// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Plans": PartitionKey = "{organization}|{fiscal year}" holds the year's work:
/// RowKey "assessment" (the ITA result published for that year), "measure|{plan}|{number:D4}",
/// "progress|{round}|{plan}|{number:D4}". A measures screen or a round report reads one partition
/// (plus the previous year's assessment: a point read). Every write appends its audit record to
/// the year's chain (rows "~audit|…", see <see cref="AuditedWriter"/>) and rewrites the row
/// "~reporting" (<see cref="PlanReportingProjection"/>, what the reminder sweep reads) in the same transaction.
/// </summary>
public sealed class TablePlanRepository(StorageTables tables, TimeProvider? clock = null) : IPlanRepository
{
    private const string AssessmentRow = "assessment";
    internal const string MeasurePrefix = "measure|";
    internal const string ProgressPrefix = "progress|";
    private const string CatalogYearProperty = "CatalogYear";

    private readonly AuditedWriter _audit = new(clock ?? TimeProvider.System);

    private TableClient Table => tables.Plans;

    public async Task<Versioned<Assessment>?> GetAssessmentAsync(string organizationId, FiscalYear assessmentYear, CancellationToken cancellationToken = default)
    {
        var entity = await Table.FindEntityAsync(Partition(organizationId, assessmentYear), AssessmentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(Stored(Assessment.Create(StoredJson.Read<AssessmentDraft>(entity)), entity), EntityWrites.Version(entity.ETag));
    }

    public Task<EntityVersion> PutAssessmentAsync(Assessment assessment, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition(assessment.OrganizationId, assessment.AssessmentYear), AssessmentRow);
        StoredJson.Write(entity, assessment.ToDraft());
        return PutAsync(entity, ifMatch, "assessment", assessment.AssessmentYear.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), actor, cancellationToken);
    }

    public async Task<IReadOnlyList<Versioned<Measure>>> ListMeasuresAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var measures = new List<Versioned<Measure>>();
        await foreach (var entity in Table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(Partition(organizationId, year), MeasurePrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            measures.Add(new(MeasureFrom(entity, year), EntityWrites.Version(entity.ETag)));
        }
        // Row keys sort as text; the contract is plan order (ITA first), then number.
        return measures.OrderBy(m => m.Value.Plan).ThenBy(m => m.Value.Number).ToArray();
    }

    public async Task<Versioned<Measure>?> GetMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, CancellationToken cancellationToken = default)
    {
        var entity = await Table.FindEntityAsync(Partition(organizationId, year), MeasureRow(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(MeasureFrom(entity, year), EntityWrites.Version(entity.ETag));
    }

    /// <summary>
    /// Also marks both rounds of the year open for the reminder sweep: before the insert, so a
    /// measure stored while storage then fails is never left unmarked (the mark is idempotent and a
    /// spurious one is cleared by the next sweep), and after it, so a sweep clearing the mark in
    /// between never leaves the new measure unseen.
    /// </summary>
    public async Task<EntityVersion> CreateMeasureAsync(string organizationId, Measure measure, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var work = new TableReminderWorkIndex(tables);
        var rounds = ReportingRound.All.Select(r => new FiscalYearRound(measure.FiscalYear, r)).ToArray();
        await work.MarkOpenAsync(organizationId, rounds, cancellationToken).ConfigureAwait(false);
        var version = await PutAsync(ToEntity(organizationId, measure), null, "measure", measure.Key.ToString(), actor, cancellationToken).ConfigureAwait(false);
        await work.MarkOpenAsync(organizationId, rounds, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public Task<EntityVersion> ReplaceMeasureAsync(string organizationId, Measure measure, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(ToEntity(organizationId, measure), ifMatch, "measure", measure.Key.ToString(), actor, cancellationToken);

    /// <summary>One entity group transaction: the measure (If-Match), its progress rows and the audit records of all of them.</summary>
    public async Task DeleteMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        string partition = Partition(organizationId, year);
        var changes = new List<AuditedChange> { new(TableTransactionActionType.Delete, new TableEntity(partition, MeasureRow(key)), ifMatch, "measure", key.ToString(), AuditActions.Delete) };
        foreach (var round in ReportingRound.All)
        {
            if (await Table.FindEntityAsync(partition, ProgressRow(round, key), cancellationToken: cancellationToken).ConfigureAwait(false) is { } progress)
            {
                // A report changed meanwhile fails the whole delete (412): the caller reloads and decides again.
                changes.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, progress.RowKey), EntityWrites.Version(progress.ETag),
                    "progress", ProgressId(round, key), AuditActions.Delete, progress));
            }
        }
        await _audit.SubmitAsync(Table, changes, actor, cancellationToken, PlanReportingProjection.Instance).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MeasureReporting>> ListReportingAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var map = await PlanReportingProjection.Instance.LoadAsync(Table, Partition(organizationId, year), cancellationToken).ConfigureAwait(false);
        return PlanReportingProjection.Measures(map, year);
    }

    public async Task<IReadOnlyList<Versioned<ProgressRecord>>> ListProgressAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default)
    {
        var records = new List<Versioned<ProgressRecord>>();
        string prefix = ProgressPrefix + round.Round.Code + "|";
        await foreach (var entity in Table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(Partition(organizationId, round.Year), prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new(ProgressFrom(entity), EntityWrites.Version(entity.ETag)));
        }
        return records;
    }

    public async Task<Versioned<ProgressRecord>?> GetProgressAsync(string organizationId, FiscalYear year, ReportingRound round, MeasureKey key, CancellationToken cancellationToken = default)
    {
        var entity = await Table.FindEntityAsync(Partition(organizationId, year), ProgressRow(round, key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(ProgressFrom(entity), EntityWrites.Version(entity.ETag));
    }

    public Task<EntityVersion> PutProgressAsync(string organizationId, FiscalYear year, ProgressRecord record, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(ProgressEntity(organizationId, year, record), ifMatch, "progress", ProgressId(record.Round, record.Measure), actor, cancellationToken);

    /// <summary>Create-only without <paramref name="ifMatch"/>, else a conditional replace; audited either way.</summary>
    private async Task<EntityVersion> PutAsync(TableEntity row, EntityVersion? ifMatch, string entityType, string entityId, AuditActor actor, CancellationToken cancellationToken)
    {
        var change = ifMatch is null
            ? new AuditedChange(TableTransactionActionType.Add, row, null, entityType, entityId, AuditActions.Create)
            : new AuditedChange(TableTransactionActionType.UpdateReplace, row, ifMatch, entityType, entityId, AuditActions.Update);
        return (await _audit.SubmitAsync(Table, [change], actor, cancellationToken, PlanReportingProjection.Instance).ConfigureAwait(false))[0]!.Value;
    }

    /// <summary>"ita-3/6m": the audit trail's id of a measure's report in a round.</summary>
    internal static string ProgressId(ReportingRound round, MeasureKey key) => key + "/" + round.Code;

    internal static ProgressRecord ProgressFrom(TableEntity entity) => StoredJson.Read<StoredProgress>(entity).ToRecord(YearOf(entity.PartitionKey));

    private static FiscalYear YearOf(string partition) =>
        int.TryParse(partition.AsSpan(partition.LastIndexOf('|') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? FiscalYear.Of(year)
            : throw new StoredDataException($"Plans partition '{partition}' names no fiscal year.");

    internal static TableEntity ProgressEntity(string organizationId, FiscalYear year, ProgressRecord record)
    {
        var entity = new TableEntity(Partition(organizationId, year), ProgressRow(record.Round, record.Measure));
        StoredJson.Write(entity, StoredProgress.From(record));
        return entity;
    }

    internal static string Partition(string organizationId, FiscalYear year) => StorageTables.Key(organizationId, year.Year);

    private static string MeasureRow(MeasureKey key) => MeasurePrefix + KeyPart(key);

    private static string ProgressRow(ReportingRound round, MeasureKey key) => ProgressPrefix + round.Code + "|" + KeyPart(key);

    private static string KeyPart(MeasureKey key) =>
        key.Plan.Code() + "|" + key.Number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    internal static TableEntity ToEntity(string organizationId, Measure measure)
    {
        var entity = new TableEntity(Partition(organizationId, measure.FiscalYear), MeasureRow(measure.Key));
        StoredJson.Write(entity, measure.ToDraft());
        if (measure.Questions.Count > 0)
        {
            entity[CatalogYearProperty] = CatalogFor(measure).AssessmentYear;
        }
        return entity;
    }

    private static Measure MeasureFrom(TableEntity entity, FiscalYear year)
    {
        var catalog = entity.GetInt32(CatalogYearProperty) is { } catalogYear ? QuestionCatalog.ForYear(catalogYear).Value : null;
        return Stored(Measure.Create(StoredJson.Read<MeasureDraft>(entity), year, catalog), entity);
    }

    /// <summary>A stored row that today's rules refuse is a data or code defect (500, logged), not the caller's bad input (400).</summary>
    private static T Stored<T>(Core.Validation.Validated<T> rebuilt, TableEntity entity) => rebuilt.IsValid
        ? rebuilt.Value
        : throw new StoredDataException($"Stored {entity.PartitionKey}/{entity.RowKey} no longer passes validation: " +
            string.Join("; ", rebuilt.Errors.Select(e => $"{e.Field} {e.Code}")));

    /// <summary>
    /// A catalog holding every target question, remembered to rebuild the measure on read even
    /// after newer catalogs ship: <see cref="QuestionCatalog.ForMeasuresOf"/> first, then newest first.
    /// </summary>
    private static QuestionCatalog CatalogFor(Measure measure)
    {
        var preferred = QuestionCatalog.ForMeasuresOf(measure.FiscalYear);
        var candidates = QuestionCatalog.Years.OrderByDescending(y => y).Select(y => QuestionCatalog.ForYear(y).Value);
        foreach (var catalog in preferred is null ? candidates : candidates.Prepend(preferred))
        {
            if (measure.Questions.All(catalog.Contains))
            {
                return catalog;
            }
        }
        throw new InvalidOperationException($"No question catalog contains every question of measure {measure.Key}.");
    }
}
