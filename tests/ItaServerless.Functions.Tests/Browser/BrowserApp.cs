// SPDX-License-Identifier: MIT
using System.Net;
using ItaServerless.Functions.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The real program, unchanged, on Kestrel at 127.0.0.1 on a free port so that a browser can reach
/// it: the API and the form it serves at /api/app/, on the test's Azurite.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string AdminKey = "browser-test-admin-key";
    private readonly string connectionString;

    public BrowserApp(string connectionString)
    {
        this.connectionString = connectionString;
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Http = new HttpClient { BaseAddress = BaseUrl };
        Admin = new ApiClient(Http) { AdminKey = AdminKey };
    }

    /// <summary>http://127.0.0.1:port/ of the running app.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A plain client of the running app (over the loopback, as the browser calls it).</summary>
    public HttpClient Http { get; }

    /// <summary>The API as the administrator; <c>Admin.As(token)</c> as an organization's token.</summary>
    public ApiClient Admin { get; }

    /// <summary>The form's address: /api/app/ plus an optional hash route ("#/measures?year=2570").</summary>
    public string FormUrl(string hash = "") => new Uri(BaseUrl, WebForm.BasePath + "/") + hash;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("AzureWebJobsStorage", connectionString);
        builder.UseSetting("AzureFunctionsWebHost:hostid", "browser-tests");
        builder.UseSetting("ITA_ADMIN_KEY", AdminKey);
        builder.UseSetting("LocalRuntime:RunBackgroundListeners", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning"); // keep CI logs readable
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Http.Dispose();
        base.Dispose(disposing);
    }
}
