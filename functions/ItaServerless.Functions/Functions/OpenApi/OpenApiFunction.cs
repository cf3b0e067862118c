// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Invocation;

namespace ItaServerless.Functions.Functions.OpenApi;

/// <summary>GET /api/openapi.json: the OpenAPI description of every API route, generated from the endpoints.</summary>
public sealed class OpenApiFunction : IHttpFunction
{
    public static string FunctionName => "OpenApi";

    public static void Map(IEndpointRouteBuilder routes) => routes.MapOpenApi("/api/openapi.json");
}
