// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Assessments;
using ItaServerless.Functions.Invocation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItaServerless.Functions.Functions.Organizations;

/// <summary>
/// Organizations, their units (divisions with reminder contacts), officials (signers) and
/// tokens: /api/orgs/{org}, …/units/{unit}, …/officials/{id}, …/tokens/{id}. Each handler reads the
/// request, calls one use case or repository read, and maps the result.
/// </summary>
public sealed class OrganizationsFunction : IHttpFunction
{
    public static string FunctionName => "Organizations";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/orgs", CreateAsync).Requires(AccessNeed.Admin).WithName("CreateOrganization");

        var org = routes.MapGroup("/api/orgs/{org}").WithTags(FunctionName);
        org.MapGet("", GetAsync).Requires(AccessNeed.Read);
        org.MapPut("", UpdateAsync).Requires(AccessNeed.Edit);

        org.MapGet("/units", ListUnitsAsync).Requires(AccessNeed.Read);
        org.MapGet("/units/{unit}", GetUnitAsync).Requires(AccessNeed.Read);
        org.MapPut("/units/{unit}", PutUnitAsync).Requires(AccessNeed.Edit);
        org.MapDelete("/units/{unit}", DeleteUnitAsync).Requires(AccessNeed.Edit);

        org.MapGet("/officials", ListOfficialsAsync).Requires(AccessNeed.Read);
        org.MapGet("/officials/{id}", GetOfficialAsync).Requires(AccessNeed.Read);
        org.MapPut("/officials/{id}", PutOfficialAsync).Requires(AccessNeed.Edit);
        org.MapDelete("/officials/{id}", DeleteOfficialAsync).Requires(AccessNeed.Edit);

        // The questionnaire of an assessment year (for the score grid); static data, any token of the org.
        org.MapGet("/catalog/{fy}", (string fy) => TypedResults.Ok(CatalogResource.From(
            QuestionCatalog.ForYear(FiscalYear.Parse(fy, "fy").Value, "fy").Value))).Requires(AccessNeed.Read);

        // "Who am I": the form shows what the signed-in token may do.
        org.MapGet("/tokens/current", (HttpContext http) => TypedResults.Ok(CurrentCaller.From(http.Caller()))).Requires(AccessNeed.Read);
        org.MapGet("/tokens", ListTokensAsync).Requires(AccessNeed.Edit);
        org.MapPost("/tokens", IssueTokenAsync).Requires(AccessNeed.Edit);
        org.MapDelete("/tokens/{id}", RevokeTokenAsync).Requires(AccessNeed.Edit);
    }

    private static async Task<Results<Created<OrganizationCreated>, ApiProblemResult>> CreateAsync(ApiBody<OrganizationDraft> body, HttpContext http,
        CreateOrganization create, CancellationToken ct)
    {
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await create.ExecuteAsync(draft, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        var organization = outcome.Value.Organization;
        http.Response.SetETag(organization.Version);
        return TypedResults.Created($"/api/orgs/{organization.Value.Id}",
            new OrganizationCreated(OrganizationResource.From(organization.Value), outcome.Value.EditorToken));
    }

    private static async Task<Results<Ok<OrganizationResource>, ApiProblemResult>> GetAsync(string org, HttpResponse response, IOrganizationRepository orgs,
        CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return OrganizationSubjects.NotFound.ToProblem();
        response.SetETag(found.Version);
        return TypedResults.Ok(OrganizationResource.From(found.Value));
    }

    private static async Task<Results<Ok<OrganizationResource>, ApiProblemResult>> UpdateAsync(string org, ApiBody<OrganizationDraft> body, HttpContext http,
        UpdateOrganization update, CancellationToken ct)
    {
        var outcome = await update.ExecuteAsync(org, http.Request.Precondition(), body.Read, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        http.Response.SetETag(outcome.Value.Version);
        return TypedResults.Ok(OrganizationResource.From(outcome.Value.Value));
    }

    private static async Task<Ok<ItemList<UnitResource>>> ListUnitsAsync(string org, IOrganizationRepository orgs, CancellationToken ct) =>
        TypedResults.Ok(ItemList.Of((await orgs.ListUnitsAsync(org, ct)).Select(UnitResource.From)));

    private static async Task<Results<Ok<UnitResource>, ApiProblemResult>> GetUnitAsync(string org, string unit, HttpResponse response,
        IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetUnitAsync(org, unit, ct);
        if (found is null) return OrganizationSubjects.UnitNotFound.ToProblem();
        response.SetETag(found.Version);
        return TypedResults.Ok(UnitResource.From(found));
    }

    private static async Task<Results<Created<UnitResource>, Ok<UnitResource>, ApiProblemResult>> PutUnitAsync(string org, string unit,
        ApiBody<UnitDraft> body, HttpContext http, SaveUnit save, CancellationToken ct)
    {
        var outcome = await save.ExecuteAsync(org, unit, http.Request.Precondition(), body.Read, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(http.Response, saved.Created, $"/api/orgs/{org}/units/{unit}", UnitResource.From(saved.Value, saved.Version), saved.Version);
    }

    private static async Task<Results<NoContent, ApiProblemResult>> DeleteUnitAsync(string org, string unit, HttpContext http, RemoveUnit remove,
        CancellationToken ct)
    {
        var outcome = await remove.ExecuteAsync(org, unit, http.Request.Precondition(), http.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    private static async Task<Ok<ItemList<OfficialResource>>> ListOfficialsAsync(string org, IOrganizationRepository orgs, CancellationToken ct) =>
        TypedResults.Ok(ItemList.Of((await orgs.ListOfficialsAsync(org, ct)).Select(OfficialResource.From)));

    private static async Task<Results<Ok<OfficialResource>, ApiProblemResult>> GetOfficialAsync(string org, string id, HttpResponse response,
        IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetOfficialAsync(org, id, ct);
        if (found is null) return OrganizationSubjects.OfficialNotFound.ToProblem();
        response.SetETag(found.Version);
        return TypedResults.Ok(OfficialResource.From(found));
    }

    private static async Task<Results<Created<OfficialResource>, Ok<OfficialResource>, ApiProblemResult>> PutOfficialAsync(string org, string id,
        ApiBody<OfficialDraft> body, HttpContext http, SaveOfficial save, CancellationToken ct)
    {
        var outcome = await save.ExecuteAsync(org, id, http.Request.Precondition(), body.Read, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(http.Response, saved.Created, $"/api/orgs/{org}/officials/{id}", OfficialResource.From(saved.Value, saved.Version), saved.Version);
    }

    private static async Task<Results<NoContent, ApiProblemResult>> DeleteOfficialAsync(string org, string id, HttpContext http, RemoveOfficial remove,
        CancellationToken ct)
    {
        var outcome = await remove.ExecuteAsync(org, id, http.Request.Precondition(), http.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    private static async Task<Ok<ItemList<TokenResource>>> ListTokensAsync(string org, IAccessGrantStore grants, CancellationToken ct)
    {
        var items = new List<TokenResource>();
        await foreach (var grant in grants.ListAsync(org, ct)) items.Add(TokenResource.From(grant));
        return TypedResults.Ok(ItemList.Of(items.OrderBy(t => t.CreatedAt)));
    }

    private static async Task<Results<Created<TokenIssued>, ApiProblemResult>> IssueTokenAsync(string org, ApiBody<TokenDraft> body, HttpContext http,
        IssueToken issue, CancellationToken ct)
    {
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await issue.ExecuteAsync(org, draft, http.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        var issued = outcome.Value;
        return TypedResults.Created($"/api/orgs/{org}/tokens/{issued.Grant.TokenId}", new TokenIssued(TokenResource.From(issued.Grant), issued.Token));
    }

    private static async Task<Results<NoContent, ApiProblemResult>> RevokeTokenAsync(string org, string id, HttpContext http, IAccessGrantStore grants,
        TimeProvider clock, CancellationToken ct) =>
        await grants.RevokeAsync(org, id, clock.GetUtcNow(), http.Caller().Actor, ct)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound("The token", "โทเคนนี้").ToResult();
}
