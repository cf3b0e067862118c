// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;

// The .NET isolated worker: the Functions host (Azure's, or functions/ItaServerless.FunctionsHost locally)
// starts this process, loads the functions from their attributes and forwards HTTP requests to it.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ApiMiddleware>();
builder.Services.AddItaServerless(builder.Configuration);
builder.Services.AddHostedService<StartupWarmup>();
builder.Build().Run();
