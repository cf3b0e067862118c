// SPDX-License-Identifier: MIT
using System.ComponentModel;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.UseCases;
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Assessments;

/// <summary>Last year's ITA result and its analysis: /api/orgs/{org}/assessments/{fy}[/analysis].</summary>
[Description("Last year's ITA result of an organization and its analysis (ผลการประเมิน ITA และการวิเคราะห์).")]
public sealed class AssessmentsFunction(IPlanRepository plans, RecordAssessment record)
{
    private const string Route = "api/orgs/{org}/assessments/{fy}";

    [Function("GetAssessment"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<AssessmentResource>, ApiProblemResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string org, string fy, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(AssessmentResource.From(found.Value));
    }

    [Function("PutAssessment"), Requires(AccessNeed.Edit)]
    public async Task<Results<Created<AssessmentResource>, Ok<AssessmentResource>, ApiProblemResult>> PutAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string org, string fy, ApiBody<AssessmentBody> body,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        DraftReader<AssessmentDraft> read = async c => await body.ReadAsync(c) is { } b
            ? new AssessmentDraft(org, year.Year, b.Total, b.Tools, b.Indicators, b.Questions)
            : null;
        var outcome = await record.ExecuteAsync(org, year, request.Precondition(), read, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(request.HttpContext.Response, saved.Created, $"/api/orgs/{org}/assessments/{year.Year}", AssessmentResource.From(saved.Value), saved.Version);
    }

    [Function("GetAnalysis"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<AnalysisResource>, ApiProblemResult>> AnalysisAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route + "/analysis")] HttpRequest request, string org, string fy, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(AnalysisResource.From(Analysis.Of(found.Value)));
    }

    private static ApiProblemResult NotFound(FiscalYear year) =>
        ApiProblem.NotFound($"The ITA result of {year.Year}", $"ผลการประเมิน ITA ปี {year.Year}").ToResult();
}
