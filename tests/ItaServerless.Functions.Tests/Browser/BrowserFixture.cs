// SPDX-License-Identifier: MIT
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// One Azurite, one app and one Chromium for every browser test (starting Chromium is the slow
/// part); each test makes its own organization, so tests never see each other's data.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "Browser";
    private AzuriteServer? azurite;
    private BrowserApp? app;
    private ChromeSession? chrome;

    public BrowserApp App => app ?? throw new InvalidOperationException("not started");

    public ChromeSession Chrome => chrome ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var starting = AzuriteServer.StartNewAsync();
        chrome = new ChromeSession();
        azurite = await starting;
        app = new BrowserApp(azurite.ConnectionString);
    }

    public Task DisposeAsync()
    {
        chrome?.Dispose();
        app?.Dispose();
        azurite?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
