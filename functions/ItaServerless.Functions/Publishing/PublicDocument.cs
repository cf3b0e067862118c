// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Validation;

namespace ItaServerless.Functions.Publishing;

/// <summary>
/// The name of a published document: organization, fiscal year, kind and (for progress and
/// anti-corruption reports) round. It is the stable public address
/// <c>/api/public/{org}/{fy}/{kind}-{round}.pdf</c> (<c>{kind}.pdf</c> for a whole-year kind) and
/// the blob <c>public/{org}/{fy}/…</c>. Parsing is strict: only the canonical spelling is a name, so
/// no other text (dot segments, encoded slashes, upper case, Thai digits) ever reaches storage.
/// </summary>
public sealed record PublicDocument
{
    private PublicDocument(string organization, FiscalYear year, ReportKind kind, ReportingRound? round)
    {
        Organization = organization;
        Year = year;
        Kind = kind;
        Round = round;
    }

    public string Organization { get; }

    public FiscalYear Year { get; }

    public ReportKind Kind { get; }

    public ReportingRound? Round { get; }

    /// <summary>"progress-6m.pdf", "measures.pdf".</summary>
    public string FileName => Kind.Code() + (Round is null ? "" : "-" + Round.Code) + ".pdf";

    /// <summary>"{org}/{fy}/progress-6m.pdf" in the public container.</summary>
    public string BlobName => $"{Organization}/{YearText}/{FileName}";

    /// <summary>"/api/public/{org}/{fy}/progress-6m.pdf".</summary>
    public string Path => PathOf(Organization) + "/" + YearText + "/" + FileName;

    /// <summary>The document's Thai title (the memo's default subject), e.g. "รายงานผลการดำเนินการตามมาตรการ… รอบ ๖ เดือน".</summary>
    public string TitleTh => Kind.SubjectTh(Year, Round);

    private string YearText => Year.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"/api/public/{org}": the organization's list of published documents.</summary>
    public static string PathOf(string organization) => "/api/public/" + organization;

    public static PublicDocument Of(string organization, FiscalYear year, ReportKind kind, ReportingRound? round)
    {
        if (!Identifier.IsValid(organization)) throw new ArgumentException("Invalid organization id.", nameof(organization));
        if (kind.HasRound() != (round is not null)) throw new ArgumentException($"A {kind.Code()} document {(kind.HasRound() ? "needs" : "has no")} round.", nameof(round));
        return new PublicDocument(organization, year, kind, round);
    }

    /// <summary>Where a report is published (a record's kind and round always name a document).</summary>
    public static PublicDocument? For(ReportRecord record) =>
        new PublicDocument(record.OrganizationId, record.FiscalYear, record.Kind, record.Round);

    /// <summary>The three route segments, exactly as a document's address spells them; null for anything else.</summary>
    public static PublicDocument? TryParse(string? organization, string? fiscalYear, string? file)
    {
        if (!Identifier.IsValid(organization) || fiscalYear is not { Length: 4 } || !fiscalYear.All(char.IsAsciiDigit)) return null;
        if (!FiscalYear.Create(int.Parse(fiscalYear, NumberStyles.None, CultureInfo.InvariantCulture)).TryGetValue(out var year)) return null;
        if (file is not { Length: > 4 } || !file.EndsWith(".pdf", StringComparison.Ordinal)) return null;
        var stem = file[..^4];
        var dash = stem.IndexOf('-', StringComparison.Ordinal);
        var kindCode = dash < 0 ? stem : stem[..dash];
        var roundCode = dash < 0 ? null : stem[(dash + 1)..];
        var kind = Enum.GetValues<ReportKind>().Where(k => k.Code() == kindCode).Cast<ReportKind?>().FirstOrDefault();
        var round = roundCode is null ? null : ReportingRound.All.FirstOrDefault(r => r.Code == roundCode);
        if (kind is null || (roundCode is not null && round is null) || kind.Value.HasRound() != (round is not null)) return null;
        var document = new PublicDocument(organization!, year, kind.Value, round);
        // Canonical spelling only (the checks above already imply it; this keeps it true if they change).
        return document.FileName == file ? document : null;
    }

    /// <summary>A blob name of the public container ("{org}/{fy}/{file}"); null for anything else.</summary>
    public static PublicDocument? TryParseBlobName(string name)
    {
        var parts = name.Split('/');
        return parts.Length == 3 ? TryParse(parts[0], parts[1], parts[2]) : null;
    }
}
