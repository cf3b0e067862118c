// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Testing;
using Microsoft.AspNetCore.Routing;

namespace ItaServerless.Functions.Tests.Api;

[Collection(AzuriteFixture.Collection)]
public sealed class OpenApiTests(AzuriteFixture azurite) : ApiTestBase(azurite)
{
    [Fact]
    public async Task The_openapi_document_describes_every_api_route()
    {
        var document = (await Anonymous.GetAsync("/api/openapi.json")).Is(HttpStatusCode.OK).Json;
        Assert.StartsWith("3.", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();

        var described = App.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .ToList();
        Assert.True(described.Count >= 30, $"only {described.Count} routes");
        foreach (var endpoint in described)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.TrimStart('/').TrimEnd('/');
            Assert.True(paths.ContainsKey(path), $"{path} is missing from /api/openapi.json");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
                Assert.NotNull(paths[path]![method.ToLowerInvariant()]);
        }
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
                var problem = operation!["responses"]?["default"]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.True(problem == "#/components/schemas/ApiProblem", $"{method} {path}: no default problem ({problem})");
            }
        }

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
}
