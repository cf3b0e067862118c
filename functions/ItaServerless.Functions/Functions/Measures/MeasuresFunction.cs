// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Organizations;
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.Measures;

/// <summary>
/// A fiscal year's measures, their progress per round and the round summary:
/// /api/orgs/{org}/years/{fy}/measures[/{id}[/progress/{round}]], …/rounds/{round}/summary.
/// </summary>
public sealed class MeasuresFunction : IHttpFunction
{
    public static string FunctionName => "Measures";

    public static void Map(IEndpointRouteBuilder routes)
    {
        var year = routes.MapGroup("/api/orgs/{org}/years/{fy}").WithTags(FunctionName);
        year.MapGet("/measures", ListAsync).Requires(AccessNeed.Read).Produces<ItemList<MeasureResource>>();
        year.MapPost("/measures", CreateAsync).Requires(AccessNeed.Edit).Accepts<MeasureDraft>("application/json").Produces<MeasureResource>(201);
        year.MapGet("/measures/{id}", GetAsync).Requires(AccessNeed.Read).Produces<MeasureResource>();
        year.MapPut("/measures/{id}", ReplaceAsync).Requires(AccessNeed.Edit).Accepts<MeasureDraft>("application/json").Produces<MeasureResource>();
        year.MapDelete("/measures/{id}", DeleteAsync).Requires(AccessNeed.Edit).Produces(204);

        year.MapGet("/measures/{id}/progress/{round}", GetProgressAsync).Requires(AccessNeed.Read).Produces<ProgressResource>();
        year.MapPut("/measures/{id}/progress/{round}", PutProgressAsync).Requires(AccessNeed.Read).Accepts<ProgressDraft>("application/json").Produces<ProgressResource>();
        year.MapGet("/rounds/{round}/progress", ListProgressAsync).Requires(AccessNeed.Read).Produces<ItemList<ProgressResource>>();
        year.MapGet("/rounds/{round}/summary", SummaryAsync).Requires(AccessNeed.Read).Produces<RoundSummaryResource>();
    }

    private static async Task<IResult> ListAsync(string org, string fy, string? plan, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        Plan? only = plan is null ? null : PlanNames.ParsePlan(plan, "plan").Value;
        var measures = await plans.ListMeasuresAsync(org, year, ct);
        return Results.Ok(ItemList.Of(measures.Where(m => only is null || m.Value.Plan == only).Select(MeasureResource.From)));
    }

    private static async Task<IResult> GetAsync(string org, string fy, string id, HttpResponse response, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var found = await FindAsync(plans, org, year, id, ct);
        if (found is null) return NotFound();
        response.SetETag(found.Version);
        return Results.Ok(MeasureResource.From(found));
    }

    private static async Task<IResult> CreateAsync(string org, string fy, HttpRequest request, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var body = await ApiJson.ReadAsync<MeasureDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var draft = body.Value!;

        // A number left out is the next free one in its plan; a race for it is retried.
        for (var attempt = 0; ; attempt++)
        {
            var numbered = draft.Number is null ? draft with { Number = await NextNumberAsync(plans, org, year, draft.Plan, ct) } : draft;
            var measure = Measure.Create(numbered, year, QuestionCatalog.ForMeasuresOf(year)).Value;
            try
            {
                var version = await plans.CreateMeasureAsync(org, measure, request.HttpContext.Caller().Actor, ct);
                request.HttpContext.Response.SetETag(version);
                var resource = MeasureResource.From(new Versioned<Measure>(measure, version));
                return Results.Created($"/api/orgs/{org}/years/{year.Year}/measures/{resource.Id}", resource);
            }
            catch (AlreadyExistsException) when (draft.Number is null && attempt < 5)
            {
            }
            catch (AlreadyExistsException)
            {
                return ApiProblem.Conflict("number", "already_exists", $"มีมาตรการลำดับที่ {measure.Number} ในแผนนี้อยู่แล้ว",
                    $"This plan already has a measure number {measure.Number}.").ToResult();
            }
        }
    }

    private static async Task<IResult> ReplaceAsync(string org, string fy, string id, HttpRequest request, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var existing = await FindAsync(plans, org, year, id, ct);
        if (existing is null) return NotFound();
        var (ifMatch, problem) = Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<MeasureDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var key = existing.Value.Key;
        var draft = body.Value! with { Plan = body.Value!.Plan ?? key.Plan.Code(), Number = body.Value.Number ?? key.Number };
        var measure = Measure.Create(draft, year, QuestionCatalog.ForMeasuresOf(year)).Value;
        if (measure.Key != key)
        {
            return ApiProblem.Field(StatusCodes.Status400BadRequest, measure.Plan != key.Plan ? "plan" : "number", "not_allowed",
                "เปลี่ยนแผนหรือลำดับของมาตรการที่มีอยู่ไม่ได้ ให้ลบแล้วสร้างใหม่",
                "The plan and number of an existing measure cannot change; delete it and create a new one.").ToResult();
        }

        var reported = await Task.WhenAll(ReportingRound.All.Select(r => plans.GetProgressAsync(org, year, r, key, ct)));
        if (BudgetRule.CheckCut(measure, reported.OfType<Versioned<ProgressRecord>>().Select(r => r.Value.Progress)) is { Count: > 0 } cut)
        {
            return ApiProblem.Validation(cut).ToResult();
        }

        var version = await plans.ReplaceMeasureAsync(org, measure, ifMatch!.Value, request.HttpContext.Caller().Actor, ct);
        request.HttpContext.Response.SetETag(version);
        return Results.Ok(MeasureResource.From(new Versioned<Measure>(measure, version)));
    }

    private static async Task<IResult> DeleteAsync(string org, string fy, string id, HttpRequest request, IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var existing = await FindAsync(plans, org, year, id, ct);
        if (existing is null) return NotFound();
        var (ifMatch, problem) = Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();
        await plans.DeleteMeasureAsync(org, year, existing.Value.Key, ifMatch!.Value, request.HttpContext.Caller().Actor, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> GetProgressAsync(string org, string fy, string id, string round, HttpResponse response,
        IPlanRepository plans, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var measure = await FindAsync(plans, org, year, id, ct);
        if (measure is null) return NotFound();
        var found = await plans.GetProgressAsync(org, year, reportingRound, measure.Value.Key, ct);
        if (found is null)
        {
            return ApiProblem.NotFound("A progress report for this round", "รายงานผลรอบนี้ (รอรายงาน)").ToResult();
        }

        response.SetETag(found.Version);
        return Results.Ok(ProgressResource.From(measure.Value, found));
    }

    private static async Task<IResult> PutProgressAsync(string org, string fy, string id, string round, HttpRequest request,
        IPlanRepository plans, TimeProvider clock, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var reportingRound = ReportingRound.Parse(round, "round").Value;
        var measure = await FindAsync(plans, org, year, id, ct);
        if (measure is null) return NotFound();
        var caller = request.HttpContext.Caller();
        if (!caller.IsAdmin && !caller.Grant!.CanReport(org, measure.Value.Responsible))
        {
            return ApiProblem.Forbidden().ToResult();
        }

        var existing = await plans.GetProgressAsync(org, year, reportingRound, measure.Value.Key, ct);
        var (ifMatch, problem) = existing is null ? (null, Preconditions.ForMissing(request)) : Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<ProgressDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var progress = Progress.Create(body.Value!, measure.Value, reportingRound).Value;
        var record = new ProgressRecord(progress, clock.GetUtcNow());
        var version = await plans.PutProgressAsync(org, year, record, ifMatch, caller.Actor, ct);
        return OrganizationsFunction.Written(request, existing is null,
            $"/api/orgs/{org}/years/{year.Year}/measures/{id}/progress/{reportingRound.Code}",
            ProgressResource.From(measure.Value, progress, record.ReportedAt, version), version);
    }

    private static async Task<IResult> ListProgressAsync(string org, string fy, string round, IPlanRepository plans, CancellationToken ct)
    {
        var (measures, reports) = await LoadRoundAsync(plans, org, fy, round, ct);
        var byKey = measures.ToDictionary(m => m.Value.Key);
        return Results.Ok(ItemList.Of(reports
            .Where(r => byKey.ContainsKey(r.Value.Measure))
            .Select(r => ProgressResource.From(byKey[r.Value.Measure].Value, r))));
    }

    private static async Task<IResult> SummaryAsync(string org, string fy, string round, string? plan, IPlanRepository plans, CancellationToken ct)
    {
        Plan? only = plan is null ? null : PlanNames.ParsePlan(plan, "plan").Value;
        var year = FiscalYear.Parse(fy, "fy").Value;
        var fiscalRound = new FiscalYearRound(year, ReportingRound.Parse(round, "round").Value);
        var (measures, reports) = await LoadRoundAsync(plans, org, fy, round, ct);
        var included = measures.Select(m => m.Value).Where(m => only is null || m.Plan == only).ToArray();
        var keys = included.Select(m => m.Key).ToHashSet();
        var byKey = included.ToDictionary(m => m.Key);
        var progress = reports.Where(r => keys.Contains(r.Value.Measure))
            .Select(r => r.Value.Progress);
        return Results.Ok(RoundSummaryResource.From(RoundSummary.Of(fiscalRound, included, progress)));
    }

    private static async Task<(IReadOnlyList<Versioned<Measure>> Measures, IReadOnlyList<Versioned<ProgressRecord>> Reports)> LoadRoundAsync(
        IPlanRepository plans, string org, string fy, string round, CancellationToken ct)
    {
        var year = FiscalYear.Parse(fy, "fy").Value;
        var fiscalRound = new FiscalYearRound(year, ReportingRound.Parse(round, "round").Value);
        var measures = plans.ListMeasuresAsync(org, year, ct);
        var reports = plans.ListProgressAsync(org, fiscalRound, ct);
        return (await measures, await reports);
    }

    private static async Task<int> NextNumberAsync(IPlanRepository plans, string org, FiscalYear year, string? plan, CancellationToken ct)
    {
        var parsed = PlanNames.ParsePlan(plan);
        if (!parsed.IsValid) return 1; // Measure.Create reports the plan.
        var numbers = (await plans.ListMeasuresAsync(org, year, ct)).Where(m => m.Value.Plan == parsed.Value).Select(m => m.Value.Number);
        return numbers.DefaultIfEmpty(0).Max() + 1;
    }

    private static async Task<Versioned<Measure>?> FindAsync(IPlanRepository plans, string org, FiscalYear year, string id, CancellationToken ct) =>
        MeasureKey.TryParse(id, out var key) ? await plans.GetMeasureAsync(org, year, key, ct) : null;

    private static IResult NotFound() => ApiProblem.NotFound("The measure", "มาตรการนี้").ToResult();
}
