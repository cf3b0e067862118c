// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItaServerless.Functions.Functions.Measures;

/// <summary>
/// A fiscal year's measures, their progress per round and the round summary:
/// /api/orgs/{org}/years/{fy}/measures[/{id}[/progress/{round}]], …/rounds/{round}/summary.
/// Each handler reads the request, calls one use case or query, and maps the result.
/// </summary>
public sealed class MeasuresFunction : IHttpFunction
{
    public static string FunctionName => "Measures";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var year = routes.MapGroup("/api/orgs/{org}/years/{fy}").WithTags(FunctionName);
        year.MapGet("/measures", ListAsync).Requires(AccessNeed.Read);
        year.MapPost("/measures", CreateAsync).Requires(AccessNeed.Edit);
        year.MapGet("/measures/{id}", GetAsync).Requires(AccessNeed.Read);
        year.MapPut("/measures/{id}", ReplaceAsync).Requires(AccessNeed.Edit);
        year.MapDelete("/measures/{id}", DeleteAsync).Requires(AccessNeed.Edit);

        year.MapGet("/measures/{id}/progress/{round}", GetProgressAsync).Requires(AccessNeed.Read);
        year.MapPut("/measures/{id}/progress/{round}", PutProgressAsync).Requires(AccessNeed.Read);
        year.MapGet("/rounds/{round}/progress", ListProgressAsync).Requires(AccessNeed.Read);
        year.MapGet("/rounds/{round}/summary", SummaryAsync).Requires(AccessNeed.Read);
    }

    private static async Task<Ok<ItemList<MeasureResource>>> ListAsync(string org, string fy, string? plan, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var only = ParsePlan(plan);
        var measures = await plans.ListMeasuresAsync(org, year, ct);
        return TypedResults.Ok(ItemList.Of(measures.Where(m => only is null || m.Value.Plan == only).Select(MeasureResource.From)));
    }

    private static async Task<Results<Ok<MeasureResource>, ApiProblemResult>> GetAsync(string org, string fy, string id, HttpResponse response,
        IPlanRepository plans, CancellationToken ct)
    {
        var found = await plans.FindMeasureAsync(org, FiscalYear.Parse(fy, "fy").Value, id, ct);
        if (found is null) return MeasureLookup.MeasureNotFound.ToProblem();
        response.SetETag(found.Version);
        return TypedResults.Ok(MeasureResource.From(found));
    }

    private static async Task<Results<Created<MeasureResource>, ApiProblemResult>> CreateAsync(string org, string fy, ApiBody<MeasureDraft> body,
        HttpContext http, CreateMeasure create, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await create.ExecuteAsync(org, year, draft, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        http.Response.SetETag(outcome.Value.Version);
        var resource = MeasureResource.From(outcome.Value);
        return TypedResults.Created($"/api/orgs/{org}/years/{year.Year}/measures/{resource.Id}", resource);
    }

    private static async Task<Results<Ok<MeasureResource>, ApiProblemResult>> ReplaceAsync(string org, string fy, string id, ApiBody<MeasureDraft> body,
        HttpContext http, ReplaceMeasure replace, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var outcome = await replace.ExecuteAsync(org, year, id, http.Request.Precondition(), body.Read, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        http.Response.SetETag(outcome.Value.Version);
        return TypedResults.Ok(MeasureResource.From(outcome.Value));
    }

    private static async Task<Results<NoContent, ApiProblemResult>> DeleteAsync(string org, string fy, string id, HttpContext http, DeleteMeasure delete,
        CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var outcome = await delete.ExecuteAsync(org, year, id, http.Request.Precondition(), http.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    private static async Task<Results<Ok<ProgressResource>, ApiProblemResult>> GetProgressAsync(string org, string fy, string id, string round,
        HttpResponse response, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var measure = await plans.FindMeasureAsync(org, year, id, ct);
        if (measure is null) return MeasureLookup.MeasureNotFound.ToProblem();
        var found = await plans.GetProgressAsync(org, year, reportingRound, measure.Value.Key, ct);
        if (found is null) return MeasureLookup.ProgressNotFound.ToProblem();
        response.SetETag(found.Version);
        return TypedResults.Ok(ProgressResource.From(found));
    }

    private static async Task<Results<Created<ProgressResource>, Ok<ProgressResource>, ApiProblemResult>> PutProgressAsync(string org, string fy, string id,
        string round, ApiBody<ProgressDraft> body, HttpContext http, ReportProgress report, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var outcome = await report.ExecuteAsync(org, year, id, reportingRound, http.Caller(), http.Request.Precondition(), body.Read, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(http.Response, saved.Created, $"/api/orgs/{org}/years/{year.Year}/measures/{id}/progress/{reportingRound.Code}",
            ProgressResource.From(saved), saved.Version);
    }

    private static async Task<Ok<ItemList<ProgressResource>>> ListProgressAsync(string org, string fy, string round, RoundSummaryQuery query, CancellationToken ct)
    {
        var progress = await query.ExecuteAsync(org, Round(fy, round), cancellationToken: ct);
        return TypedResults.Ok(ItemList.Of(progress.Reports.Select(ProgressResource.From)));
    }

    private static async Task<Ok<RoundSummaryResource>> SummaryAsync(string org, string fy, string round, string? plan, RoundSummaryQuery query,
        CancellationToken ct)
    {
        var only = ParsePlan(plan);
        var progress = await query.ExecuteAsync(org, Round(fy, round), only, ct);
        return TypedResults.Ok(RoundSummaryResource.From(progress.Summary));
    }

    /// <summary>The ?plan= filter; a bad one is a 400 from ApiErrorHandling.</summary>
    private static Plan? ParsePlan(string? plan) => plan is null ? null : PlanNames.ParsePlan(plan, "plan").Value;

    private static FiscalYearRound Round(string fy, string round) =>
        new(FiscalYear.Parse(fy, "fy").Value, ReportingRound.Parse(round, "round").Value);
}
