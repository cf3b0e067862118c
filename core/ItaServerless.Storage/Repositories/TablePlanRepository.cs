// SPDX-License-Identifier: AGPL-3.0-or-later
using Azure;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Plans": PartitionKey = "{organization}|{fiscal year}" holds the year's work:
/// RowKey "assessment" (the ITA result published for that year), "measure|{plan}|{number:D4}",
/// "progress|{round}|{plan}|{number:D4}". A measures screen or a round report reads one partition
/// (plus the previous year's assessment: a point read).
/// </summary>
public sealed class TablePlanRepository(StorageTables tables) : IPlanRepository
{
    private const string AssessmentRow = "assessment";
    private const string MeasurePrefix = "measure|";
    private const string ProgressPrefix = "progress|";
    private const string CatalogYearProperty = "CatalogYear";

    private TableClient Table => tables.Plans;

    public async Task<Versioned<Assessment>?> GetAssessmentAsync(string organizationId, FiscalYear assessmentYear, CancellationToken cancellationToken = default)
    {
        var entity = await Table.GetEntityIfExistsAsync(Partition(organizationId, assessmentYear), AssessmentRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(Assessment.Create(StoredJson.Read<AssessmentDraft>(entity)).Value, EntityWrites.Version(entity.ETag));
    }

    public Task<EntityVersion> PutAssessmentAsync(Assessment assessment, EntityVersion? ifMatch, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition(assessment.OrganizationId, assessment.AssessmentYear), AssessmentRow);
        StoredJson.Write(entity, DomainDrafts.ToDraft(assessment));
        return EntityWrites.PutAsync(Table, entity, ifMatch, cancellationToken);
    }

    public async Task<IReadOnlyList<Versioned<Measure>>> ListMeasuresAsync(string organizationId, FiscalYear year, CancellationToken cancellationToken = default)
    {
        var measures = new List<Versioned<Measure>>();
        await foreach (var entity in Table.QueryAsync(TableFilter.PartitionWithRowKeyPrefix(Partition(organizationId, year), MeasurePrefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            measures.Add(new(MeasureFrom(entity, year), EntityWrites.Version(entity.ETag)));
        }
        // Row keys sort as text; the contract is plan order (ITA first), then number.
        return measures.OrderBy(m => m.Value.Plan).ThenBy(m => m.Value.Number).ToArray();
    }

    public async Task<Versioned<Measure>?> GetMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, CancellationToken cancellationToken = default)
    {
        var entity = await Table.GetEntityIfExistsAsync(Partition(organizationId, year), MeasureRow(key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(MeasureFrom(entity, year), EntityWrites.Version(entity.ETag));
    }

    /// <summary>Also marks both rounds of the year open for the reminder sweep (after the insert, so a sweep never clears it unseen).</summary>
    public async Task<EntityVersion> CreateMeasureAsync(string organizationId, Measure measure, CancellationToken cancellationToken = default)
    {
        var version = await EntityWrites.InsertAsync(Table, ToEntity(organizationId, measure), cancellationToken).ConfigureAwait(false);
        await new TableReminderWorkIndex(tables).MarkOpenAsync(organizationId,
            ReportingRound.All.Select(r => new FiscalYearRound(measure.FiscalYear, r)), cancellationToken).ConfigureAwait(false);
        return version;
    }

    public Task<EntityVersion> ReplaceMeasureAsync(string organizationId, Measure measure, EntityVersion ifMatch, CancellationToken cancellationToken = default) =>
        EntityWrites.ReplaceAsync(Table, ToEntity(organizationId, measure), ifMatch, cancellationToken);

    /// <summary>One entity group transaction: the measure (If-Match) and its progress rows.</summary>
    public async Task DeleteMeasureAsync(string organizationId, FiscalYear year, MeasureKey key, EntityVersion ifMatch, CancellationToken cancellationToken = default)
    {
        string partition = Partition(organizationId, year);
        var etag = new ETag(ifMatch.Value);
        for (int attempt = 1; ; attempt++)
        {
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(partition, MeasureRow(key)), etag) };
            foreach (var round in ReportingRound.All)
            {
                if (await Table.GetEntityIfExistsAsync(partition, ProgressRow(round, key), ["RowKey"], cancellationToken).ConfigureAwait(false) is { } progress)
                {
                    actions.Add(new(TableTransactionActionType.Delete, progress, ETag.All));
                }
            }
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && ex.FailedTransactionActionIndex is null or 0)
            {
                throw new StaleVersionException($"Measure {key} of {partition} changed since version {ifMatch}.", ex);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is null or 0)
            {
                if (attempt > 1)
                {
                    return; // Deleted by our earlier, ambiguous attempt.
                }
                throw new EntityNotFoundException($"Measure {key} of {partition} does not exist.", ex);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && attempt < 3)
            {
                // A progress row vanished between our read and the transaction: read again.
            }
            catch (Exception ex) when (attempt < 3 && EntityWrites.IsAmbiguous(ex, cancellationToken))
            {
                var current = await Table.GetEntityIfExistsAsync(partition, MeasureRow(key), ["RowKey"], cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return;
                }
                if (current.ETag != etag)
                {
                    throw new StaleVersionException($"Measure {key} of {partition} changed since version {ifMatch}.", ex);
                }
            }
        }
    }

    public async Task<IReadOnlyList<Versioned<ProgressRecord>>> ListProgressAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default)
    {
        var records = new List<Versioned<ProgressRecord>>();
        string prefix = ProgressPrefix + round.Round.Code + "|";
        await foreach (var entity in Table.QueryAsync(TableFilter.PartitionWithRowKeyPrefix(Partition(organizationId, round.Year), prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new(StoredJson.Read<StoredProgress>(entity).ToRecord(), EntityWrites.Version(entity.ETag)));
        }
        return records;
    }

    public async Task<Versioned<ProgressRecord>?> GetProgressAsync(string organizationId, FiscalYear year, ReportingRound round, MeasureKey key, CancellationToken cancellationToken = default)
    {
        var entity = await Table.GetEntityIfExistsAsync(Partition(organizationId, year), ProgressRow(round, key), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(StoredJson.Read<StoredProgress>(entity).ToRecord(), EntityWrites.Version(entity.ETag));
    }

    public Task<EntityVersion> PutProgressAsync(string organizationId, FiscalYear year, ProgressRecord record, EntityVersion? ifMatch, CancellationToken cancellationToken = default) =>
        EntityWrites.PutAsync(Table, ProgressEntity(organizationId, year, record), ifMatch, cancellationToken);

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
        StoredJson.Write(entity, DomainDrafts.ToDraft(measure));
        if (measure.Questions.Count > 0)
        {
            entity[CatalogYearProperty] = CatalogFor(measure).AssessmentYear;
        }
        return entity;
    }

    private static Measure MeasureFrom(TableEntity entity, FiscalYear year)
    {
        var catalog = entity.GetInt32(CatalogYearProperty) is { } catalogYear ? QuestionCatalog.ForYear(catalogYear).Value : null;
        return Measure.Create(StoredJson.Read<MeasureDraft>(entity), year, catalog).Value;
    }

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

    /// <summary>The stored form of a <see cref="ProgressRecord"/> (codes instead of domain objects).</summary>
    private sealed record StoredProgress(string Plan, int Number, string Round, ProgressDraft Draft, DateTimeOffset ReportedAt)
    {
        public static StoredProgress From(ProgressRecord r) => new(r.Measure.Plan.Code(), r.Measure.Number, r.Round.Code, r.Draft, r.ReportedAt);

        public ProgressRecord ToRecord() =>
            new(new MeasureKey(PlanNames.ParsePlan(Plan).Value, Number), ReportingRound.FromCode(Round), Draft, ReportedAt);
    }
}
