// SPDX-License-Identifier: MIT
using ItaServerless.Core.Access;
using ItaServerless.Core.Audit;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Storage.Access;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;

namespace ItaServerless.Functions.Api;

public static class ApiRegistration
{
    /// <summary>Authentication, the repositories on Table Storage, the use cases on them, and request limits.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddSingleton(sp => new StorageTables(sp.GetRequiredService<TableServiceClient>()));
        services.AddSingleton<IOrganizationRepository, TableOrganizationRepository>();
        services.AddSingleton<IPlanRepository, TablePlanRepository>();
        services.AddSingleton<IReportRecordRepository, TableReportRecordRepository>();
        services.AddSingleton<IReminderLog, TableReminderLog>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IAccessGrantStore, AccessGrantRepository>();
        services.AddSingleton<IAuditTrail, TableAuditTrail>();
        services.AddHostedService<StorageInitializer>();
        services.AddSingleton<ApiAuthenticator>();
        services.AddUseCases();
        services.AddSingleton<Idempotency>();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = ApiJson.MaxBodyBytes * 4L);
        return services;
    }

    /// <summary>Core's use cases: stateless, on the repositories above and the clock.</summary>
    private static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddSingleton<IssueToken>()
        .AddSingleton<CreateOrganization>()
        .AddSingleton<UpdateOrganization>()
        .AddSingleton<SaveUnit>()
        .AddSingleton<RemoveUnit>()
        .AddSingleton<SaveOfficial>()
        .AddSingleton<RemoveOfficial>()
        .AddSingleton<RecordAssessment>()
        .AddSingleton<CreateMeasure>()
        .AddSingleton<ReplaceMeasure>()
        .AddSingleton<DeleteMeasure>()
        .AddSingleton<ReportProgress>()
        .AddSingleton<RoundSummaryQuery>();
}

/// <summary>
/// Creates the tables at start-up: waits briefly so the first requests find them, then keeps
/// retrying in the background if storage is still starting (requests meanwhile get 503).
/// Unconfigured storage is logged, not fatal: /api/health still answers.
/// </summary>
public sealed class StorageInitializer(IServiceProvider services, ILogger<StorageInitializer> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _background;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        StorageTables tables;
        try
        {
            tables = services.GetRequiredService<StorageTables>();
        }
        catch (InvalidOperationException e)
        {
            logger.LogError("Storage is not configured: {Message}", e.Message);
            return;
        }

        var first = EnsureAsync(tables, _stopping.Token);
        if (await Task.WhenAny(first, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken)) != first) _background = first;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_background is not null) await Task.WhenAny(_background, Task.Delay(Timeout.Infinite, cancellationToken));
    }

    private async Task EnsureAsync(StorageTables tables, CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(200); !stoppingToken.IsCancellationRequested; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await tables.EnsureCreatedAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Storage tables not ready ({Message}); retrying in {Delay}", e.Message, delay);
                try { await Task.Delay(delay, stoppingToken); } catch (OperationCanceledException) { return; }
            }
        }
    }
}
