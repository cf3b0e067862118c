// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Storage.Repositories;

/// <summary>How each kind of <see cref="EntityKinds"/> is stored in its row and rebuilt from it.</summary>
internal static class StoredShapes
{
    private const string CatalogYearProperty = "CatalogYear";

    public static void WriteOrganization(TableEntity row, Organization organization) => StoredJson.Write(row, organization.ToDraft());

    public static Organization ReadOrganization(TableEntity row) => Valid(Organization.Create(StoredJson.Read<OrganizationDraft>(row)), row);

    public static void WriteUnit(TableEntity row, Unit unit) => StoredJson.Write(row, unit.ToDraft());

    public static Unit ReadUnit(string organizationId, string id, TableEntity row) => Valid(Unit.Create(organizationId, id, StoredJson.Read<UnitDraft>(row)), row);

    public static void WriteOfficial(TableEntity row, Official official) => StoredJson.Write(row, official.ToDraft());

    public static Official ReadOfficial(string organizationId, string id, TableEntity row) =>
        Valid(Official.Create(organizationId, id, StoredJson.Read<OfficialDraft>(row)), row);

    public static void WriteGrant(TableEntity row, AccessGrant g)
    {
        row["Role"] = g.Role.ToString();
        row["UnitId"] = g.UnitId;
        row["Name"] = g.Name;
        row["SecretSha256"] = g.SecretSha256;
        row["CreatedAt"] = g.CreatedAt;
        row["ExpiresAt"] = g.ExpiresAt;
        row["RevokedAt"] = g.RevokedAt;
    }

    public static AccessGrant ReadGrant(string organizationId, string tokenId, TableEntity e) => new(
        tokenId,
        organizationId,
        Enum.Parse<AccessRole>(e.GetString("Role") ?? nameof(AccessRole.Reporter)),
        e.GetString("UnitId"),
        e.GetString("Name") ?? "",
        e.GetString("SecretSha256") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetDateTimeOffset("RevokedAt"));

    public static void WriteAssessment(TableEntity row, Assessment assessment) => StoredJson.Write(row, assessment.ToDraft());

    public static Assessment ReadAssessment(TableEntity row) => Valid(Assessment.Create(StoredJson.Read<AssessmentDraft>(row)), row);

    public static void WriteMeasure(TableEntity row, Measure measure)
    {
        StoredJson.Write(row, measure.ToDraft());
        if (measure.Questions.Count > 0)
        {
            row[CatalogYearProperty] = CatalogFor(measure).AssessmentYear;
        }
    }

    public static Measure ReadMeasure(TableEntity row)
    {
        var catalog = row.GetInt32(CatalogYearProperty) is { } catalogYear ? QuestionCatalog.ForYear(catalogYear).Value : null;
        return Valid(Measure.Create(StoredJson.Read<MeasureDraft>(row), TablePlanRepository.YearOf(row.PartitionKey), catalog), row);
    }

    public static void WriteProgress(TableEntity row, ProgressRecord record) => StoredJson.Write(row, StoredProgress.From(record));

    public static ProgressRecord ReadProgress(TableEntity row) => StoredJson.Read<StoredProgress>(row).ToRecord(TablePlanRepository.YearOf(row.PartitionKey));

    public static void WriteReport(TableEntity row, ReportRecord r)
    {
        row["Kind"] = r.Kind;
        row["Round"] = r.Round?.Code;
        row["BlobName"] = r.BlobName;
        row["CreatedAt"] = r.CreatedAt;
        row["CreatedBy"] = r.CreatedBy;
        row["PublishedAt"] = r.PublishedAt;
        row["Status"] = r.Status.Code();
        row["Pages"] = r.Pdf?.Pages;
        row["Bytes"] = r.Pdf?.Bytes;
        row["Sha256"] = r.Pdf?.Sha256;
        row["RenderedAt"] = r.Pdf?.RenderedAt;
        row["Reason"] = r.Reason;
        row["Attempts"] = r.Attempts;
        row["IdempotencyKey"] = r.IdempotencyKey;
    }

    public static ReportRecord ReadReport(TableEntity e, string id)
    {
        var record = new ReportRecord(
            TablePlanRepository.OrganizationOf(e.PartitionKey),
            TablePlanRepository.YearOf(e.PartitionKey),
            id,
            e.GetString("Kind")!,
            e.GetString("Round") is { } round ? ReportingRound.FromCode(round) : null,
            e.GetString("BlobName")!,
            e.GetDateTimeOffset("CreatedAt")!.Value,
            e.GetString("CreatedBy"),
            e.GetDateTimeOffset("PublishedAt"))
        {
            IdempotencyKey = e.GetString("IdempotencyKey"),
        };
        // Rows from before rendering was tracked have no Status and read as queued.
        var status = e.GetString("Status") is { } code ? ReportStatuses.FromCode(code) : ReportStatus.Queued;
        var pdf = e.GetString("Sha256") is { } sha
            ? new RenderedPdf(e.GetInt32("Pages") ?? 0, e.GetInt64("Bytes") ?? 0, sha, e.GetDateTimeOffset("RenderedAt")!.Value)
            : null;
        return record.Restore(status, pdf, e.GetString("Reason"), e.GetInt32("Attempts") ?? 0);
    }

    /// <summary>A stored row that today's rules refuse is a data or code defect (500, logged), not the caller's bad input (400).</summary>
    private static T Valid<T>(Core.Validation.Validated<T> rebuilt, TableEntity row) => rebuilt.IsValid
        ? rebuilt.Value
        : throw new StoredDataException($"Stored {row.PartitionKey}/{row.RowKey} no longer passes validation: " +
            string.Join("; ", rebuilt.Errors.Select(e => $"{e.Field} {e.Code}")));

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
}
