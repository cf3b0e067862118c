// SPDX-License-Identifier: AGPL-3.0-or-later
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The real program on Kestrel at 127.0.0.1 on a free port, so that a browser can reach it; with
/// the test-only canned routes in front. connectionString null = no storage (client-side tests).
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "browser-test-admin-key";
    private readonly string? connectionString;

    public BrowserApp(string? connectionString)
    {
        this.connectionString = connectionString;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public CannedApi Canned { get; } = new();

    /// <summary>http://127.0.0.1:port/ of the running app.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The form's address: /api/app/ plus an optional hash route ("#/measures?year=2570").</summary>
    public string FormUrl(string hash = "") => new Uri(BaseUrl, WebForm.BasePath + "/").ToString() + hash;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        if (connectionString is not null) builder.UseSetting("AzureWebJobsStorage", connectionString);
        builder.UseSetting("AzureFunctionsWebHost:hostid", "browser-tests");
        builder.UseSetting("ITA_ADMIN_KEY", AdminKey);
        builder.UseSetting("LocalRuntime:RunBackgroundListeners", "false");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Canned);
            services.AddSingleton<IStartupFilter>(new BrowserTestStartupFilter(Canned, WebForm.SourceFolder));
        });
    }
}
