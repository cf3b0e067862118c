// SPDX-License-Identifier: MIT
using Azure.Data.Tables;
using ItaServerless.Functions.Functions.Heartbeat;
using ItaServerless.Functions.Storage;

namespace ItaServerless.Functions.Hosting;

/// <summary>
/// While the host loads the functions, makes one blob and one table read on the other core, so the
/// first user request does not pay for the storage clients' first use (their JIT, the first
/// connection): about 0.15 s of a cold start (docs/performance.md). Failures are only logged:
/// the requests report storage problems themselves.
/// </summary>
public sealed class StartupWarmup(IServiceProvider services, ILogger<StartupWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(async () =>
    {
        try
        {
            await services.GetRequiredService<AppBlobStore>().ReadJsonAsync<HeartbeatRecord>(HeartbeatFunction.Container, HeartbeatFunction.BlobName, stoppingToken);
            await foreach (var _ in services.GetRequiredService<TableServiceClient>().QueryAsync(maxPerPage: 1, cancellationToken: stoppingToken).AsPages().WithCancellation(stoppingToken))
                break;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Start-up warm-up: storage not reachable yet");
        }
    }, stoppingToken);
}
