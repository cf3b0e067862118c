// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The open-work marks: table "Reminders", partition "~open", RowKey = organization id, one
/// boolean property per open round ("R2569_6m"). <see cref="ListAsync"/> walks the directory
/// partition of "Organizations" (with each organization's due dates) and this partition side by
/// side, both ordered by id: the sweep reads pages, never one row per organization.
/// </summary>
public sealed class TableReminderWorkIndex(StorageTables tables) : IReminderWorkIndex
{
    internal const string OpenPartition = "~open";
    internal const string DueDatesProperty = "DueDates";
    private const int PageSize = 1000;

    public async IAsyncEnumerable<ReminderCandidate> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = tables.Organizations.QueryPartitionAsync(TableOrganizationRepository.DirectoryPartition,
            select: ["RowKey", DueDatesProperty], maxPerPage: PageSize, cancellationToken: cancellationToken);
        await using var open = tables.Reminders.QueryPartitionAsync(OpenPartition, maxPerPage: PageSize, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var hasOpen = await open.MoveNextAsync().ConfigureAwait(false);
        await foreach (var entry in directory.ConfigureAwait(false))
        {
            var id = entry.RowKey;
            while (hasOpen && string.CompareOrdinal(open.Current.RowKey, id) < 0)
            {
                hasOpen = await open.MoveNextAsync().ConfigureAwait(false);
            }

            var mark = hasOpen && open.Current.RowKey == id ? open.Current : null;
            yield return new ReminderCandidate(id, ParseDueDates(entry.GetString(DueDatesProperty)),
                mark is null ? new HashSet<FiscalYearRound>() : OpenRounds(mark),
                mark is null ? null : EntityWrites.Version(mark.ETag));
        }
    }

    // A merge upsert: idempotent, and it keeps the other rounds' marks.
    public Task MarkOpenAsync(string organizationId, IEnumerable<FiscalYearRound> rounds, CancellationToken cancellationToken = default) =>
        tables.Reminders.UpsertEntityAsync(OpenEntity(organizationId, rounds), TableUpdateMode.Merge, cancellationToken);

    public async Task<bool> TrySetOpenRoundsAsync(string organizationId, IReadOnlyCollection<FiscalYearRound> stillOpen, EntityVersion ifMatch,
        CancellationToken cancellationToken = default)
    {
        var entity = OpenEntity(organizationId, stillOpen);
        try
        {
            if (stillOpen.Count == 0)
            {
                await EntityWrites.DeleteAsync(tables.Reminders, OpenPartition, organizationId, ifMatch, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await EntityWrites.ReplaceAsync(tables.Reminders, entity, ifMatch, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (Exception e) when (e is StaleVersionException or EntityNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// The rounds that wait for a report of one of <paramref name="measures"/>: the sweep's own test
    /// (<see cref="MeasureReporting.IsPendingIn"/>), so what is marked open is what the sweep keeps open.
    /// </summary>
    internal static IReadOnlyList<FiscalYearRound> OpenRounds(IEnumerable<MeasureReporting> measures) =>
        measures.SelectMany(m => ReportingRound.All.Select(r => new FiscalYearRound(m.FiscalYear, r)).Where(m.IsPendingIn)).Distinct().ToArray();

    internal static TableEntity OpenEntity(string organizationId, IEnumerable<FiscalYearRound> rounds)
    {
        var entity = new TableEntity(OpenPartition, organizationId);
        foreach (var round in rounds) entity[Property(round)] = true;
        return entity;
    }

    /// <summary>"04-30/10-31": the form kept in the directory row.</summary>
    internal static string FormatDueDates(RoundDueDates dueDates) => dueDates.SixMonths + "/" + dueDates.TwelveMonths;

    private static RoundDueDates? ParseDueDates(string? text)
    {
        var parts = text?.Split('/', '-');
        if (parts is not { Length: 4 }) return null;
        var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        return RoundDueDates.Create(numbers[0], numbers[1], numbers[2], numbers[3]).TryGetValue(out var dueDates) ? dueDates : null;
    }

    private static string Property(FiscalYearRound round) => "R" + round.Year.Year.ToString(CultureInfo.InvariantCulture) + "_" + round.Round.Code;

    private static HashSet<FiscalYearRound> OpenRounds(TableEntity mark)
    {
        var rounds = new HashSet<FiscalYearRound>();
        foreach (var (name, value) in mark)
        {
            var parts = name.Split('_');
            if (value is true && parts.Length == 2 && parts[0].StartsWith('R')
                && int.TryParse(parts[0][1..], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                && FiscalYear.Create(year).TryGetValue(out var fiscalYear)
                && ReportingRound.Parse(parts[1]).TryGetValue(out var round))
            {
                rounds.Add(new FiscalYearRound(fiscalYear, round));
            }
        }

        return rounds;
    }
}
