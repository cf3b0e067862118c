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
/// transactions: the same rows the repositories write, through the same <see cref="AuditedTable"/>s
/// (audit records with actor "system:import", the plan partitions' "~reporting" row), as many
/// rows per request as a transaction takes, one request per organization partition, per plan
/// partition and per 100 directory or open-work rows. Progress belongs to the measures' fiscal year
/// (one year per organization import keeps this exact). Create-only for the organizations' own
/// rows: an existing one fails its transaction.
/// </summary>
public sealed class TableBulkImport(StorageTables tables, TimeProvider? clock = null)
{
    private const int MaxBatch = 100;
    private static readonly AuditActor Importer = AuditActor.System("import");
    private readonly AuditedTable _organizations = new(tables, EntityKinds.Organizations, clock);
    private readonly AuditedTable _plans = new(tables, EntityKinds.Plans, clock);

    public async Task ImportAsync(IReadOnlyList<OrganizationImport> organizations, int parallelism = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organizations);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        var open = new System.Collections.Concurrent.ConcurrentBag<TableEntity>();
        await Parallel.ForEachAsync(organizations, options, async (import, ct) =>
        {
            var org = import.Organization;
            var own = new List<AuditedChange> { EntityKinds.Organization.Create(org.Id, org) };
            own.AddRange(import.Units.Select(u => EntityKinds.Unit.Create(org.Id, u)));
            own.AddRange(import.Officials.Select(o => EntityKinds.Official.Create(org.Id, o)));
            await SubmitAuditedAsync(_organizations, own, ct).ConfigureAwait(false);

            var rounds = new List<FiscalYearRound>();
            foreach (var year in import.Measures.GroupBy(m => m.FiscalYear))
            {
                string partition = TablePlanRepository.Partition(org.Id, year.Key);
                var rows = year.Select(m => EntityKinds.Measure.Create(partition, m)).ToList();
                var keys = year.Select(m => m.Key).ToHashSet();
                rows.AddRange(import.Progress.Where(p => keys.Contains(p.Measure)).Select(p => EntityKinds.Progress.Create(partition, p)));
                await SubmitAuditedAsync(_plans, rows, ct).ConfigureAwait(false);
                // What the sweep will read of the year: the rows just written, as "~reporting" summarizes them.
                var reporting = PlanReportingProjection.Measures(PlanReportingProjection.Instance.Build(rows.Select(r => r.Row)), year.Key);
                rounds.AddRange(TableReminderWorkIndex.OpenRounds(reporting));
            }
            if (rounds.Count > 0) open.Add(TableReminderWorkIndex.OpenEntity(org.Id, rounds));
        }).ConfigureAwait(false);

        var directory = organizations.Select(o => TableOrganizationRepository.DirectoryEntity(o.Organization)).ToList();
        await Parallel.ForEachAsync(directory.Chunk(MaxBatch), options, (chunk, ct) =>
            new ValueTask(SubmitAsync(tables.Organizations, chunk, TableTransactionActionType.UpsertReplace, ct))).ConfigureAwait(false);
        await Parallel.ForEachAsync(open.Chunk(MaxBatch), options, (chunk, ct) =>
            new ValueTask(SubmitAsync(tables.Reminders, chunk, TableTransactionActionType.UpsertMerge, ct))).ConfigureAwait(false);
    }

    /// <summary>One partition, chunk after chunk (each chunk chains onto the previous one's records).</summary>
    private static async Task SubmitAuditedAsync(AuditedTable table, List<AuditedChange> changes, CancellationToken ct)
    {
        foreach (var chunk in changes.Chunk(table.Schema.MaxChangesPerWrite))
        {
            await table.SubmitAsync(chunk, Importer, ct).ConfigureAwait(false);
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
