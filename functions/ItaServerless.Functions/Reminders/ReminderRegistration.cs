// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Notifications;
using ItaServerless.Notifications.Channels;
using ItaServerless.Notifications.Messages;
using ItaServerless.Notifications.Sweep;
using ItaServerless.Storage.Repositories;

namespace ItaServerless.Functions.Reminders;

/// <summary>
/// Reminder settings and services. Channels: e-mail when <c>Notifications:Smtp:Host</c> is set; the
/// file sink (<c>Notifications:FileSink:Directory</c>, default <c>.azurite/outbox</c>) when there is
/// no SMTP or when its folder is set; the organization's webhook; plus any <see cref="IReminderChannel"/>
/// registered in the container.
/// </summary>
public static class ReminderRegistration
{
    public const string Section = "Notifications";
    public const string DefaultOutbox = ".azurite/outbox";

    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSingleton<IReminderWorkIndex, TableReminderWorkIndex>();
        services.AddSingleton(sp => Bind<NotificationOptions>(sp, Section));
        services.AddSingleton(sp => Bind<SmtpOptions>(sp, Section + ":Smtp"));
        services.AddSingleton(sp => Bind<WebhookOptions>(sp, Section + ":Webhook"));
        services.AddSingleton(sp => Bind<ReminderSweepOptions>(sp, Section + ":Sweep"));
        services.AddSingleton(sp =>
        {
            var options = Bind<FileSinkOptions>(sp, Section + ":FileSink");
            if (sp.GetRequiredService<IConfiguration>()[Section + ":FileSink:Directory"] is not { Length: > 0 }) options.Directory = DefaultOutbox;
            return options;
        });
        services.AddSingleton<ReminderComposer>();
        services.AddSingleton<IReminderChannelSource>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReminderRegistration));
            var shared = new List<IReminderChannel>();
            var smtp = sp.GetRequiredService<SmtpOptions>();
            var hasSmtp = !string.IsNullOrWhiteSpace(smtp.Host);
            if (hasSmtp) shared.Add(new SmtpReminderChannel(smtp));
            if (!hasSmtp || configuration[Section + ":FileSink:Directory"] is { Length: > 0 })
            {
                var file = sp.GetRequiredService<FileSinkOptions>();
                shared.Add(new FileSinkChannel(file, sp.GetRequiredService<ILogger<FileSinkChannel>>()));
                if (!hasSmtp) logger.LogInformation("Reminders: no SMTP configured (Notifications:Smtp:Host); reminders are written to {Outbox}", Path.GetFullPath(file.Directory));
            }

            shared.AddRange(sp.GetServices<IReminderChannel>());
            var webhook = sp.GetRequiredService<WebhookOptions>();
            return new ConfiguredChannels(shared, WebhookHttp.Create(webhook), webhook, line => logger.LogWarning("{Line}", line));
        });
        services.AddSingleton<ReminderSweep>();
        return services;
    }

    private static T Bind<T>(IServiceProvider services, string section) where T : new() =>
        services.GetRequiredService<IConfiguration>().GetSection(section).Get<T>() ?? new T();
}
