// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Documents;
using ItaServerless.Reports.Fonts;

namespace ItaServerless.Functions.Reporting;

/// <summary>
/// Data a document needs is missing (no ITA result, no measures, no signer): the request fails at
/// once with this reason, because trying again cannot help until someone records the data.
/// </summary>
public sealed class ReportDataMissingException(string reasonTh, string reasonEn) : Exception(reasonEn)
{
    /// <summary>"ยังไม่มีผลการประเมิน ITA ปี 2568 / no ITA result for 2568".</summary>
    public string Reason { get; } = $"{reasonTh} / {reasonEn}";
}

/// <summary>The report font, from configuration section <c>Reports:Fonts</c> (Laksaman by default); loaded when first used.</summary>
public sealed class ReportFonts(IConfiguration configuration)
{
    public ThaiFontFamily Family => ThaiFontResolver.Register(
        configuration.GetSection("Reports:Fonts").Get<ThaiFontOptions>() ?? ThaiFontOptions.Laksaman);
}

/// <summary>Who signs, from the organization's officials (ordered by their <see cref="Official.Order"/>).</summary>
public static class Signers
{
    public static Official? First(IEnumerable<Versioned<Official>> officials, OfficialRole role) =>
        officials.Select(o => o.Value).Where(o => o.Role == role).OrderBy(o => o.Order).FirstOrDefault();

    /// <summary>A position may span lines ("รองปลัด… รักษาราชการแทน\nปลัด…").</summary>
    public static string[] Lines(string position) => position.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static Signer ToSigner(Official official) => new(official.Name, Lines(official.Position));

    public static Official Require(OrganizationProfile profile, OfficialRole role) =>
        First(profile.Officials, role) ?? throw new ReportDataMissingException(
            $"ยังไม่ได้บันทึกผู้ลงนามตำแหน่ง{role.NameTh()} ({role.Code()}) ของหน่วยงาน",
            $"no official with role {role.Code()} to sign the document");

    /// <summary>The comments after the drafter: division heads, then the permanent secretary, then the executive's order.</summary>
    public static IReadOnlyList<Endorsement> Chain(OrganizationProfile profile, bool withExecutive) =>
        profile.Officials.Select(o => o.Value)
            .Where(o => o.Role is OfficialRole.DivisionHead or OfficialRole.PermanentSecretary || (withExecutive && o.Role == OfficialRole.Executive))
            .OrderBy(o => o.Role).ThenBy(o => o.Order)
            .Select(Endorse)
            .ToList();

    public static Endorsement Endorse(Official official) => new(
        (official.Role == OfficialRole.Executive ? "คำสั่ง" : "ความเห็น") + Lines(official.Position)[0], "", ToSigner(official));
}

/// <summary>
/// Loads what a requested document shows from the repositories, builds the document's input
/// records and renders the PDF with ItaServerless.Reports.
/// </summary>
public sealed class ReportRenderer(IOrganizationRepository organizations, IPlanRepository plans, ReportFonts fonts)
{
    public async Task<byte[]> RenderAsync(ReportRequestDocument request, CancellationToken cancellationToken)
    {
        var profile = await organizations.GetProfileAsync(request.Organization, cancellationToken)
            ?? throw new ReportDataMissingException($"ไม่พบหน่วยงาน {request.Organization}", $"organization {request.Organization} not found");
        var year = request.Year;
        return request.KindValue switch
        {
            ReportKind.Measures => await MeasuresAsync(request, profile, year, cancellationToken),
            ReportKind.Progress => await ProgressAsync(request, profile, year, request.RoundValue!, cancellationToken),
            ReportKind.AntiCorruption => await AntiCorruptionAsync(request, profile, year, request.RoundValue!, cancellationToken),
            _ => await AnalysisAsync(profile, year, cancellationToken),
        };
    }

    private async Task<byte[]> MeasuresAsync(ReportRequestDocument request, OrganizationProfile profile, FiscalYear year, CancellationToken ct)
    {
        var assessment = await RequireAssessmentAsync(profile, year.Previous, ct);
        var measures = await RequireMeasuresAsync(profile, year, Plan.Ita, ct);
        var approver = Signers.Require(profile, OfficialRole.Executive);
        var organization = profile.Organization.Value;
        var data = new MeasuresDocumentData(
            organization.Name, organization.District ?? "", organization.Province ?? "", year,
            ItaResult.From(Analysis.Of(assessment)),
            measures.Select(m => new MeasurePlanRow(m.Number, m.Title, m.Indicators.Select(i => i.Number).ToList(), m.Method,
                Responsible(profile, m), ThaiFormat.Period(m.Period), m.FollowUp ?? "")).ToList(),
            Signers.ToSigner(approver), request.Memo.Date);
        return MeasuresDocument.Render(data, fonts.Family);
    }

    private async Task<byte[]> ProgressAsync(ReportRequestDocument request, OrganizationProfile profile, FiscalYear year, ReportingRound round, CancellationToken ct)
    {
        var (measures, progress, summary) = await LoadRoundAsync(profile, year, round, Plan.Ita, ct);
        var drafter = Signers.Require(profile, OfficialRole.Drafter);
        var rows = measures.Select(m =>
        {
            var p = progress.GetValueOrDefault(m.Key);
            return new MeasureProgressRow(m.Number, m.Title, m.Method, Responsible(profile, m), ThaiFormat.Period(m.Period),
                ProgressStatuses.Of(p), p?.Result ?? p?.Reason ?? "", p?.Outcome ?? "", p?.Recommendation ?? "", m.Budget, p?.Disbursed ?? default);
        }).ToList();
        var data = new ProgressReportData(profile.Organization.Value.Name, year, round, Header(request, profile),
            Signers.ToSigner(drafter), Signers.Chain(profile, withExecutive: true), rows, summary);
        return ProgressReport.Render(data, fonts.Family);
    }

    private async Task<byte[]> AntiCorruptionAsync(ReportRequestDocument request, OrganizationProfile profile, FiscalYear year, ReportingRound round, CancellationToken ct)
    {
        var (measures, progress, summary) = await LoadRoundAsync(profile, year, round, Plan.AntiCorruption, ct);
        var drafter = Signers.Require(profile, OfficialRole.Drafter);
        var executive = Signers.Require(profile, OfficialRole.Executive);
        var reports = measures.Select(m => progress.GetValueOrDefault(m.Key)).OfType<Progress>().ToList();
        var projects = measures.Select(m =>
        {
            var p = progress.GetValueOrDefault(m.Key);
            return new AntiCorruptionProject(m.Number, m.Title, m.Dimension ?? 1, m.Budget, p?.Disbursed ?? default,
                ProgressStatuses.Of(p), m.Method, p?.Result ?? "") { Note = p?.Reason ?? "" };
        }).ToList();
        var organization = profile.Organization.Value;
        var drafterSigner = Signers.ToSigner(drafter);
        var data = new AntiCorruptionReportData(organization.Name, organization.District ?? "", organization.Province ?? "", year, round,
            Header(request, profile), drafterSigner, Signers.Chain(profile, withExecutive: false), Signers.Endorse(executive),
            request.Memo.Date, projects, summary,
            new ReporterLine(drafter.Name, drafterSigner.Positions.FirstOrDefault() ?? ""), request.Memo.Date)
        {
            Problems = reports.Select(p => p.Problems).OfType<string>().Distinct().ToList(),
            Recommendations = reports.Select(p => p.Recommendation).OfType<string>().Distinct().ToList(),
        };
        return AntiCorruptionReport.Render(data, fonts.Family);
    }

    /// <summary>The analysis of the ITA result of <paramref name="assessmentYear"/>, with the next year's ITA measures as the development plan.</summary>
    private async Task<byte[]> AnalysisAsync(OrganizationProfile profile, FiscalYear assessmentYear, CancellationToken ct)
    {
        var assessment = await RequireAssessmentAsync(profile, assessmentYear, ct);
        var result = ItaResult.From(Analysis.Of(assessment));
        var next = await plans.ListMeasuresAsync(profile.Organization.Value.Id, assessmentYear.Next, ct);
        var plan = next.Select(v => v.Value).Where(m => m.Plan == Plan.Ita && m.Indicators.Count > 0)
            .Select(m => new DevelopmentPlanRow(m.Indicators[0].Number, m.Title, m.FollowUp ?? "", m.Method, ThaiFormat.Period(m.Period), Responsible(profile, m)))
            .ToList();
        var organization = profile.Organization.Value;
        var data = new AnalysisReportData(organization.Name, PlaceNames.Location(organization.District, organization.Province),
            assessmentYear, result.Total, result.Tools, result.Indicators, plan);
        return AnalysisReport.Render(data, fonts.Family);
    }

    private async Task<Assessment> RequireAssessmentAsync(OrganizationProfile profile, FiscalYear assessmentYear, CancellationToken ct) =>
        (await plans.GetAssessmentAsync(profile.Organization.Value.Id, assessmentYear, ct))?.Value
        ?? throw new ReportDataMissingException($"ยังไม่มีผลการประเมิน ITA ปี {assessmentYear.Year}", $"no ITA result for {assessmentYear.Year}");

    private async Task<IReadOnlyList<Measure>> RequireMeasuresAsync(OrganizationProfile profile, FiscalYear year, Plan plan, CancellationToken ct)
    {
        var measures = (await plans.ListMeasuresAsync(profile.Organization.Value.Id, year, ct)).Select(v => v.Value).Where(m => m.Plan == plan).ToList();
        return measures.Count > 0
            ? measures
            : throw new ReportDataMissingException($"ยังไม่มีรายการ{plan.NameTh()} ปีงบประมาณ {year.Year}", $"no {plan.NameEn().ToLowerInvariant()} recorded for {year.Year}");
    }

    private async Task<(IReadOnlyList<Measure> Measures, IReadOnlyDictionary<MeasureKey, Progress> Progress, RoundSummary Summary)> LoadRoundAsync(
        OrganizationProfile profile, FiscalYear year, ReportingRound round, Plan plan, CancellationToken ct)
    {
        var measures = await RequireMeasuresAsync(profile, year, plan, ct);
        var fiscalRound = new FiscalYearRound(year, round);
        var byKey = measures.ToDictionary(m => m.Key);
        var progress = (await plans.ListProgressAsync(profile.Organization.Value.Id, fiscalRound, ct))
            .Where(r => byKey.ContainsKey(r.Value.Measure))
            .Select(r => r.Value.Progress)
            .ToDictionary(p => p.Measure);
        return (measures, progress, RoundSummary.Of(fiscalRound, measures, progress.Values));
    }

    /// <summary>The memo header: the organization is the ส่วนราชการ.</summary>
    private static MemoHeader Header(ReportRequestDocument request, OrganizationProfile profile) =>
        new(profile.Organization.Value.Name, request.Memo.Number, request.Memo.Date, request.Memo.Subject, request.Memo.To);

    /// <summary>The responsible units by name ("สำนักปลัด กองคลัง"), or ทุกส่วนราชการ.</summary>
    private static string Responsible(OrganizationProfile profile, Measure measure)
    {
        if (measure.Responsible.IsEveryDivision) return ThaiFormat.EveryDivision;
        var names = profile.Units.ToDictionary(u => u.Value.Id, u => u.Value.Name);
        return string.Join(" ", measure.Responsible.UnitIds.Select(id => names.GetValueOrDefault(id, id)));
    }
}
