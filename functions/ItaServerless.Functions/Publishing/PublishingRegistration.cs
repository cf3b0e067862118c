// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Publishing;

public static class PublishingRegistration
{
    /// <summary>The public container, the publisher shared by the API and the timer, and the timer's sweep.</summary>
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddSingleton<PublicDocuments>();
        services.AddSingleton<ReportPublisher>();
        services.AddSingleton<AutoPublisher>();
        return services;
    }
}
