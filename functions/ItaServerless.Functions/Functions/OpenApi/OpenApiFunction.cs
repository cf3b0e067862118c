// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace ItaServerless.Functions.Functions.OpenApi;

/// <summary>GET /api/openapi.json: the OpenAPI description of every API function, generated from their signatures.</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApi"), ExcludeFromDescription]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request, CancellationToken ct) =>
        Results.Bytes(await ApiDocument.JsonAsync(ct), "application/json; charset=utf-8");
}
