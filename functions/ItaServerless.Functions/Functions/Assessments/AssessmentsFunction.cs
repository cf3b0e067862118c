// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.UseCases;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItaServerless.Functions.Functions.Assessments;

/// <summary>Last year's ITA result and its analysis: /api/orgs/{org}/assessments/{fy}[/analysis].</summary>
public sealed class AssessmentsFunction : IHttpFunction
{
    public static string FunctionName => "Assessments";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/orgs/{org}/assessments/{fy}").WithTags(FunctionName);
        group.MapGet("", GetAsync).Requires(AccessNeed.Read);
        group.MapPut("", PutAsync).Requires(AccessNeed.Edit);
        group.MapGet("/analysis", AnalysisAsync).Requires(AccessNeed.Read);
    }

    private static async Task<Results<Ok<AssessmentResource>, ApiProblemResult>> GetAsync(string org, string fy, HttpResponse response, IPlanRepository plans,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        response.SetETag(found.Version);
        return TypedResults.Ok(AssessmentResource.From(found.Value));
    }

    private static async Task<Results<Created<AssessmentResource>, Ok<AssessmentResource>, ApiProblemResult>> PutAsync(string org, string fy,
        ApiBody<AssessmentBody> body, HttpContext http, RecordAssessment record, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        DraftReader<AssessmentDraft> read = async c => await body.ReadAsync(c) is { } b
            ? new AssessmentDraft(org, year.Year, b.Total, b.Tools, b.Indicators, b.Questions)
            : null;
        var outcome = await record.ExecuteAsync(org, year, http.Request.Precondition(), read, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(http.Response, saved.Created, $"/api/orgs/{org}/assessments/{year.Year}", AssessmentResource.From(saved.Value), saved.Version);
    }

    private static async Task<Results<Ok<AnalysisResource>, ApiProblemResult>> AnalysisAsync(string org, string fy, HttpResponse response, IPlanRepository plans,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await plans.GetAssessmentAsync(org, year, ct);
        if (found is null) return NotFound(year);
        response.SetETag(found.Version);
        return TypedResults.Ok(AnalysisResource.From(Analysis.Of(found.Value)));
    }

    private static ApiProblemResult NotFound(FiscalYear year) =>
        ApiProblem.NotFound($"The ITA result of {year.Year}", $"ผลการประเมิน ITA ปี {year.Year}").ToResult();
}
