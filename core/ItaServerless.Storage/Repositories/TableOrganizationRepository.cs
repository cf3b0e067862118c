// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Organizations": PartitionKey = organization id; RowKey "org", "unit|{id}", "official|{id}".
/// One partition holds everything of one organization. The directory of all organizations is
/// the partition "~directory" (RowKey = id), kept by upsert after each organization write.
/// Every write appends its audit record to the organization's chain (rows "~audit|…", see
/// <see cref="AuditedWriter"/>) in the same transaction.
/// </summary>
public sealed class TableOrganizationRepository(StorageTables tables, TimeProvider? clock = null) : IOrganizationRepository
{
    internal const string DirectoryPartition = "~directory";
    private const string OrgRow = "org";
    private const string UnitPrefix = "unit|";
    private const string OfficialPrefix = "official|";
    private const string AutoPublishProperty = "AutoPublish";

    private readonly AuditedWriter _audit = new(clock ?? TimeProvider.System);

    private TableClient Table => tables.Organizations;

    public async Task<EntityVersion> CreateAsync(Organization organization, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var version = await WriteAsync(TableTransactionActionType.Add, ToEntity(organization), null, "organization", organization.Id, AuditActions.Create, actor, cancellationToken).ConfigureAwait(false);
        await UpsertDirectoryAsync(organization, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var entity = await Table.FindEntityAsync(organizationId, OrgRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(FromEntity(entity), EntityWrites.Version(entity.ETag));
    }

    public async Task<EntityVersion> UpdateAsync(Organization organization, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var version = await WriteAsync(TableTransactionActionType.UpdateReplace, ToEntity(organization), ifMatch, "organization", organization.Id, AuditActions.Update, actor, cancellationToken).ConfigureAwait(false);
        await UpsertDirectoryAsync(organization, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async Task<OrganizationProfile?> GetProfileAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        Versioned<Organization>? organization = null;
        var units = new List<Versioned<Unit>>();
        var officials = new List<Versioned<Official>>();
        // Everything but the audit trail ("~audit|…" sorts last).
        await foreach (var entity in Table.QueryPartitionAsync(organizationId, TableClient.CreateQueryFilter($"RowKey lt {AuditedWriter.AuditPrefix}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var version = EntityWrites.Version(entity.ETag);
            if (entity.RowKey == OrgRow)
            {
                organization = new(FromEntity(entity), version);
            }
            else if (entity.RowKey.StartsWith(UnitPrefix, StringComparison.Ordinal))
            {
                units.Add(new(UnitFrom(organizationId, entity), version));
            }
            else if (entity.RowKey.StartsWith(OfficialPrefix, StringComparison.Ordinal))
            {
                officials.Add(new(OfficialFrom(organizationId, entity), version));
            }
        }
        return organization is null ? null : new OrganizationProfile(organization, units, SortOfficials(officials));
    }

    public async IAsyncEnumerable<OrganizationSummary> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var entity in Table.QueryPartitionAsync(DirectoryPartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return new OrganizationSummary(
                entity.RowKey,
                entity.GetString("Name") ?? "",
                OrganizationKinds.Parse(entity.GetString("Kind")).Value,
                entity.GetString("Province"),
                entity.GetBoolean(AutoPublishProperty));
        }
    }

    public Task<IReadOnlyList<Versioned<Unit>>> ListUnitsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        ListChildrenAsync(organizationId, UnitPrefix, UnitFrom, cancellationToken);

    public Task<Versioned<Unit>?> GetUnitAsync(string organizationId, string unitId, CancellationToken cancellationToken = default) =>
        GetChildAsync(organizationId, UnitPrefix + unitId, UnitFrom, cancellationToken);

    public Task<EntityVersion> PutUnitAsync(Unit unit, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(UnitEntity(unit), ifMatch, "unit", unit.Id, actor, cancellationToken);

    internal static TableEntity UnitEntity(Unit unit)
    {
        var entity = new TableEntity(unit.OrganizationId, UnitPrefix + unit.Id);
        StoredJson.Write(entity, unit.ToDraft());
        return entity;
    }

    public Task DeleteUnitAsync(string organizationId, string unitId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(TableTransactionActionType.Delete, new TableEntity(organizationId, UnitPrefix + unitId), ifMatch, "unit", unitId, AuditActions.Delete, actor, cancellationToken);

    public async Task<IReadOnlyList<Versioned<Official>>> ListOfficialsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        SortOfficials([.. await ListChildrenAsync(organizationId, OfficialPrefix, OfficialFrom, cancellationToken).ConfigureAwait(false)]);

    public Task<Versioned<Official>?> GetOfficialAsync(string organizationId, string officialId, CancellationToken cancellationToken = default) =>
        GetChildAsync(organizationId, OfficialPrefix + officialId, OfficialFrom, cancellationToken);

    public Task<EntityVersion> PutOfficialAsync(Official official, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        PutAsync(OfficialEntity(official), ifMatch, "official", official.Id, actor, cancellationToken);

    internal static TableEntity OfficialEntity(Official official)
    {
        var entity = new TableEntity(official.OrganizationId, OfficialPrefix + official.Id);
        StoredJson.Write(entity, official.ToDraft());
        return entity;
    }

    public Task DeleteOfficialAsync(string organizationId, string officialId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        WriteAsync(TableTransactionActionType.Delete, new TableEntity(organizationId, OfficialPrefix + officialId), ifMatch, "official", officialId, AuditActions.Delete, actor, cancellationToken);

    /// <summary>The rows of one kind (units, officials) in the organization's partition, one query.</summary>
    private async Task<IReadOnlyList<Versioned<T>>> ListChildrenAsync<T>(string organizationId, string prefix,
        Func<string, TableEntity, T> read, CancellationToken cancellationToken)
    {
        var items = new List<Versioned<T>>();
        await foreach (var entity in Table.QueryEntitiesAsync(TableClientExtensions.PartitionWithRowKeyPrefix(organizationId, prefix), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            items.Add(new(read(organizationId, entity), EntityWrites.Version(entity.ETag)));
        }
        return items;
    }

    private async Task<Versioned<T>?> GetChildAsync<T>(string organizationId, string rowKey,
        Func<string, TableEntity, T> read, CancellationToken cancellationToken) where T : class
    {
        var entity = await Table.FindEntityAsync(organizationId, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entity is null ? null : new(read(organizationId, entity), EntityWrites.Version(entity.ETag));
    }

    /// <summary>Create-only without <paramref name="ifMatch"/>, else a conditional replace; audited either way.</summary>
    private Task<EntityVersion> PutAsync(TableEntity row, EntityVersion? ifMatch, string entityType, string entityId, AuditActor actor, CancellationToken cancellationToken) =>
        ifMatch is null
            ? WriteAsync(TableTransactionActionType.Add, row, null, entityType, entityId, AuditActions.Create, actor, cancellationToken)
            : WriteAsync(TableTransactionActionType.UpdateReplace, row, ifMatch, entityType, entityId, AuditActions.Update, actor, cancellationToken);

    private async Task<EntityVersion> WriteAsync(TableTransactionActionType type, TableEntity row, EntityVersion? ifMatch, string entityType, string entityId,
        string action, AuditActor actor, CancellationToken cancellationToken)
    {
        var versions = await _audit.SubmitAsync(Table, [new AuditedChange(type, row, ifMatch, entityType, entityId, action)], actor, cancellationToken).ConfigureAwait(false);
        return versions[0] ?? default;
    }

    private static List<Versioned<Official>> SortOfficials(List<Versioned<Official>> officials) =>
        officials.OrderBy(o => o.Value.Order).ThenBy(o => o.Value.Id, StringComparer.Ordinal).ToList();

    private Task UpsertDirectoryAsync(Organization organization, CancellationToken cancellationToken) =>
        // Idempotent: a failure here is repaired by the next save of the organization.
        Table.UpsertEntityAsync(DirectoryEntity(organization), TableUpdateMode.Replace, cancellationToken);

    internal static TableEntity DirectoryEntity(Organization organization) =>
        new(DirectoryPartition, organization.Id)
        {
            ["Name"] = organization.Name,
            ["Kind"] = organization.Kind.Code(),
            ["Province"] = organization.Province,
            // The reminder sweep decides from the directory alone which organizations have a round to remind.
            [TableReminderWorkIndex.DueDatesProperty] = TableReminderWorkIndex.FormatDueDates(organization.DueDates),
            // The publishing timer skips organizations without auto-publishing from the directory alone.
            [AutoPublishProperty] = organization.AutoPublish,
        };

    internal static TableEntity ToEntity(Organization organization)
    {
        var entity = new TableEntity(organization.Id, OrgRow);
        StoredJson.Write(entity, organization.ToDraft());
        return entity;
    }

    private static Organization FromEntity(TableEntity entity) =>
        Organization.Create(StoredJson.Read<OrganizationDraft>(entity)).Value;

    private static Unit UnitFrom(string organizationId, TableEntity entity) =>
        Unit.Create(organizationId, entity.RowKey[UnitPrefix.Length..], StoredJson.Read<UnitDraft>(entity)).Value;

    private static Official OfficialFrom(string organizationId, TableEntity entity) =>
        Official.Create(organizationId, entity.RowKey[OfficialPrefix.Length..], StoredJson.Read<OfficialDraft>(entity)).Value;
}
