// SPDX-License-Identifier: MIT
using ItaServerless.Core.Reports;

namespace ItaServerless.Functions.Reporting;

public static class ReportingRegistration
{
    /// <summary>The report blobs (also the request queue), the font, the renderer and the request use case.</summary>
    public static IServiceCollection AddReporting(this IServiceCollection services)
    {
        services.AddSingleton<ReportFiles>();
        services.AddSingleton<ReportFonts>();
        services.AddSingleton<ReportRenderer>();
        services.AddSingleton<IReportRequestQueue>(sp => sp.GetRequiredService<ReportFiles>());
        services.AddSingleton<RequestReport>();
        return services;
    }
}
