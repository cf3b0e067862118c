// SPDX-License-Identifier: MIT
using ItaServerless.Functions.Tests.Api;
using ItaServerless.Functions.Tests.Hosting;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// The app as it runs (<see cref="WorkerFixture"/>: the worker behind the local host at 127.0.0.1 on a
/// free port), so that a browser can reach it: the API and the form it serves at /api/app/.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    public const string AdminKey = WorkerFixture.AdminKey;

    private readonly WorkerFixture _worker;

    private BrowserApp(WorkerFixture worker)
    {
        _worker = worker;
        Http = new HttpClient { BaseAddress = BaseUrl };
        Admin = new ApiClient(Http) { AdminKey = AdminKey };
    }

    public static async Task<BrowserApp> StartAsync()
    {
        var worker = new WorkerFixture();
        await worker.InitializeAsync();
        return new BrowserApp(worker);
    }

    /// <summary>http://127.0.0.1:port/ of the running app.</summary>
    public Uri BaseUrl => _worker.BaseUrl;

    /// <summary>A plain client of the running app (over the loopback, as the browser calls it).</summary>
    public HttpClient Http { get; }

    /// <summary>The API as the administrator; <c>Admin.As(token)</c> as an organization's token.</summary>
    public ApiClient Admin { get; }

    /// <summary>The form's address: /api/app/ plus an optional hash route ("#/measures?year=2570").</summary>
    public string FormUrl(string hash = "") => new Uri(BaseUrl, WebForm.BasePath + "/") + hash;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _worker.DisposeAsync();
    }
}
