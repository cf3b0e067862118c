// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Testing;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Routing;

using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Api;

[Collection(WorkerFixture.Collection)]
public sealed class OpenApiTests(WorkerFixture app) : ApiTestBase(app)
{
    [Fact]
    public async Task The_openapi_document_describes_every_api_route()
    {
        var document = (await Anonymous.GetAsync("/api/openapi.json")).Is(HttpStatusCode.OK).Json;
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();

        // Every HTTP function under /api but the few that are not API operations (the form's files, the document itself, …).
        var described = HttpFunctionCatalog.All
            .Where(f => f.Route.StartsWith("api/", StringComparison.Ordinal))
            .Where(f => f.Method.GetCustomAttributes(false).OfType<IExcludeFromDescriptionMetadata>().All(a => !a.ExcludeFromDescription))
            .ToList();
        Assert.True(described.Count >= 40, $"only {described.Count} functions");
        Assert.Equal(["NotFound", "OpenApi", "Source", "WebForm"],
            HttpFunctionCatalog.All.Where(f => f.Route.StartsWith("api/", StringComparison.Ordinal)).Except(described).Select(f => f.Name).Order());
        foreach (var function in described)
        {
            var path = "/" + function.Route;
            Assert.True(paths.ContainsKey(path), $"{path} is missing from /api/openapi.json");
            foreach (var method in function.Methods)
                Assert.True(paths[path]![method.ToLowerInvariant()]?["operationId"]?.GetValue<string>() == function.Name, $"{method} {path}");
        }
        // Query parameters the functions read are described too.
        Assert.Contains(paths["/api/orgs/{org}/years/{fy}/measures"]!["get"]!["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "plan" && p["in"]!.GetValue<string>() == "query");
    }

    [Fact]
    public async Task Answers_and_bodies_come_from_the_handlers_types_and_every_other_answer_is_a_problem()
    {
        var document = (await Anonymous.GetAsync("/api/openapi.json")).Is(HttpStatusCode.OK).Json;
        var paths = document["paths"]!.AsObject();
        foreach (var (path, item) in paths)
        {
            foreach (var (method, operation) in item!.AsObject().Where(p => p.Key is "get" or "put" or "post" or "delete"))
            {
                var problem = operation!["responses"]?["default"]?["$ref"]?.GetValue<string>();
                Assert.True(problem == "#/components/responses/Problem", $"{method} {path}: no default problem ({problem})");
            }
        }
        var responses = document["components"]!["responses"]!.AsObject();
        foreach (var (name, response) in responses)
            Assert.Equal("#/components/schemas/ApiProblem", response!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());

        // The problems each operation can answer, by what it takes.
        string[] Problems(string path, string method) => paths[path]![method]!["responses"]!.AsObject()
            .Where(r => r.Value!["$ref"]?.GetValue<string>()?.StartsWith("#/components/responses/Problem4", StringComparison.Ordinal) == true)
            .Select(r => r.Key).Order().ToArray();
        Assert.Equal(["400", "401", "403", "404", "409", "412", "413", "415", "428"], Problems("/api/orgs/{org}/years/{fy}/measures/{id}", "put"));
        Assert.Equal(["400", "401", "403", "404", "409", "413", "415", "422"], Problems("/api/orgs/{org}/years/{fy}/measures", "post"));
        Assert.Equal(["400", "404"], Problems("/api/public/{org}", "get"));
        Assert.Equal(["400", "401", "403", "409", "413", "415"], Problems("/api/orgs", "post"));

        string? Schema(string path, string method, string status) =>
            paths[path]![method]!["responses"]![status]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();
        string? Body(string path, string method) =>
            paths[path]![method]!["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();

        Assert.Equal("#/components/schemas/OrganizationResource", Schema("/api/orgs/{org}", "get", "200"));
        Assert.Equal("#/components/schemas/OrganizationCreated", Schema("/api/orgs", "post", "201"));
        Assert.Equal("#/components/schemas/OrganizationDraft", Body("/api/orgs", "post"));
        Assert.Equal("#/components/schemas/MeasureResource", Schema("/api/orgs/{org}/years/{fy}/measures/{id}", "put", "200"));
        Assert.Equal("#/components/schemas/MeasureDraft", Body("/api/orgs/{org}/years/{fy}/measures/{id}", "put"));
        Assert.Equal("#/components/schemas/ProgressResource", Schema("/api/orgs/{org}/years/{fy}/measures/{id}/progress/{round}", "put", "201"));
        Assert.Equal("#/components/schemas/ProgressResource", Schema("/api/orgs/{org}/years/{fy}/measures/{id}/progress/{round}", "put", "200"));
        Assert.Equal("#/components/schemas/ReportResource", Schema("/api/orgs/{org}/years/{fy}/reports", "post", "202"));
        Assert.Equal("#/components/schemas/ReportOrderDraft", Body("/api/orgs/{org}/years/{fy}/reports", "post"));
        Assert.Equal("#/components/schemas/TokenDraft", Body("/api/orgs/{org}/tokens", "post"));
        Assert.NotNull(paths["/api/orgs/{org}/units/{unit}"]!["delete"]!["responses"]!["204"]);
    }

    [Fact]
    public async Task Operations_declare_their_security_their_write_headers_and_a_summary()
    {
        var document = (await Anonymous.GetAsync("/api/openapi.json")).Is(HttpStatusCode.OK).Json;
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.Equal("bearer", schemes["bearer"]!["scheme"]!.GetValue<string>());
        Assert.Equal("x-functions-key", schemes["functionKey"]!["name"]!.GetValue<string>());
        var paths = document["paths"]!;
        string[] Schemes(string path, string method) =>
            paths[path]![method]!["security"]!.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).Order().ToArray();
        string[] Headers(string path, string method) =>
            paths[path]![method]!["parameters"]!.AsArray().Where(p => p!["in"]!.GetValue<string>() == "header").Select(p => p!["name"]!.GetValue<string>()).ToArray();

        Assert.Equal(["functionKey"], Schemes("/api/orgs", "post"));
        Assert.Equal(["bearer", "functionKey"], Schemes("/api/orgs/{org}/years/{fy}/measures/{id}", "put"));
        Assert.Empty(Schemes("/api/public/{org}", "get"));
        Assert.Contains("If-Match", Headers("/api/orgs/{org}/years/{fy}/measures/{id}", "put"));
        Assert.Contains("If-Match", Headers("/api/orgs/{org}/units/{unit}", "delete"));
        Assert.Contains("Idempotency-Key", Headers("/api/orgs/{org}/years/{fy}/measures", "post"));
        Assert.Equal("Get round summary", paths["/api/orgs/{org}/years/{fy}/rounds/{round}/summary"]!["get"]!["summary"]!.GetValue<string>());
        // A PUT that creates says so (201) as well as its 200.
        Assert.NotNull(paths["/api/orgs/{org}/units/{unit}"]!["put"]!["responses"]!["201"]);
    }
}
