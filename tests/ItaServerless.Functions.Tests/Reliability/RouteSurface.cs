// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Audit;
using ItaServerless.Functions.Functions.NotFound;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ItaServerless.Functions.Tests.Reliability;

/// <summary>One API route and method, with what it requires of its caller (null: public).</summary>
public sealed record ApiRoute(string Method, RoutePattern Pattern, AccessNeed? Need)
{
    public override string ToString() => $"{Method} {Pattern.RawText}";

    /// <summary>The path with every parameter filled by <paramref name="value"/>(parameter name, literal before it).</summary>
    public string Path(Func<string, string?, string> value)
    {
        var parts = new List<string>();
        string? previous = null;
        foreach (var segment in Pattern.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(p => p switch
            {
                RoutePatternLiteralPart l => l.Content,
                RoutePatternParameterPart parameter => value(parameter.Name, previous),
                RoutePatternSeparatorPart s => s.Content,
                _ => "",
            }));
            if (segment.Parts is [RoutePatternLiteralPart literal]) previous = literal.Content;
            parts.Add(text);
        }
        return "/" + string.Join('/', parts);
    }
}

/// <summary>
/// Every /api route of the running app (from its endpoint table, so a new route is covered at
/// once) and an organization with one of everything, to fill the routes' parameters.
/// </summary>
public sealed class RouteSurface
{
    /// <summary>Routes meant to answer without a key or token.</summary>
    public static readonly HashSet<string> PublicRoutes = new(StringComparer.Ordinal)
    {
        "/api/health", "/api/openapi.json", "/api/domain", "/api/app/{*path}", "/api/source", "/api/public/{org}", "/api/public/{org}/{fy}/{file}",
    };

    private RouteSurface(IReadOnlyList<ApiRoute> routes) => Routes = routes;

    public IReadOnlyList<ApiRoute> Routes { get; }

    public string Org { get; private init; } = "";
    public string EditorToken { get; private init; } = "";
    public string TokenId { get; private init; } = "";
    public string ReportId { get; private init; } = "";
    public string MeasureETag { get; private init; } = "";

    /// <summary>The app's HTTP functions under /api (the catch-all that answers 404/405 is not a route of its own).</summary>
    public static IReadOnlyList<ApiRoute> Of() =>
        HttpFunctionCatalog.All
            .Where(f => f.Route.StartsWith("api/", StringComparison.Ordinal) && f.Name != NotFoundFunction.Name)
            .SelectMany(f => f.Methods.Select(m => new ApiRoute(m, RoutePatternFactory.Parse("/" + f.Route), f.Access?.Need)))
            .OrderBy(r => r.ToString(), StringComparer.Ordinal)
            .ToList();

    /// <summary>An organization with a unit, an official, a reporter token, a measure with progress, an assessment and a report.</summary>
    public static async Task<RouteSurface> SeedAsync(ApiClient admin, string org)
    {
        var created = (await admin.PostAsync("/api/orgs", new { id = org, name = "เทศบาลตำบลนาคำ", kind = "เทศบาลตำบล", province = "นครพนม" })).Is(HttpStatusCode.Created);
        var editor = admin.As(created.Json["editorToken"]!.GetValue<string>());
        (await editor.PutAsync($"/api/orgs/{org}/units/finance", new { name = "กองคลัง" })).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/officials/drafter", new { name = "นายร่าง", position = "นักวิเคราะห์", role = "drafter" })).Is(HttpStatusCode.Created);
        var token = (await editor.PostAsync($"/api/orgs/{org}/tokens", new { role = "reporter", name = "กองคลัง", unit = "finance" })).Is(HttpStatusCode.Created);
        var measure = (await editor.PostAsync($"/api/orgs/{org}/years/2569/measures", AuditTrailTests.Measure("มาตรการ"))).Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/years/2569/measures/ita-1/progress/6m", new { status = "inProgress", reporter = new { name = "นายรายงาน" } }))
            .Is(HttpStatusCode.Created);
        (await editor.PutAsync($"/api/orgs/{org}/assessments/2568", new { total = 83.03m })).Is(HttpStatusCode.Created);
        var report = (await editor.PostAsync($"/api/orgs/{org}/years/2569/reports", new { kind = "measures" })).Is(HttpStatusCode.Accepted);
        return new RouteSurface(Of())
        {
            Org = org,
            EditorToken = created.Json["editorToken"]!.GetValue<string>(),
            TokenId = token.Json["grant"]!["id"]!.GetValue<string>(),
            ReportId = report.Json["id"]!.GetValue<string>(),
            MeasureETag = measure.ETag!,
        };
    }

    /// <summary>A real value for a route parameter of this organization.</summary>
    public string Value(string parameter, string? after) => (parameter, after) switch
    {
        ("org", _) => Org,
        ("fy", "catalog" or "assessments") => "2568",
        ("fy", _) => "2569",
        ("unit", _) => "finance",
        ("round", _) => "6m",
        ("id", "officials") => "drafter",
        ("id", "measures") => "ita-1",
        ("id", "tokens") => TokenId,
        ("id", "reports") => ReportId,
        ("path", _) => "index.html",
        ("file", _) => "x.pdf",
        _ => "x1",
    };

    /// <summary>A valid body for the write routes (the fuzzer mutates it).</summary>
    public static string SampleBody(ApiRoute route) => (route.Method, route.Pattern.RawText) switch
    {
        (_, "/api/orgs") => """{"id":"fuzz-org","name":"อบต.ทดสอบ","kind":"อบต.","province":"นครพนม","dueDates":{"sixMonths":"04-30","twelveMonths":"10-31"}}""",
        (_, "/api/orgs/{org}") => """{"name":"เทศบาลตำบลนาคำ","kind":"เทศบาลตำบล","website":"https://nakham.go.th","dueDates":{"sixMonths":"04-30","twelveMonths":"10-31"}}""",
        (_, var p) when p!.EndsWith("/units/{unit}", StringComparison.Ordinal) => """{"name":"กองคลัง","contacts":[{"name":"สมชาย","email":"a@example.org"}]}""",
        (_, var p) when p!.EndsWith("/officials/{id}", StringComparison.Ordinal) => """{"name":"นายร่าง","position":"นักวิเคราะห์","role":"drafter","order":1}""",
        (_, var p) when p!.EndsWith("/tokens", StringComparison.Ordinal) => """{"role":"reporter","name":"กองคลัง","unit":"finance","expiresInDays":30}""",
        (_, var p) when p!.EndsWith("/assessments/{fy}", StringComparison.Ordinal) => """{"total":83.03,"tools":{"IIT":99.87},"indicators":{"9":38},"questions":{"o1":0}}""",
        (_, var p) when p!.EndsWith("/measures", StringComparison.Ordinal) || p.EndsWith("/measures/{id}", StringComparison.Ordinal) =>
            """{"plan":"ita","title":"มาตรการ","indicators":[9],"questions":["o1"],"method":["ขั้นที่ ๑"],"responsible":["*"],"period":{"from":"2568-10","to":"2569-03"},"budget":1000.50}""",
        (_, var p) when p!.EndsWith("/progress/{round}", StringComparison.Ordinal) =>
            """{"status":"inProgress","result":"ทำแล้ว","disbursed":10.5,"reporter":{"name":"นายรายงาน","position":"หัวหน้า"},"evidence":["https://nakham.go.th/a.pdf"]}""",
        (_, var p) when p!.EndsWith("/reports", StringComparison.Ordinal) => """{"kind":"progress","round":"6m","memo":{"date":"2026-04-30","number":"นพ ๑/๒"}}""",
        _ => "{}",
    };
}
