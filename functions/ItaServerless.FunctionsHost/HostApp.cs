// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.FunctionsHost.Admin;
using ItaServerless.FunctionsHost.Blobs;
using ItaServerless.FunctionsHost.Functions;
using ItaServerless.FunctionsHost.Grpc;
using ItaServerless.FunctionsHost.Http;
using ItaServerless.FunctionsHost.Keys;
using ItaServerless.FunctionsHost.Storage;
using ItaServerless.FunctionsHost.Timers;
using ItaServerless.FunctionsHost.Worker;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace ItaServerless.FunctionsHost;

/// <summary>Puts the host together: the front door on options.Port, the gRPC endpoint for the worker on a free port; the first worker starts before the rest is built.</summary>
public static class HostApp
{
    public static WebApplication Build(FunctionsHostOptions options, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var grpc = new GrpcEndpoint();
        var firstWorker = WorkerLaunch.StartEarly(options, grpc);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning).AddFilter("Yarp", LogLevel.Warning)
            .AddFilter("Worker.Microsoft", LogLevel.Warning); // the worker's own ASP.NET Core and hosting lines
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = endpoint =>
            endpoint is IPEndPoint { Port: var port } && port == grpc.Port ? grpc.TakeSocket() : SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, grpc.Port, l => l.Protocols = HttpProtocols.Http2); // h2c, as the worker connects
            kestrel.Listen(IPAddress.Loopback, options.Port, l => l.Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = null; // the worker applies its own limits
        });
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = int.MaxValue;
            o.MaxSendMessageSize = int.MaxValue;
        });
        builder.Services.AddHttpForwarder();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(grpc);
        builder.Services.AddSingleton(firstWorker);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new RuntimeBlobStore(new BlobServiceClient(options.StorageConnection, new BlobClientOptions(options.BlobServiceVersion))));
        builder.Services.AddSingleton<FunctionDispatcher>();
        builder.Services.AddSingleton<FunctionEndpoints>();
        builder.Services.AddSingleton<KeyStore>();
        builder.Services.AddSingleton<HttpForwarding>();
        foreach (var service in new[] { typeof(WorkerSupervisor), typeof(TimerScheduler), typeof(BlobTriggerWatcher) })
        {
            builder.Services.AddSingleton(service);
            builder.Services.AddSingleton(sp => (IHostedService)sp.GetRequiredService(service));
        }
        configure?.Invoke(builder);

        var app = builder.Build();
        var endpoints = app.Services.GetRequiredService<FunctionEndpoints>();
        var dispatcher = app.Services.GetRequiredService<FunctionDispatcher>();
        dispatcher.Loaded += endpoints.Update;
        dispatcher.Loaded += functions => PrintFunctions(app, options, functions);
        app.UseRouting();
        app.MapGrpcService<FunctionRpcService>().RequireHost($"*:{grpc.Port}");
        app.MapAdminEndpoints();
        ((IEndpointRouteBuilder)app).DataSources.Add(endpoints);
        return app;
    }

    /// <summary>Like `func start`: each function with its URL (with the key when it needs one) or its trigger.</summary>
    private static void PrintFunctions(WebApplication app, FunctionsHostOptions options, IReadOnlyList<HostFunction> functions)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Host.Startup");
        foreach (var function in functions)
        {
            var line = function.Trigger switch
            {
                HttpTrigger h => $"[{(h.Methods.Count == 0 ? "ALL" : string.Join(',', h.Methods))}] http://localhost:{options.Port}/{h.Route} ({h.Level})",
                TimerTrigger t => $"timerTrigger {t.Schedule}",
                BlobTrigger b => $"blobTrigger {b.Path.Container}/… (polled every {options.BlobPollInterval.TotalSeconds:0.#} s)",
                _ => "not served by this host",
            };
            logger.LogInformation("{Function}: {Line}", function.Name, line);
        }
        // Keys are created on first use, not here, so that a host without storage still starts.
        logger.LogInformation("Keys: x-functions-key or ?code=; kept in {Container}/{Path}{Master}", RuntimePaths.SecretsContainer,
            RuntimePaths.HostSecrets(options.HostId), options.MasterKey is null ? "" : " (master key: ITA_ADMIN_KEY)");
    }
}
