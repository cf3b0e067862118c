// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Organizations;
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.Assessments;

/// <summary>Last year's ITA result and its analysis: /api/orgs/{org}/assessments/{fy}[/analysis].</summary>
public sealed class AssessmentsFunction : IHttpFunction
{
    public static string FunctionName => "Assessments";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orgs/{org}/assessments/{fy}").WithTags(FunctionName);
        group.MapGet("", GetAsync).Requires(AccessNeed.Read).Produces<AssessmentResource>();
        group.MapPut("", PutAsync).Requires(AccessNeed.Edit).Accepts<AssessmentBody>("application/json").Produces<AssessmentResource>();
        group.MapGet("/analysis", AnalysisAsync).Requires(AccessNeed.Read).Produces<AnalysisResource>();
    }

    private static async Task<IResult> GetAsync(string org, string fy, HttpResponse response, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        response.SetETag(found.Version);
        return Results.Ok(AssessmentResource.From(found.Value));
    }

    private static async Task<IResult> PutAsync(string org, string fy, HttpRequest request, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var existing = await plans.GetAssessmentAsync(org, year, ct);
        var (ifMatch, problem) = existing is null ? (null, Preconditions.ForMissing(request)) : Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<AssessmentBody>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var b = body.Value!;
        var assessment = Assessment.Create(new AssessmentDraft(org, year.Year, b.Total, b.Tools, b.Indicators, b.Questions)).Value;
        var version = await plans.PutAssessmentAsync(assessment, ifMatch, request.HttpContext.Caller().Actor, ct);
        return OrganizationsFunction.Written(request, existing is null, $"/api/orgs/{org}/assessments/{year.Year}",
            AssessmentResource.From(assessment), version);
    }

    private static async Task<IResult> AnalysisAsync(string org, string fy, HttpResponse response, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        response.SetETag(found.Version);
        return Results.Ok(AnalysisResource.From(Analysis.Of(found.Value)));
    }

    private static IResult NotFound(FiscalYear year) =>
        ApiProblem.NotFound($"The ITA result of {year.Year}", $"ผลการประเมิน ITA ปี {year.Year}").ToResult();
}
