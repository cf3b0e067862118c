// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reminders;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Reminders": PartitionKey = "{organization}|{fiscal year}|{round}", RowKey =
/// "{unit}|{slot}|{channel}", one row per reminder and channel. A claim is an insert, or a
/// replace conditional on the ETag of a failed row or of a claim whose lease ran out; the outcome
/// is a replace conditional on the claim's ETag. So two runs never both hold a live claim.
/// </summary>
public sealed class TableReminderLog(StorageTables tables) : IReminderLog
{
    private const int MaxClaimTries = 3;

    private TableClient Table => tables.Reminders;

    public async Task<ReminderClaim> TryClaimAsync(ReminderKey key, string channel, ReminderSubject subject, DateTimeOffset now, TimeSpan lease,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        if (lease <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lease), "A claim needs a positive lease.");
        var claim = new ReminderDelivery(key, channel, ReminderDeliveryState.Claimed, now, now + lease, 1, null, subject, new EntityVersion("*"));

        // Most claims are for a new key: insert first, read only when it is taken.
        try
        {
            var version = await EntityWrites.InsertAsync(Table, ToEntity(claim), cancellationToken).ConfigureAwait(false);
            return new ReminderClaim(ReminderClaimOutcome.Claimed, claim with { Version = version });
        }
        catch (AlreadyExistsException)
        {
        }

        for (var attempt = 1; ; attempt++)
        {
            var entity = await Table.FindEntityAsync(Partition(key.Organization, key.Round), Row(key, channel), cancellationToken: cancellationToken).ConfigureAwait(false);
            var current = entity is null ? null : FromEntity(key.Organization, key.Round, entity);
            if (current?.State == ReminderDeliveryState.Delivered) return new ReminderClaim(ReminderClaimOutcome.AlreadyDelivered, current);
            if (current is { State: ReminderDeliveryState.Claimed } && current.ClaimedUntil > now) return new ReminderClaim(ReminderClaimOutcome.HeldByAnother, current);
            try
            {
                if (current is null)
                {
                    var inserted = await EntityWrites.InsertAsync(Table, ToEntity(claim), cancellationToken).ConfigureAwait(false);
                    return new ReminderClaim(ReminderClaimOutcome.Claimed, claim with { Version = inserted });
                }

                // A failed row, or a claim abandoned by a run that stopped: take it over.
                var retry = claim with { Attempts = current.Attempts + 1 };
                var version = await EntityWrites.ReplaceAsync(Table, ToEntity(retry), current.Version, cancellationToken).ConfigureAwait(false);
                return new ReminderClaim(ReminderClaimOutcome.Claimed, retry with { Version = version });
            }
            catch (Exception e) when (e is AlreadyExistsException or StaleVersionException or EntityNotFoundException && attempt < MaxClaimTries)
            {
                // Another run moved first: look again.
            }
            catch (Exception e) when (e is AlreadyExistsException or StaleVersionException or EntityNotFoundException)
            {
                return new ReminderClaim(ReminderClaimOutcome.HeldByAnother, current);
            }
        }
    }

    public async Task<bool> CompleteAsync(ReminderDelivery claim, bool delivered, string? detail, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.State != ReminderDeliveryState.Claimed) throw new ArgumentException("Only a claim can be completed.", nameof(claim));
        var outcome = claim with
        {
            State = delivered ? ReminderDeliveryState.Delivered : ReminderDeliveryState.Failed,
            UpdatedAt = now,
            ClaimedUntil = null,
            Detail = detail,
        };
        try
        {
            await EntityWrites.ReplaceAsync(Table, ToEntity(outcome), claim.Version, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is StaleVersionException or EntityNotFoundException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<ReminderDelivery>> ListAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default)
    {
        var entries = new List<ReminderDelivery>();
        await foreach (var entity in Table.QueryPartitionAsync(Partition(organizationId, round), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (TryFromEntity(organizationId, entity) is { } entry) entries.Add(entry);
        }

        return entries;
    }

    public async Task<IReadOnlyList<ReminderDelivery>> ListAllAsync(string organizationId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        // Partitions "{org}|…": '|' follows every id character and '}' follows '|'.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {organizationId + "|"} and PartitionKey lt {organizationId + "}"}");
        var entries = new List<ReminderDelivery>();
        await foreach (var entity in Table.QueryEntitiesAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (TryFromEntity(organizationId, entity) is { } entry) entries.Add(entry);
        }

        return entries.OrderByDescending(e => e.UpdatedAt).ThenBy(e => e.Key.FullValue, StringComparer.Ordinal)
            .ThenBy(e => e.Channel, StringComparer.Ordinal).Take(limit).ToArray();
    }

    private static string Partition(string organizationId, FiscalYearRound round) => StorageTables.Key(organizationId, round.Year.Year, round.Round.Code);

    private static string Row(ReminderKey key, string channel) => StorageTables.Key(key.UnitId, key.Slot, channel);

    private static TableEntity ToEntity(ReminderDelivery d)
    {
        var entity = new TableEntity(Partition(d.Key.Organization, d.Key.Round), Row(d.Key, d.Channel))
        {
            ["State"] = StateCode(d.State),
            ["UpdatedAt"] = d.UpdatedAt,
            ["ClaimedUntil"] = d.ClaimedUntil,
            ["Attempts"] = d.Attempts,
            ["Detail"] = d.Detail is { Length: > 1000 } text ? text[..1000] : d.Detail,
            ["DueDate"] = d.Subject.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["MeasureCount"] = d.Subject.MeasureCount,
        };
        StoredJson.Write(entity, d.Subject.Recipients);
        return entity;
    }

    private static ReminderDelivery? TryFromEntity(string organizationId, TableEntity entity)
    {
        // PartitionKey "{org}|{fy}|{round}"; anything else in the table is not a delivery.
        var parts = entity.PartitionKey.Split('|');
        if (parts.Length != 3 || parts[0] != organizationId
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !FiscalYear.Create(year).TryGetValue(out var fiscalYear)
            || !ReportingRound.Parse(parts[2]).TryGetValue(out var round))
        {
            return null;
        }

        return FromEntity(organizationId, new FiscalYearRound(fiscalYear, round), entity);
    }

    private static ReminderDelivery? FromEntity(string organizationId, FiscalYearRound round, TableEntity e)
    {
        var row = e.RowKey.Split('|');
        if (row.Length != 3 || !ReminderSlot.TryParse(row[1], out var slot) || ParseState(e.GetString("State")) is not { } state) return null;
        var key = ReminderKey.TryParse(organizationId, string.Join('|', round.Year.Year, round.Round.Code, row[0], slot));
        if (key is null) return null;
        var due = DateOnly.ParseExact(e.GetString("DueDate") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var subject = new ReminderSubject(due, StoredJson.Read<string[]>(e), e.GetInt32("MeasureCount") ?? 0);
        return new ReminderDelivery(key, row[2], state, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("ClaimedUntil"),
            e.GetInt32("Attempts") ?? 1, e.GetString("Detail"), subject, EntityWrites.Version(e.ETag));
    }

    private static string StateCode(ReminderDeliveryState state) => state switch
    {
        ReminderDeliveryState.Claimed => "claimed",
        ReminderDeliveryState.Delivered => "delivered",
        _ => "failed",
    };

    private static ReminderDeliveryState? ParseState(string? code) => code switch
    {
        "claimed" => ReminderDeliveryState.Claimed,
        "delivered" => ReminderDeliveryState.Delivered,
        "failed" => ReminderDeliveryState.Failed,
        _ => null,
    };
}
