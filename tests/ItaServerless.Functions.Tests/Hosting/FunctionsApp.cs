// SPDX-License-Identifier: MIT
using System.Reflection;
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ItaServerless.Functions.Tests.Hosting;

/// <summary>
/// The app's function classes in memory, for tests that change what the worker cannot: a manual clock,
/// a table prefix, a failing store, an extra reminder channel. The services are the worker's
/// (<see cref="AppRegistration.AddItaServerless"/>); each HTTP function is served at its own
/// <c>[HttpTrigger]</c> route through <see cref="ApiPipeline"/>, as <see cref="ApiMiddleware"/> runs it in the
/// worker; timer and blob functions are called with <see cref="RunAsync{T}"/>. The integration tests run the
/// real worker behind the local host (<see cref="WorkerFixture"/>).
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    public const string AdminKey = "test-admin-key-of-at-least-32-characters";

    private readonly WebApplication _app;

    public FunctionsApp(string? connectionString, TimeProvider? clock = null, Action<IWebHostBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        if (connectionString is not null) builder.WebHost.UseSetting("AzureWebJobsStorage", connectionString);
        builder.WebHost.UseSetting("ITA_ADMIN_KEY", AdminKey);
        builder.WebHost.UseSetting("Logging:LogLevel:Default", "Warning"); // keep CI logs readable
        builder.Services.AddItaServerless(builder.Configuration);
        if (clock is not null) builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        configure?.Invoke(builder.WebHost);
        _app = builder.Build();
        foreach (var function in HttpFunctionCatalog.All)
            _app.MapMethods("/" + function.Route, function.Methods, context => InvokeAsync(context, function)).WithDisplayName(function.Name);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public HttpClient CreateClient() => _app.GetTestClient();

    /// <summary>Runs a timer or blob function as the worker would: a new instance in its own scope.</summary>
    public async Task RunAsync<T>(Func<T, Task> run) where T : class
    {
        await using var scope = Services.CreateAsyncScope();
        await run(ActivatorUtilities.CreateInstance<T>(scope.ServiceProvider));
    }

    private static async Task InvokeAsync(HttpContext context, HttpFunction function)
    {
        var method = function.Method;
        var instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!);
        var arguments = method.GetParameters().Select(p => Bind(p, context, function)).ToArray();
        object? answer = null;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(function.Name);
        await ApiPipeline.RunAsync(context, function, async () => answer = await CallAsync(method, instance, arguments), a => answer = a, logger);
        if (answer is IResult result) await result.ExecuteAsync(context);
    }

    /// <summary>The worker's bindings of this app: the trigger's request, route values by name, the body, the cancellation token.</summary>
    private static object? Bind(ParameterInfo parameter, HttpContext context, HttpFunction function) =>
        parameter.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            var t when ApiBodyConverter.IsApiBody(t) => ApiBodyConverter.For(t, context.Request, function.ResourceType),
            var t when t == typeof(string) => context.GetRouteValue(parameter.Name!)?.ToString(),
            var t => throw new InvalidOperationException($"{parameter.Member.Name}: no binding for {parameter.Name} ({t.Name})."),
        };

    private static async Task<object?> CallAsync(MethodInfo method, object? instance, object?[] arguments)
    {
        var returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        if (returned is not Task task) return returned;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task);
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }
}
