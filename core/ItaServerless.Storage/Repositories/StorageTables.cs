// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The product's tables (keys documented in docs/storage.md). A prefix lets tests and environments share an account.
/// Token grants live in Organizations and report records in Plans, so their changes share the audit chain of their partition.
/// </summary>
public sealed class StorageTables
{
    public StorageTables(TableServiceClient service, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        Organizations = service.GetTableClient(prefix + "Organizations");
        Plans = service.GetTableClient(prefix + "Plans");
        Reminders = service.GetTableClient(prefix + "Reminders");
        Idempotency = service.GetTableClient(prefix + "Idempotency");
    }

    public TableClient Organizations { get; }
    public TableClient Plans { get; }
    public TableClient Reminders { get; }
    public TableClient Idempotency { get; }

    public IEnumerable<TableClient> All => [Organizations, Plans, Reminders, Idempotency];

    /// <summary>Creates the missing tables (at start-up; cheap when they exist).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in All)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Partition keys join parts with '|' (ids are [a-z0-9-], so the parts never contain it).</summary>
    internal static string Key(params object[] parts) =>
        string.Join('|', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
}
