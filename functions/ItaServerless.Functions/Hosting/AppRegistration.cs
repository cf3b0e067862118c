// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Api;
using ItaServerless.Functions.Publishing;
using ItaServerless.Functions.Reminders;
using ItaServerless.Functions.Reporting;
using ItaServerless.Functions.Storage;

namespace ItaServerless.Functions.Hosting;

/// <summary>Everything the functions use, in one place: the worker's Program and the tests compose the app alike.</summary>
public static class AppRegistration
{
    public static IServiceCollection AddItaServerless(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FunctionsAppOptions>(o =>
        {
            configuration.GetSection("Functions").Bind(o);
            if (configuration["ITA_ADMIN_KEY"] is { Length: > 0 } key) o.AdminKey = key;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddRuntimeStorage();
        services.AddApi();
        services.AddReminders();
        services.AddReporting();
        services.AddPublishing();
        return services;
    }
}
