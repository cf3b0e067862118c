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
}
