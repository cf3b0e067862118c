// SPDX-License-Identifier: MIT
namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// One app (its worker behind the local host, on its own Azurite) and one Chromium for every browser test (starting Chromium is the slow
/// part); each test makes its own organization, so tests never see each other's data.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "Browser";
    private BrowserApp? app;
    private ChromeSession? chrome;

    public BrowserApp App => app ?? throw new InvalidOperationException("not started");

    public ChromeSession Chrome => chrome ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var starting = BrowserApp.StartAsync();
        chrome = new ChromeSession();
        app = await starting;
    }

    public async Task DisposeAsync()
    {
        chrome?.Dispose();
        if (app is not null) await app.DisposeAsync();
    }
}

[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
