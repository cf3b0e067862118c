// SPDX-License-Identifier: MIT
using System.ComponentModel;
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions.Assessments;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.Organizations;

/// <summary>
/// Organizations, their units (divisions with reminder contacts), officials (signers) and
/// tokens: /api/orgs/{org}, …/units/{unit}, …/officials/{id}, …/tokens/{id}. Each function reads the
/// request, calls one use case or repository read, and maps the result.
/// </summary>
[Description("Organizations, their divisions, signers and tokens (หน่วยงาน ส่วนราชการ ผู้ลงนาม และโทเค็น).")]
public sealed class OrganizationsFunction(
    IOrganizationRepository orgs,
    IAccessGrantStore grants,
    CreateOrganization createOrganization,
    UpdateOrganization updateOrganization,
    SaveUnit saveUnit,
    RemoveUnit removeUnit,
    SaveOfficial saveOfficial,
    RemoveOfficial removeOfficial,
    IssueToken issueToken,
    TimeProvider clock)
{
    private const string Org = "api/orgs/{org}";

    [Function("CreateOrganization"), Requires(AccessNeed.Admin)]
    public async Task<Results<Created<OrganizationCreated>, ApiProblemResult>> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/orgs")] HttpRequest request, ApiBody<OrganizationDraft> body, CancellationToken ct)
    {
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await createOrganization.ExecuteAsync(draft, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        var organization = outcome.Value.Organization;
        request.HttpContext.Response.SetETag(organization.Version);
        return TypedResults.Created($"/api/orgs/{organization.Value.Id}",
            new OrganizationCreated(OrganizationResource.From(organization.Value), outcome.Value.EditorToken));
    }

    [Function("GetOrganization"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<OrganizationResource>, ApiProblemResult>> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org)] HttpRequest request, string org, CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return OrganizationSubjects.NotFound.ToProblem();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(OrganizationResource.From(found.Value, showWebhook: request.HttpContext.Caller().CanEdit(org)));
    }

    [Function("UpdateOrganization"), Requires(AccessNeed.Edit)]
    public async Task<Results<Ok<OrganizationResource>, ApiProblemResult>> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Org)] HttpRequest request, string org, ApiBody<OrganizationDraft> body, CancellationToken ct)
    {
        var outcome = await updateOrganization.ExecuteAsync(org, request.Precondition(), body.Read, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        request.HttpContext.Response.SetETag(outcome.Value.Version);
        return TypedResults.Ok(OrganizationResource.From(outcome.Value.Value));
    }

    [Function("ListUnits"), Requires(AccessNeed.Read)]
    public async Task<Ok<ItemList<UnitResource>>> ListUnitsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/units")] HttpRequest request, string org, CancellationToken ct) =>
        TypedResults.Ok(ItemList.Of((await orgs.ListUnitsAsync(org, ct)).Select(UnitResource.From)));

    [Function("GetUnit"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<UnitResource>, ApiProblemResult>> GetUnitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/units/{unit}")] HttpRequest request, string org, string unit, CancellationToken ct)
    {
        var found = await orgs.GetUnitAsync(org, unit, ct);
        if (found is null) return OrganizationSubjects.UnitNotFound.ToProblem();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(UnitResource.From(found));
    }

    [Function("PutUnit"), Requires(AccessNeed.Edit)]
    public async Task<Results<Created<UnitResource>, Ok<UnitResource>, ApiProblemResult>> PutUnitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Org + "/units/{unit}")] HttpRequest request, string org, string unit,
        ApiBody<UnitDraft> body, CancellationToken ct)
    {
        var outcome = await saveUnit.ExecuteAsync(org, unit, request.Precondition(), body.Read, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(request.HttpContext.Response, saved.Created, $"/api/orgs/{org}/units/{unit}", UnitResource.From(saved.Value, saved.Version), saved.Version);
    }

    [Function("DeleteUnit"), Requires(AccessNeed.Edit)]
    public async Task<Results<NoContent, ApiProblemResult>> DeleteUnitAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Org + "/units/{unit}")] HttpRequest request, string org, string unit, CancellationToken ct)
    {
        var outcome = await removeUnit.ExecuteAsync(org, unit, request.Precondition(), request.HttpContext.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    [Function("ListOfficials"), Requires(AccessNeed.Read)]
    public async Task<Ok<ItemList<OfficialResource>>> ListOfficialsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/officials")] HttpRequest request, string org, CancellationToken ct) =>
        TypedResults.Ok(ItemList.Of((await orgs.ListOfficialsAsync(org, ct)).Select(OfficialResource.From)));

    [Function("GetOfficial"), Requires(AccessNeed.Read)]
    public async Task<Results<Ok<OfficialResource>, ApiProblemResult>> GetOfficialAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/officials/{id}")] HttpRequest request, string org, string id, CancellationToken ct)
    {
        var found = await orgs.GetOfficialAsync(org, id, ct);
        if (found is null) return OrganizationSubjects.OfficialNotFound.ToProblem();
        request.HttpContext.Response.SetETag(found.Version);
        return TypedResults.Ok(OfficialResource.From(found));
    }

    [Function("PutOfficial"), Requires(AccessNeed.Edit)]
    public async Task<Results<Created<OfficialResource>, Ok<OfficialResource>, ApiProblemResult>> PutOfficialAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Org + "/officials/{id}")] HttpRequest request, string org, string id,
        ApiBody<OfficialDraft> body, CancellationToken ct)
    {
        var outcome = await saveOfficial.ExecuteAsync(org, id, request.Precondition(), body.Read, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem(body);
        var saved = outcome.Value;
        return Written.Answer(request.HttpContext.Response, saved.Created, $"/api/orgs/{org}/officials/{id}", OfficialResource.From(saved.Value, saved.Version), saved.Version);
    }

    [Function("DeleteOfficial"), Requires(AccessNeed.Edit)]
    public async Task<Results<NoContent, ApiProblemResult>> DeleteOfficialAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Org + "/officials/{id}")] HttpRequest request, string org, string id, CancellationToken ct)
    {
        var outcome = await removeOfficial.ExecuteAsync(org, id, request.Precondition(), request.HttpContext.Caller().Actor, ct);
        return outcome.IsOk ? TypedResults.NoContent() : outcome.Refusal!.ToProblem();
    }

    /// <summary>The questionnaire of an assessment year (for the score grid); static data, any token of the org.</summary>
    [Function("GetCatalog"), Requires(AccessNeed.Read)]
    public Ok<CatalogResource> GetCatalog(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/catalog/{fy}")] HttpRequest request, string org, string fy) =>
        TypedResults.Ok(CatalogResource.From(QuestionCatalog.ForYear(FiscalYear.Parse(fy, "fy").Value, "fy").Value));

    /// <summary>"Who am I": the form shows what the signed-in token may do.</summary>
    [Function("GetCurrentToken"), Requires(AccessNeed.Read)]
    public Ok<CurrentCaller> GetCurrentToken(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/tokens/current")] HttpRequest request, string org) =>
        TypedResults.Ok(CurrentCaller.From(request.HttpContext.Caller()));

    [Function("ListTokens"), Requires(AccessNeed.Edit)]
    public async Task<Ok<ItemList<TokenResource>>> ListTokensAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Org + "/tokens")] HttpRequest request, string org, CancellationToken ct)
    {
        var items = new List<TokenResource>();
        await foreach (var grant in grants.ListAsync(org, ct)) items.Add(TokenResource.From(grant));
        return TypedResults.Ok(ItemList.Of(items.OrderBy(t => t.CreatedAt)));
    }

    [Function("IssueToken"), Requires(AccessNeed.Edit), SecretAnswer]
    public async Task<Results<Created<TokenIssued>, ApiProblemResult>> IssueTokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Org + "/tokens")] HttpRequest request, string org, ApiBody<TokenDraft> body,
        CancellationToken ct)
    {
        if (await body.ReadAsync(ct) is not { } draft) return body.Problem!.ToResult();
        var outcome = await issueToken.ExecuteAsync(org, draft, request.HttpContext.Caller().Actor, ct);
        if (!outcome.IsOk) return outcome.Refusal!.ToProblem();
        var issued = outcome.Value;
        return TypedResults.Created($"/api/orgs/{org}/tokens/{issued.Grant.TokenId}", new TokenIssued(TokenResource.From(issued.Grant), issued.Token));
    }

    [Function("RevokeToken"), Requires(AccessNeed.Edit)]
    public async Task<Results<NoContent, ApiProblemResult>> RevokeTokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Org + "/tokens/{id}")] HttpRequest request, string org, string id, CancellationToken ct) =>
        await grants.RevokeAsync(org, id, clock.GetUtcNow(), request.HttpContext.Caller().Actor, ct)
            ? TypedResults.NoContent()
            : ApiProblem.NotFound("The token", "โทเคนนี้").ToResult();
}
