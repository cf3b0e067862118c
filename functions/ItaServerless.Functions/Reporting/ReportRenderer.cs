// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Documents;
using ItaServerless.Reports.Fonts;

namespace ItaServerless.Functions.Reporting;

/// <summary>The report font, from configuration section <c>Reports:Fonts</c> (Laksaman by default); loaded when first used.</summary>
public sealed class ReportFonts(IConfiguration configuration)
{
    public ThaiFontFamily Family => ThaiFontResolver.Register(
        configuration.GetSection("Reports:Fonts").Get<ThaiFontOptions>() ?? ThaiFontOptions.Laksaman);
}

/// <summary>
/// Loads what a requested document shows (the round documents through <see cref="RoundSummaryQuery"/>,
/// so their totals are the API's), builds the document's input records and renders the PDF with
/// ItaServerless.Reports. Missing data is a <see cref="ReportDataMissingException"/>.
/// </summary>
public sealed class ReportRenderer(IOrganizationRepository organizations, IPlanRepository plans, RoundSummaryQuery rounds, ReportFonts fonts)
{
    public async Task<byte[]> RenderAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var profile = await organizations.GetProfileAsync(request.Organization, cancellationToken)
            ?? throw new ReportDataMissingException($"ไม่พบหน่วยงาน {request.Organization}", $"organization {request.Organization} not found");
        return request.Kind switch
        {
            ReportKind.Measures => await MeasuresAsync(request, profile, cancellationToken),
            ReportKind.Progress => await ProgressAsync(request, profile, cancellationToken),
            ReportKind.AntiCorruption => await AntiCorruptionAsync(request, profile, cancellationToken),
            _ => await AnalysisAsync(profile, request.Year, cancellationToken),
        };
    }

    private async Task<byte[]> MeasuresAsync(ReportRequest request, OrganizationProfile profile, CancellationToken ct)
    {
        var year = request.Year;
        var assessment = await RequireAssessmentAsync(profile, year.Previous, ct);
        var measures = Require((await plans.ListMeasuresAsync(profile.Organization.Value.Id, year, ct)).Select(v => v.Value).Where(m => m.Plan == Plan.Ita).ToList(),
            year, Plan.Ita);
        var approver = Signers.Require(profile, OfficialRole.Executive);
        var organization = profile.Organization.Value;
        var data = new MeasuresDocumentData(
            organization.Name, organization.District ?? "", organization.Province ?? "", year,
            ItaResult.From(Analysis.Of(assessment)),
            measures.Select(m => new MeasurePlanRow(m.Number, m.Title, m.Indicators.Select(i => i.Number).ToList(), m.Method,
                Responsible(profile, m), ThaiFormat.Period(m.Period), m.FollowUp ?? "")).ToList(),
            Signer.Of(approver), request.Memo.Date);
        return MeasuresDocument.Render(data, fonts.Family);
    }

    private async Task<byte[]> ProgressAsync(ReportRequest request, OrganizationProfile profile, CancellationToken ct)
    {
        var round = await LoadRoundAsync(profile, request, Plan.Ita, ct);
        var drafter = Signers.Require(profile, OfficialRole.Drafter);
        var rows = round.Measures.Select(m =>
        {
            var p = round.ReportOf(m.Key);
            return new MeasureProgressRow(m.Number, m.Title, m.Method, Responsible(profile, m), ThaiFormat.Period(m.Period),
                ProgressStatuses.Of(p), p?.Result ?? p?.Reason ?? "", p?.Outcome ?? "", p?.Recommendation ?? "", m.Budget, p?.Disbursed ?? default);
        }).ToList();
        var data = new ProgressReportData(profile.Organization.Value.Name, request.Year, request.Round!, Header(request, profile),
            Signer.Of(drafter), Signers.Chain(profile, withExecutive: true).Select(Endorsement.Of).ToList(), rows, round.Summary);
        return ProgressReport.Render(data, fonts.Family);
    }

    private async Task<byte[]> AntiCorruptionAsync(ReportRequest request, OrganizationProfile profile, CancellationToken ct)
    {
        var round = await LoadRoundAsync(profile, request, Plan.AntiCorruption, ct);
        var drafter = Signers.Require(profile, OfficialRole.Drafter);
        var executive = Signers.Require(profile, OfficialRole.Executive);
        var reports = round.Measures.Select(m => round.ReportOf(m.Key)).OfType<Progress>().ToList();
        var projects = round.Measures.Select(m =>
        {
            var p = round.ReportOf(m.Key);
            return new AntiCorruptionProject(m.Number, m.Title, m.Dimension ?? 1, m.Budget, p?.Disbursed ?? default,
                ProgressStatuses.Of(p), m.Method, p?.Result ?? "") { Note = p?.Reason ?? "" };
        }).ToList();
        var organization = profile.Organization.Value;
        var drafterSigner = Signer.Of(drafter);
        var data = new AntiCorruptionReportData(organization.Name, organization.District ?? "", organization.Province ?? "", request.Year, request.Round!,
            Header(request, profile), drafterSigner, Signers.Chain(profile, withExecutive: false).Select(Endorsement.Of).ToList(), Endorsement.Of(executive),
            request.Memo.Date, projects, round.Summary,
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

    /// <summary>The round of the request with the measures of <paramref name="plan"/>; a plan without measures has nothing to report.</summary>
    private async Task<RoundProgress> LoadRoundAsync(OrganizationProfile profile, ReportRequest request, Plan plan, CancellationToken ct)
    {
        var round = await rounds.ExecuteAsync(profile.Organization.Value.Id, new FiscalYearRound(request.Year, request.Round!), plan, ct);
        Require(round.Measures, request.Year, plan);
        return round;
    }

    private static IReadOnlyList<Measure> Require(IReadOnlyList<Measure> measures, FiscalYear year, Plan plan) =>
        measures.Count > 0
            ? measures
            : throw new ReportDataMissingException($"ยังไม่มีรายการ{plan.NameTh()} ปีงบประมาณ {year.Year}", $"no {plan.NameEn().ToLowerInvariant()} recorded for {year.Year}");

    /// <summary>The memo header: the organization is the ส่วนราชการ.</summary>
    private static MemoHeader Header(ReportRequest request, OrganizationProfile profile) =>
        new(profile.Organization.Value.Name, request.Memo.Number, request.Memo.Date, request.Memo.Subject, request.Memo.To);

    /// <summary>The responsible units by name ("สำนักปลัด กองคลัง"), or ทุกส่วนราชการ.</summary>
    private static string Responsible(OrganizationProfile profile, Measure measure)
    {
        if (measure.Responsible.IsEveryDivision) return ThaiFormat.EveryDivision;
        var names = profile.Units.ToDictionary(u => u.Value.Id, u => u.Value.Name);
        return string.Join(" ", measure.Responsible.UnitIds.Select(id => names.GetValueOrDefault(id, id)));
    }
}
