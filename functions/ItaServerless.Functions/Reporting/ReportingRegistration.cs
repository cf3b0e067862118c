// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Reporting;

public static class ReportingRegistration
{
    /// <summary>The report blobs, the font and the renderer used by the Reports and RenderReport functions.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<ReportFiles>();
        services.AddSingleton<ReportFonts>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<ReportRequester>();
        return services;
    }
}
