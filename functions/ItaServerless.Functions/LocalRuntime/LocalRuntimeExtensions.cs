// SPDX-License-Identifier: MIT
using System.Security.Cryptography;
using ItaServerless.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace ItaServerless.Functions.LocalRuntime;

/// <summary>The local Functions runtime: on when the app is not under the Functions host.</summary>
public static class LocalRuntimeExtensions
{
    public static IServiceCollection AddLocalRuntime(this IServiceCollection services)
    {
        services.AddSingleton<TimerScheduler>();
        services.AddSingleton<BlobTriggerWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<IOptions<FunctionsAppOptions>>().Value.RunBackgroundListeners
            ? new ListenerHost(sp.GetRequiredService<TimerScheduler>(), sp.GetRequiredService<BlobTriggerWatcher>())
            : new ListenerHost());
        return services;
    }

    /// <summary>The admin route, and the admin key: generated and printed when none is configured.</summary>
    public static WebApplication UseLocalRuntime(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<FunctionsAppOptions>>().Value;
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            options.AdminKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            Console.WriteLine($"Admin key (header x-functions-key: create organizations, POST /admin/functions/{{name}}): {options.AdminKey}");
        }
        app.MapAdminEndpoints();
        return app;
    }

    /// <summary>Starts and stops the timer scheduler and the blob watcher with the app.</summary>
    private sealed class ListenerHost(params BackgroundService[] listeners) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(listeners.Select(l => l.StartAsync(cancellationToken)));

        public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(listeners.Select(l => l.StopAsync(cancellationToken)));
    }
}
