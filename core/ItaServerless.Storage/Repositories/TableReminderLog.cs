// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reminders;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Reminders": PartitionKey = "{organization}|{fiscal year}|{round}", RowKey = "{unit}|{slot}".
/// Recording is an insert: the key can be taken once, so two timer runs never both send.
/// </summary>
public sealed class TableReminderLog(StorageTables tables) : IReminderLog
{
    private TableClient Table => tables.Reminders;

    public async Task<bool> TryRecordAsync(ReminderLogEntry entry, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition(entry.Key.Organization, entry.Key.Round), Row(entry.Key.UnitId, entry.Key.Slot))
        {
            ["SentAt"] = entry.SentAt,
            ["Channel"] = entry.Channel,
        };
        StoredJson.Write(entity, entry.Recipients);
        try
        {
            await EntityWrites.InsertAsync(Table, entity, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AlreadyExistsException)
        {
            return false;
        }
    }

    public async Task<ReminderLogEntry?> FindAsync(ReminderKey key, CancellationToken cancellationToken = default)
    {
        var entity = await Table.GetEntityIfExistsAsync(Partition(key.Organization, key.Round), Row(key.UnitId, key.Slot), cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(key, entity);
    }

    public async Task<IReadOnlyList<ReminderLogEntry>> ListAsync(string organizationId, FiscalYearRound round, CancellationToken cancellationToken = default)
    {
        var entries = new List<ReminderLogEntry>();
        await foreach (var entity in Table.QueryPartitionAsync(Partition(organizationId, round), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            int bar = entity.RowKey.LastIndexOf('|');
            if (bar > 0 && ReminderSlot.TryParse(entity.RowKey[(bar + 1)..], out var slot))
            {
                entries.Add(FromEntity(new ReminderKey(organizationId, round, entity.RowKey[..bar], slot), entity));
            }
        }
        return entries.OrderBy(e => e.SentAt).ToList();
    }

    private static string Partition(string organizationId, FiscalYearRound round) => StorageTables.Key(organizationId, round.Year.Year, round.Round.Code);

    private static string Row(string unitId, ReminderSlot slot) => unitId + "|" + slot;

    private static ReminderLogEntry FromEntity(ReminderKey key, TableEntity e) =>
        new(key, e.GetDateTimeOffset("SentAt")!.Value, e.GetString("Channel") ?? "", StoredJson.Read<string[]>(e));
}
