// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The registry of audited rows: every entity kind (its name in the audit trail, its row key, how
/// it is stored and read back) and the table that holds it with the rows derived there. A kind is
/// written only through the <see cref="AuditedTable"/> of its table, which writes the audit record
/// and maintains the derived rows in the same transaction: storing a new entity is one entry here.
/// The names are in every stored audit record: they never change.
/// </summary>
internal static class EntityKinds
{
    // Table "Organizations", partition "{organization}".

    public static readonly EntityKind<Organization, string> Organization = EntityKind.Single<Organization, string>(
        "organization", "org", o => o.Id, id => id, StoredOrganization.Write, (row, _) => StoredOrganization.Read(row));

    public static readonly EntityKind<Unit, string> Unit = EntityKind.Prefixed<Unit, string>(
        "unit", "unit|", u => u.Id, id => id, id => id, StoredUnit.Write, (row, id) => StoredUnit.Read(row.PartitionKey, id, row));

    public static readonly EntityKind<Official, string> Official = EntityKind.Prefixed<Official, string>(
        "official", "official|", o => o.Id, id => id, id => id, StoredOfficial.Write, (row, id) => StoredOfficial.Read(row.PartitionKey, id, row));

    /// <summary>Token grants: properties, not JSON (the hash is left out of the audit state).</summary>
    public static readonly EntityKind<AccessGrant, string> Token = EntityKind.Prefixed<AccessGrant, string>(
        "token", "token|", g => g.TokenId, id => id, id => id, StoredGrant.Write, (row, id) => StoredGrant.Read(row.PartitionKey, id, row));

    // Table "Plans", partition "{organization}|{fiscal year}".

    public static readonly EntityKind<Assessment, FiscalYear> Assessment = EntityKind.Single<Assessment, FiscalYear>(
        "assessment", "assessment", a => a.AssessmentYear, year => year.Year.ToString(CultureInfo.InvariantCulture),
        StoredAssessment.Write, (row, _) => StoredAssessment.Read(row));

    public static readonly EntityKind<Measure, MeasureKey> Measure = EntityKind.Prefixed<Measure, MeasureKey>(
        "measure", "measure|", m => m.Key, KeyPart, key => key.ToString(), StoredMeasure.Write, (row, _) => StoredMeasure.Read(row));

    /// <summary>Key: the round and the measure; id "ita-3/6m".</summary>
    public static readonly EntityKind<ProgressRecord, (ReportingRound Round, MeasureKey Measure)> Progress =
        EntityKind.Prefixed<ProgressRecord, (ReportingRound Round, MeasureKey Measure)>(
            "progress", "progress|", p => (p.Round, p.Measure), k => k.Round.Code + "|" + KeyPart(k.Measure), k => k.Measure + "/" + k.Round.Code,
            StoredProgress.Write, (row, _) => StoredProgress.Read(row));

    /// <summary>Report records: properties, not JSON.</summary>
    public static readonly EntityKind<ReportRecord, string> Report = EntityKind.Prefixed<ReportRecord, string>(
        "report", "report|", r => r.Id, id => id, id => id, StoredReport.Write, (row, id) => StoredReport.Read(row, id));

    public static readonly AuditedTableSchema Organizations = new(t => t.Organizations, [Organization, Unit, Official, Token]);

    /// <summary>"~reporting" is derived from the measures and progress rows of every plan partition.</summary>
    public static readonly AuditedTableSchema Plans = new(t => t.Plans, [Assessment, Measure, Progress, Report], [PlanReportingProjection.Instance]);

    /// <summary>Every schema, for the audit trail's verification and the registry's tests.</summary>
    public static IReadOnlyList<AuditedTableSchema> Tables => [Organizations, Plans];

    /// <summary>"ita|0003": sorts like the plan order within a plan.</summary>
    private static string KeyPart(MeasureKey key) => key.Plan.Code() + "|" + key.Number.ToString("D4", CultureInfo.InvariantCulture);
}
