// SPDX-License-Identifier: MIT
using ItaServerless.Core.Audit;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>One organization with its units, officials, measures and progress, for <see cref="TableBulkImport"/>.</summary>
public sealed record OrganizationImport(
    Organization Organization,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Official> Officials,
    IReadOnlyList<Measure> Measures,
    IReadOnlyList<ProgressRecord> Progress);

/// <summary>
/// Loads many organizations at once (onboarding a province, benchmarks) with entity group
/// transactions: the same rows the repositories write, 100 per request, one request per
/// organization partition, per plan partition and per 100 directory or open-work rows. Progress
/// belongs to the measures' fiscal year (one year per organization import keeps this exact).
/// Create-only for the organizations' own rows: an existing one fails its transaction. The
/// organization and plan rows are audited like any write (actor "system:import", 49 rows and their
/// 49 records per transaction, plus a plan partition's "~reporting" row).
/// </summary>
public sealed class TableBulkImport(StorageTables tables, TimeProvider? clock = null)
{
    private const int MaxBatch = 100;
    // Each change and its record, plus the plan partition's projection row.
    private const int MaxAuditedBatch = (MaxBatch - 1) / 2;
    private static readonly AuditActor Importer = AuditActor.System("import");
    private readonly AuditedWriter _audit = new(clock ?? TimeProvider.System);

    public async Task ImportAsync(IReadOnlyList<OrganizationImport> organizations, int parallelism = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(organizations, options, async (import, ct) =>
        {
            var org = import.Organization;
            var own = new List<AuditedChange> { Created(TableOrganizationRepository.ToEntity(org), "organization", org.Id) };
            own.AddRange(import.Units.Select(u => Created(TableOrganizationRepository.UnitEntity(u), "unit", u.Id)));
            own.AddRange(import.Officials.Select(o => Created(TableOrganizationRepository.OfficialEntity(o), "official", o.Id)));
            await SubmitAuditedAsync(tables.Organizations, own, null, ct).ConfigureAwait(false);

            foreach (var year in import.Measures.GroupBy(m => m.FiscalYear))
            {
                var rows = year.Select(m => Created(TablePlanRepository.ToEntity(org.Id, m), "measure", m.Key.ToString())).ToList();
                var keys = year.Select(m => m.Key).ToHashSet();
                rows.AddRange(import.Progress.Where(p => keys.Contains(p.Measure))
                    .Select(p => Created(TablePlanRepository.ProgressEntity(org.Id, year.Key, p), "progress", TablePlanRepository.ProgressId(p.Round, p.Measure))));
                await SubmitAuditedAsync(tables.Plans, rows, PlanReportingProjection.Instance, ct).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);

        var directory = organizations.Select(o => TableOrganizationRepository.DirectoryEntity(o.Organization)).ToList();
        // A round is open while one of its year's measures has no report in it (what the sweep would find).
        var open = organizations.Select(o => (o.Organization.Id, Rounds: o.Measures.Select(m => m.FiscalYear).Distinct()
                .SelectMany(y => ReportingRound.All.Select(r => new FiscalYearRound(y, r)))
                .Where(round => o.Measures.Any(m => m.FiscalYear == round.Year && !o.Progress.Any(p => p.Round == round.Round && p.Measure == m.Key)))
                .ToArray()))
            .Where(o => o.Rounds.Length > 0)
            .Select(o => TableReminderWorkIndex.OpenEntity(o.Id, o.Rounds))
            .ToList();
        await Parallel.ForEachAsync(directory.Chunk(MaxBatch), options, (chunk, ct) =>
            new ValueTask(SubmitAsync(tables.Organizations, chunk, TableTransactionActionType.UpsertReplace, ct))).ConfigureAwait(false);
        await Parallel.ForEachAsync(open.Chunk(MaxBatch), options, (chunk, ct) =>
            new ValueTask(SubmitAsync(tables.Reminders, chunk, TableTransactionActionType.UpsertMerge, ct))).ConfigureAwait(false);
    }

    private static AuditedChange Created(TableEntity row, string entityType, string entityId) =>
        new(TableTransactionActionType.Add, row, null, entityType, entityId, AuditActions.Create);

    /// <summary>One partition, chunk after chunk (each chunk chains onto the previous one's records).</summary>
    private async Task SubmitAuditedAsync(TableClient table, List<AuditedChange> changes, PartitionProjection? projection, CancellationToken ct)
    {
        foreach (var chunk in changes.Chunk(MaxAuditedBatch))
        {
            await _audit.SubmitAsync(table, chunk, Importer, ct, projection).ConfigureAwait(false);
        }
    }

    private static async Task SubmitAsync(TableClient table, IReadOnlyList<TableEntity> rows, TableTransactionActionType action, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            await table.SubmitInOnePartitionAsync(chunk.Select(e => new TableTransactionAction(action, e)).ToList(), ct).ConfigureAwait(false);
        }
    }
}
