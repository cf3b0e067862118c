// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Scoring;
using ItaServerless.Functions.Functions.Assessments;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.Organizations;

/// <summary>
/// Organizations, their units (divisions with reminder contacts), officials (signers) and
/// tokens: /api/orgs/{org}, …/units/{unit}, …/officials/{id}, …/tokens/{id}.
/// </summary>
public sealed class OrganizationsFunction : IHttpFunction
{
    public static string FunctionName => "Organizations";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/orgs", CreateAsync).Requires(AccessNeed.Admin).WithName("CreateOrganization")
            .Accepts<OrganizationDraft>("application/json").Produces<OrganizationCreated>(201).ProducesProblem(400);

        var org = routes.MapGroup("/api/orgs/{org}").WithTags(FunctionName);
        org.MapGet("", GetAsync).Requires(AccessNeed.Read).Produces<OrganizationDraft>();
        org.MapPut("", UpdateAsync).Requires(AccessNeed.Edit).Accepts<OrganizationDraft>("application/json").Produces<OrganizationDraft>();

        org.MapGet("/units", ListUnitsAsync).Requires(AccessNeed.Read).Produces<ItemList<UnitResource>>();
        org.MapGet("/units/{unit}", GetUnitAsync).Requires(AccessNeed.Read).Produces<UnitResource>();
        org.MapPut("/units/{unit}", PutUnitAsync).Requires(AccessNeed.Edit).Accepts<UnitDraft>("application/json").Produces<UnitResource>();
        org.MapDelete("/units/{unit}", DeleteUnitAsync).Requires(AccessNeed.Edit).Produces(204);

        org.MapGet("/officials", ListOfficialsAsync).Requires(AccessNeed.Read).Produces<ItemList<OfficialResource>>();
        org.MapGet("/officials/{id}", GetOfficialAsync).Requires(AccessNeed.Read).Produces<OfficialResource>();
        org.MapPut("/officials/{id}", PutOfficialAsync).Requires(AccessNeed.Edit).Accepts<OfficialDraft>("application/json").Produces<OfficialResource>();
        org.MapDelete("/officials/{id}", DeleteOfficialAsync).Requires(AccessNeed.Edit).Produces(204);

        // The questionnaire of an assessment year (for the score grid); static data, any token of the org.
        org.MapGet("/catalog/{fy}", (string fy) => Results.Ok(CatalogResource.From(
            QuestionCatalog.ForYear(FiscalYear.Parse(fy, "fy").Value, "fy").Value)))
            .Requires(AccessNeed.Read).Produces<CatalogResource>();

        // "Who am I": the form shows what the signed-in token may do.
        org.MapGet("/tokens/current", (HttpContext http) => http.Caller() is { IsAdmin: true }
                ? Results.Ok(new CurrentCaller(null, "admin", null, "admin"))
                : Results.Ok(CurrentCaller.From(http.Caller().Grant!)))
            .Requires(AccessNeed.Read).Produces<CurrentCaller>();
        org.MapGet("/tokens", ListTokensAsync).Requires(AccessNeed.Edit).Produces<ItemList<TokenResource>>();
        org.MapPost("/tokens", IssueTokenAsync).Requires(AccessNeed.Edit).Accepts<TokenRequest>("application/json").Produces<TokenIssued>(201);
        org.MapDelete("/tokens/{id}", RevokeTokenAsync).Requires(AccessNeed.Edit).Produces(204);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, IOrganizationRepository orgs, IAccessGrantStore grants,
        TimeProvider clock, CancellationToken ct)
    {
        var body = await ApiJson.ReadAsync<OrganizationDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var organization = Organization.Create(body.Value!).Value;
        EntityVersion version;
        try
        {
            version = await orgs.CreateAsync(organization, request.HttpContext.Caller().Actor, ct);
        }
        catch (AlreadyExistsException)
        {
            return ApiProblem.Conflict("id", "already_exists", "มีองค์กรที่ใช้รหัสนี้อยู่แล้ว", "An organization with this id already exists.").ToResult();
        }

        var token = AccessTokens.Issue(organization.Id, AccessRole.Editor, null, "ผู้ดูแลองค์กร (editor)", clock.GetUtcNow());
        await grants.AddAsync(token.Grant, request.HttpContext.Caller().Actor, ct);
        request.HttpContext.Response.SetETag(version);
        return Results.Created($"/api/orgs/{organization.Id}", new OrganizationCreated(organization.ToDraft(), token.Token));
    }

    private static async Task<IResult> GetAsync(string org, HttpResponse response, IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return NotFound();
        response.SetETag(found.Version);
        return Results.Ok(found.Value.ToDraft());
    }

    private static async Task<IResult> UpdateAsync(string org, HttpRequest request, IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetAsync(org, ct);
        if (found is null) return NotFound();
        var (ifMatch, problem) = Preconditions.ForExisting(request, found.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<OrganizationDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        if (body.Value!.Id is { } id && id != org) return IdMismatch("id");
        var organization = Organization.Create(body.Value with { Id = org }).Value;
        var version = await orgs.UpdateAsync(organization, ifMatch!.Value, request.HttpContext.Caller().Actor, ct);
        request.HttpContext.Response.SetETag(version);
        return Results.Ok(organization.ToDraft());
    }

    private static async Task<IResult> ListUnitsAsync(string org, IOrganizationRepository orgs, CancellationToken ct) =>
        Results.Ok(ItemList.Of((await orgs.ListUnitsAsync(org, ct)).Select(UnitResource.From)));

    private static async Task<IResult> GetUnitAsync(string org, string unit, HttpResponse response, IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetUnitAsync(org, unit, ct);
        if (found is null) return ApiProblem.NotFound("The unit", "ส่วนราชการนี้").ToResult();
        response.SetETag(found.Version);
        return Results.Ok(UnitResource.From(found));
    }

    private static async Task<IResult> PutUnitAsync(string org, string unit, HttpRequest request, IOrganizationRepository orgs, CancellationToken ct)
    {
        var existing = await orgs.GetUnitAsync(org, unit, ct);
        var (ifMatch, problem) = existing is null ? (null, Preconditions.ForMissing(request)) : Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<UnitDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var value = Unit.Create(org, unit, body.Value!).Value;
        var version = await orgs.PutUnitAsync(value, ifMatch, request.HttpContext.Caller().Actor, ct);
        return Written(request, existing is null, $"/api/orgs/{org}/units/{unit}", UnitResource.From(new Versioned<Unit>(value, version)), version);
    }

    private static async Task<IResult> DeleteUnitAsync(string org, string unit, HttpRequest request, IOrganizationRepository orgs, CancellationToken ct)
    {
        var existing = await orgs.GetUnitAsync(org, unit, ct);
        if (existing is null) return ApiProblem.NotFound("The unit", "ส่วนราชการนี้").ToResult();
        var (ifMatch, problem) = Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();
        await orgs.DeleteUnitAsync(org, unit, ifMatch!.Value, request.HttpContext.Caller().Actor, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> ListOfficialsAsync(string org, IOrganizationRepository orgs, CancellationToken ct) =>
        Results.Ok(ItemList.Of((await orgs.ListOfficialsAsync(org, ct)).Select(OfficialResource.From)));

    private static async Task<IResult> GetOfficialAsync(string org, string id, HttpResponse response, IOrganizationRepository orgs, CancellationToken ct)
    {
        var found = await orgs.GetOfficialAsync(org, id, ct);
        if (found is null) return ApiProblem.NotFound("The official", "ผู้ลงนามนี้").ToResult();
        response.SetETag(found.Version);
        return Results.Ok(OfficialResource.From(found));
    }

    private static async Task<IResult> PutOfficialAsync(string org, string id, HttpRequest request, IOrganizationRepository orgs, CancellationToken ct)
    {
        var existing = await orgs.GetOfficialAsync(org, id, ct);
        var (ifMatch, problem) = existing is null ? (null, Preconditions.ForMissing(request)) : Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();

        var body = await ApiJson.ReadAsync<OfficialDraft>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var value = Official.Create(org, id, body.Value!).Value;
        var version = await orgs.PutOfficialAsync(value, ifMatch, request.HttpContext.Caller().Actor, ct);
        return Written(request, existing is null, $"/api/orgs/{org}/officials/{id}", OfficialResource.From(new Versioned<Official>(value, version)), version);
    }

    private static async Task<IResult> DeleteOfficialAsync(string org, string id, HttpRequest request, IOrganizationRepository orgs, CancellationToken ct)
    {
        var existing = await orgs.GetOfficialAsync(org, id, ct);
        if (existing is null) return ApiProblem.NotFound("The official", "ผู้ลงนามนี้").ToResult();
        var (ifMatch, problem) = Preconditions.ForExisting(request, existing.Version);
        if (problem is not null) return problem.ToResult();
        await orgs.DeleteOfficialAsync(org, id, ifMatch!.Value, request.HttpContext.Caller().Actor, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> ListTokensAsync(string org, IAccessGrantStore grants, CancellationToken ct)
    {
        var items = new List<TokenResource>();
        await foreach (var grant in grants.ListAsync(org, ct)) items.Add(TokenResource.From(grant));
        return Results.Ok(ItemList.Of(items.OrderBy(t => t.CreatedAt)));
    }

    private static async Task<IResult> IssueTokenAsync(string org, HttpRequest request, IAccessGrantStore grants,
        IOrganizationRepository orgs, TimeProvider clock, CancellationToken ct)
    {
        var body = await ApiJson.ReadAsync<TokenRequest>(request, ct);
        if (!body.IsOk) return body.Problem!.ToResult();
        var input = body.Value!;
        var errors = new ErrorCollector();
        var role = AccessRole.Reporter;
        switch (input.Role?.Trim())
        {
            case "editor":
                role = AccessRole.Editor;
                break;
            case "reporter":
                break;
            case null or "":
                errors.Add(TextRules.Required("role"));
                break;
            default:
                errors.Add(ErrorCodes.UnknownValue, "role", "บทบาทต้องเป็น editor หรือ reporter", "The role must be editor or reporter.");
                break;
        }

        var name = errors.Take(TextRules.Required(input.Name, "name", 200));
        if (input.Unit is not null)
        {
            if (role == AccessRole.Editor)
                errors.Add(ErrorCodes.NotAllowed, "unit", "โทเคนผู้แก้ไขใช้ได้ทั้งองค์กร ไม่ผูกกับส่วนราชการ", "An editor token covers the whole organization; it has no unit.");
            else if (!Identifier.IsValid(input.Unit) || await orgs.GetUnitAsync(org, input.Unit, ct) is null)
                errors.Add(ErrorCodes.UnknownValue, "unit", "ไม่พบส่วนราชการนี้ในองค์กร", "There is no such unit in the organization.");
        }

        var now = clock.GetUtcNow();
        if (input.ExpiresInDays is < 1 or > 3650)
            errors.Add(ErrorCodes.OutOfRange, "expiresInDays", "อายุโทเคนต้องอยู่ระหว่าง 1 ถึง 3650 วัน", "expiresInDays must be between 1 and 3650.");
        if (errors.HasErrors) return ApiProblem.Validation(errors.Errors).ToResult();

        var issued = AccessTokens.Issue(org, role, input.Unit, name!, now, input.ExpiresInDays is { } days ? now.AddDays(days) : null);
        await grants.AddAsync(issued.Grant, request.HttpContext.Caller().Actor, ct);
        return Results.Created($"/api/orgs/{org}/tokens/{issued.Grant.TokenId}", new TokenIssued(TokenResource.From(issued.Grant), issued.Token));
    }

    private static async Task<IResult> RevokeTokenAsync(string org, string id, HttpContext http, IAccessGrantStore grants, TimeProvider clock, CancellationToken ct) =>
        await grants.RevokeAsync(org, id, clock.GetUtcNow(), http.Caller().Actor, ct)
            ? Results.NoContent()
            : ApiProblem.NotFound("The token", "โทเคนนี้").ToResult();

    private static IResult NotFound() => ApiProblem.NotFound("The organization", "องค์กรนี้").ToResult();

    private static IResult IdMismatch(string field) => ApiProblem.Field(StatusCodes.Status400BadRequest, field, "id_mismatch",
        "รหัสในข้อมูลไม่ตรงกับรหัสในที่อยู่ (URL)", "The id in the body differs from the id in the URL.").ToResult();

    /// <summary>201 with Location when the PUT created the resource, 200 when it replaced it; ETag either way.</summary>
    internal static IResult Written<T>(HttpRequest request, bool created, string location, T resource, EntityVersion version)
    {
        request.HttpContext.Response.SetETag(version);
        return created ? Results.Created(location, resource) : Results.Ok(resource);
    }
}
