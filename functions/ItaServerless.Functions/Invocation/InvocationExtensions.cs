// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Hosting;
using ItaServerless.Functions.Metadata;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.Invocation;

public static class InvocationExtensions
{
    /// <summary>Registers a timer or blob function handler (its function.json folder has the same name).</summary>
    public static IServiceCollection AddTriggeredFunction<T>(this IServiceCollection services) where T : class, ITriggeredFunction
    {
        services.AddSingleton(new FunctionRegistration(T.FunctionName, typeof(T), IsHttp: false, MapRoutes: null));
        services.AddScoped<T>();
        return services;
    }

    /// <summary>Registers an HTTP function (its routes are mapped at start-up).</summary>
    public static IServiceCollection AddHttpFunction<T>(this IServiceCollection services) where T : class, IHttpFunction
    {
        services.AddSingleton(new FunctionRegistration(T.FunctionName, typeof(T), IsHttp: true, MapRoutes: T.Map));
        return services;
    }

    /// <summary>The function catalog (read from the script root) and the invoker.</summary>
    public static IServiceCollection AddFunctionInvocation(this IServiceCollection services)
    {
        services.AddSingleton(sp => FunctionCatalog.Load(sp.GetRequiredService<IOptions<FunctionsAppOptions>>().Value.ScriptRoot));
        services.AddSingleton<FunctionInvoker>();
        return services;
    }

    /// <summary>
    /// Maps every HTTP function's routes, and <c>POST /{FunctionName}</c> for every non-HTTP
    /// function: the route the host posts invocation payloads to.
    /// </summary>
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder routes)
    {
        var registrations = routes.ServiceProvider.GetServices<FunctionRegistration>().ToList();
        foreach (var registration in registrations.Where(r => r.IsHttp))
        {
            // Tagged so the contract tests can check that the host routes each path to this function.
            var group = routes.MapGroup("");
            group.WithMetadata(new FunctionEndpointMetadata(registration.Name));
            registration.MapRoutes!(group);
        }
        foreach (var registration in registrations.Where(r => !r.IsHttp))
        {
            var name = registration.Name;
            routes.MapPost("/" + name, async (InvocationRequest request, FunctionInvoker invoker, CancellationToken ct) =>
            {
                if (!invoker.CanInvoke(name)) return Results.NotFound();
                var outcome = await invoker.InvokeAsync(name, request, ct);
                return Results.Json(outcome.Response, PayloadJson.Options, statusCode: outcome.Succeeded ? 200 : 500);
            }).ExcludeFromDescription();
        }
        return routes;
    }
}
