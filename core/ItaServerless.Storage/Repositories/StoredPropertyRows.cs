// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// A token grant stored as properties (Role, UnitId, Name, SecretSha256, CreatedAt, ExpiresAt,
/// RevokedAt), not JSON: the audit state is the properties without the hash.
/// </summary>
internal static class StoredGrant
{
    public static void Write(TableEntity row, AccessGrant g)
    {
        row["Role"] = g.Role.ToString();
        row["UnitId"] = g.UnitId;
        row["Name"] = g.Name;
        row["SecretSha256"] = g.SecretSha256;
        row["CreatedAt"] = g.CreatedAt;
        row["ExpiresAt"] = g.ExpiresAt;
        row["RevokedAt"] = g.RevokedAt;
    }

    public static AccessGrant Read(string organizationId, string tokenId, TableEntity e) => new(
        tokenId,
        organizationId,
        Enum.Parse<AccessRole>(e.GetString("Role") ?? nameof(AccessRole.Reporter)),
        e.GetString("UnitId"),
        e.GetString("Name") ?? "",
        e.GetString("SecretSha256") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        e.GetDateTimeOffset("ExpiresAt"),
        e.GetDateTimeOffset("RevokedAt"));
}

/// <summary>
/// A report record stored as properties (Kind, Round, BlobName, CreatedAt, CreatedBy, PublishedAt,
/// Status, Pages, Bytes, Sha256, RenderedAt, Reason, Attempts, IdempotencyKey).
/// </summary>
internal static class StoredReport
{
    public static void Write(TableEntity row, ReportRecord r)
    {
        row["Kind"] = r.Kind.Code();
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

    public static ReportRecord Read(TableEntity e, string id)
    {
        var record = new ReportRecord(
            TablePlanRepository.OrganizationOf(e.PartitionKey),
            TablePlanRepository.YearOf(e.PartitionKey),
            id,
            ReportKinds.Parse(e.GetString("Kind")).TryGetValue(out var kind) ? kind : throw new FormatException($"unknown Kind \"{e.GetString("Kind")}\""),
            e.GetString("Round") is { } round ? ReportingRound.FromCode(round) : null,
            e.GetString("BlobName") ?? throw new FormatException("no BlobName"),
            e.GetDateTimeOffset("CreatedAt") ?? throw new FormatException("no CreatedAt"),
            e.GetString("CreatedBy"),
            e.GetDateTimeOffset("PublishedAt"))
        {
            IdempotencyKey = e.GetString("IdempotencyKey"),
        };
        // Rows from before rendering was tracked have no Status and read as queued.
        var status = e.GetString("Status") is { } code ? ReportStatuses.FromCode(code) : ReportStatus.Queued;
        var pdf = e.GetString("Sha256") is { } sha
            ? new RenderedPdf(e.GetInt32("Pages") ?? 0, e.GetInt64("Bytes") ?? 0, sha, e.GetDateTimeOffset("RenderedAt") ?? throw new FormatException("no RenderedAt"))
            : null;
        return record.Restore(status, pdf, e.GetString("Reason"), e.GetInt32("Attempts") ?? 0);
    }
}
