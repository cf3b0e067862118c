// SPDX-License-Identifier: MIT
using System.ComponentModel;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Measures;

/// <summary>
/// A fiscal year's measures, their progress per round and the round summary:
/// /api/orgs/{org}/years/{fy}/measures[/{id}[/progress/{round}]], …/rounds/{round}/summary.
/// Each function reads the request, calls one use case or query, and maps the result.
/// </summary>
[Description("Measures of a fiscal year and each division's progress on them (มาตรการและการรายงานผล).")]
public sealed class MeasuresFunction(IPlanRepository plans, CreateMeasure create, ReplaceMeasure replace, DeleteMeasure delete, ReportProgress report,
    RoundSummaryQuery query)
{
    private const string Year = "api/orgs/{org}/years/{fy}";

    [Function("ListMeasures"), Requires(AccessNeed.Read), QueryParameter("plan", "Only the measures of this plan (a plan code of /api/domain).")]
    public async Task<Ok<ItemList<MeasureResource>>> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Year + "/measures")] HttpRequest request, string org, string fy, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var only = ParsePlan(request.Query["plan"]);
        var measures = await plans.ListMeasuresAsync(org, year, ct);
        return TypedResults.Ok(ItemList.Of(measures.Where(m => only is null || m.Value.Plan == only).Select(MeasureResource.From)));
    }

    [Function("GetMeasure"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<MeasureResource>, ApiProblemResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Year + "/measures/{id}")] HttpRequest request, string org, string fy, string id,
        CancellationToken ct)
    {
        var found = await plans.FindMeasureAsync(org, FiscalYear.Parse(fy, "fy").Value, id, ct);
        if (found is null) return MeasureLookup.MeasureNotFound.ToProblem();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(MeasureResource.From(found));
    }

    [Function("CreateMeasure"), Requires(AccessNeed.Edit)]
    public async Task<Results<Created<MeasureResource>, ApiProblemResult>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Year + "/measures")] HttpRequest request, string org, string fy,
        ApiBody<MeasureDraft> body, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await create.ExecuteAsync(org, year, draft, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        request.HttpContext.Response.SetETag(outcome.Value.Version);
        var resource = MeasureResource.From(outcome.Value);
        return TypedResults.Created($"/api/orgs/{org}/years/{year.Year}/measures/{resource.Id}", resource);
    }

    [Function("ReplaceMeasure"), Requires(AccessNeed.Edit)]
    public async Task<Results<Ok<MeasureResource>, ApiProblemResult>> ReplaceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Year + "/measures/{id}")] HttpRequest request, string org, string fy, string id,
        ApiBody<MeasureDraft> body, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var outcome = await replace.ExecuteAsync(org, year, id, request.Precondition(), body.Read, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        request.HttpContext.Response.SetETag(outcome.Value.Version);
        return TypedResults.Ok(MeasureResource.From(outcome.Value));
    }

    [Function("DeleteMeasure"), Requires(AccessNeed.Edit)]
    public async Task<Results<NoContent, ApiProblemResult>> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Year + "/measures/{id}")] HttpRequest request, string org, string fy, string id,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var outcome = await delete.ExecuteAsync(org, year, id, request.Precondition(), request.HttpContext.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    [Function("GetProgress"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<ProgressResource>, ApiProblemResult>> GetProgressAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Year + "/measures/{id}/progress/{round}")] HttpRequest request,
        string org, string fy, string id, string round, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var measure = await plans.FindMeasureAsync(org, year, id, ct);
        if (measure is null) return MeasureLookup.MeasureNotFound.ToProblem();
        var found = await plans.GetProgressAsync(org, year, reportingRound, measure.Value.Key, ct);
        if (found is null) return MeasureLookup.ProgressNotFound.ToProblem();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(ProgressResource.From(found));
    }

    [Function("PutProgress"), Requires(AccessNeed.Read)]
    public async Task<Results<Created<ProgressResource>, Ok<ProgressResource>, ApiProblemResult>> PutProgressAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Year + "/measures/{id}/progress/{round}")] HttpRequest request,
        string org, string fy, string id, string round, ApiBody<ProgressDraft> body, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var outcome = await report.ExecuteAsync(org, year, id, reportingRound, request.HttpContext.Caller(), request.Precondition(), body.Read, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(request.HttpContext.Response, saved.Created, $"/api/orgs/{org}/years/{year.Year}/measures/{id}/progress/{reportingRound.Code}",
            ProgressResource.From(saved), saved.Version);
    }

    [Function("ListRoundProgress"), Requires(AccessNeed.Read)]
    public async Task<Ok<ItemList<ProgressResource>>> ListProgressAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Year + "/rounds/{round}/progress")] HttpRequest request, string org, string fy, string round,
        CancellationToken ct)
    {
        var progress = await query.ExecuteAsync(org, Round(fy, round), cancellationToken: ct);
        return TypedResults.Ok(ItemList.Of(progress.Reports.Select(ProgressResource.From)));
    }

    [Function("GetRoundSummary"), Requires(AccessNeed.Read), QueryParameter("plan", "Only the measures of this plan (a plan code of /api/domain).")]
    public async Task<Ok<RoundSummaryResource>> SummaryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Year + "/rounds/{round}/summary")] HttpRequest request, string org, string fy, string round,
        CancellationToken ct)
    {
        var only = ParsePlan(request.Query["plan"]);
        var progress = await query.ExecuteAsync(org, Round(fy, round), only, ct);
        return TypedResults.Ok(RoundSummaryResource.From(progress.Summary));
    }

    /// <summary>The ?plan= filter; a bad one is a 400 from ApiMiddleware.</summary>
    private static Plan? ParsePlan(string? plan) => plan is null ? null : PlanNames.ParsePlan(plan, "plan").Value;

    private static FiscalYearRound Round(string fy, string round) =>
        new(FiscalYear.Parse(fy, "fy").Value, ReportingRound.Parse(round, "round").Value);
}
