// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Functions;
using ItaServerless.Functions.Invocation;
using ItaServerless.Functions.LocalRuntime;
using ItaServerless.Functions.Reminders;
using ItaServerless.Functions.Storage;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.Hosting;

/// <summary>
/// One program, two ways to run: under the Functions host (FUNCTIONS_CUSTOMHANDLER_PORT set) it
/// is a custom handler listening on that port; otherwise it is also the local Functions runtime.
/// </summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddFunctionsApp(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var port = configuration["FUNCTIONS_CUSTOMHANDLER_PORT"];
        builder.Services.Configure<FunctionsAppOptions>(o =>
        {
            if (configuration["AzureWebJobsScriptRoot"] is { Length: > 0 } root) o.ScriptRoot = root;
            if (configuration["AzureFunctionsWebHost:hostid"] is { Length: > 0 } hostId) o.HostId = hostId;
            if (configuration["ITA_ADMIN_KEY"] is { Length: > 0 } key) o.AdminKey = key;
            if (int.TryParse(port, out var p)) o.CustomHandlerPort = p;
            configuration.GetSection("LocalRuntime").Bind(o);
        });
        if (int.TryParse(port, out var handlerPort))
            builder.WebHost.UseUrls($"http://127.0.0.1:{handlerPort}");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRuntimeStorage();
        builder.Services.AddApi();
        builder.Services.AddReminders();
        builder.Services.AddFunctionInvocation();
        builder.Services.AddAppFunctions();
        var underHost = handlerPort > 0;
        if (!underHost) builder.Services.AddLocalRuntime();
        return builder;
    }

    public static WebApplication UseFunctionsApp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<FunctionsAppOptions>>().Value;
        app.UseApiErrorHandling();
        app.MapFunctions();
        app.MapGet("/", () => Results.Redirect("/api/app/")).ExcludeFromDescription();
        if (!options.UnderFunctionsHost) app.UseLocalRuntime();
        return app;
    }
}
