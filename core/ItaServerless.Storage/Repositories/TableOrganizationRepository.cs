// SPDX-License-Identifier: MIT
using System.Runtime.CompilerServices;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Table "Organizations": PartitionKey = organization id; RowKey "org", "unit|{id}", "official|{id}"
/// (kinds of <see cref="EntityKinds.Organizations"/>). One partition holds everything of one
/// organization. The directory of all organizations is the partition "~directory" (RowKey = id),
/// kept by upsert after each organization write. Every write goes through the table's
/// <see cref="AuditedTable"/>, so its audit record joins the organization's chain in the same transaction.
/// </summary>
public sealed class TableOrganizationRepository(StorageTables tables, TimeProvider? clock = null) : IOrganizationRepository
{
    internal const string DirectoryPartition = "~directory";
    private const string AutoPublishProperty = "AutoPublish";

    private readonly AuditedTable _organizations = new(tables, EntityKinds.Organizations, clock);

    private TableClient Table => _organizations.Client;

    public async Task<EntityVersion> CreateAsync(Organization organization, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var version = await _organizations.PutAsync(EntityKinds.Organization, organization.Id, organization, null, actor, cancellationToken).ConfigureAwait(false);
        await UpsertDirectoryAsync(organization, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public Task<Versioned<Organization>?> GetAsync(string organizationId, CancellationToken cancellationToken = default) =>
        _organizations.GetAsync(EntityKinds.Organization, organizationId, organizationId, cancellationToken);

    public async Task<EntityVersion> UpdateAsync(Organization organization, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var version = await _organizations.PutAsync(EntityKinds.Organization, organization.Id, organization, ifMatch, actor, cancellationToken).ConfigureAwait(false);
        await UpsertDirectoryAsync(organization, cancellationToken).ConfigureAwait(false);
        return version;
    }

    public async Task<OrganizationProfile?> GetProfileAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        Versioned<Organization>? organization = null;
        var units = new List<Versioned<Unit>>();
        var officials = new List<Versioned<Official>>();
        // Everything but the audit trail ("~audit|…" sorts last).
        await foreach (var entity in Table.QueryPartitionAsync(organizationId, TableClient.CreateQueryFilter($"RowKey lt {AuditRows.AuditPrefix}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var version = EntityWrites.Version(entity.ETag);
            if (EntityKinds.Organization.Owns(entity.RowKey))
            {
                organization = new(EntityKinds.Organization.FromRow(entity), version);
            }
            else if (EntityKinds.Unit.Owns(entity.RowKey))
            {
                units.Add(new(EntityKinds.Unit.FromRow(entity), version));
            }
            else if (EntityKinds.Official.Owns(entity.RowKey))
            {
                officials.Add(new(EntityKinds.Official.FromRow(entity), version));
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

    public async Task<IReadOnlyList<Versioned<Unit>>> ListUnitsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        await _organizations.ListAsync(EntityKinds.Unit, organizationId, cancellationToken).ConfigureAwait(false);

    public Task<Versioned<Unit>?> GetUnitAsync(string organizationId, string unitId, CancellationToken cancellationToken = default) =>
        _organizations.GetAsync(EntityKinds.Unit, organizationId, unitId, cancellationToken);

    public Task<EntityVersion> PutUnitAsync(Unit unit, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _organizations.PutAsync(EntityKinds.Unit, unit.OrganizationId, unit, ifMatch, actor, cancellationToken);

    public Task DeleteUnitAsync(string organizationId, string unitId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _organizations.SubmitAsync([EntityKinds.Unit.Delete(organizationId, unitId, ifMatch)], actor, cancellationToken);

    public async Task<IReadOnlyList<Versioned<Official>>> ListOfficialsAsync(string organizationId, CancellationToken cancellationToken = default) =>
        SortOfficials(await _organizations.ListAsync(EntityKinds.Official, organizationId, cancellationToken).ConfigureAwait(false));

    public Task<Versioned<Official>?> GetOfficialAsync(string organizationId, string officialId, CancellationToken cancellationToken = default) =>
        _organizations.GetAsync(EntityKinds.Official, organizationId, officialId, cancellationToken);

    public Task<EntityVersion> PutOfficialAsync(Official official, EntityVersion? ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _organizations.PutAsync(EntityKinds.Official, official.OrganizationId, official, ifMatch, actor, cancellationToken);

    public Task DeleteOfficialAsync(string organizationId, string officialId, EntityVersion ifMatch, AuditActor actor, CancellationToken cancellationToken = default) =>
        _organizations.SubmitAsync([EntityKinds.Official.Delete(organizationId, officialId, ifMatch)], actor, cancellationToken);

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
}
