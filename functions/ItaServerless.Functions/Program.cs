// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsApp();

var app = builder.Build();
app.UseFunctionsApp();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
