// SPDX-License-Identifier: AGPL-3.0-or-later
using ItaServerless.Testing;

namespace ItaServerless.Functions.Tests.Browser;

/// <summary>
/// One app (on its own Azurite, which the app needs to start; the tests answer through canned
/// routes) and one Chromium, shared by the client-side browser tests.
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
        azurite = await AzuriteServer.StartNewAsync();
        app = new BrowserApp(azurite.ConnectionString);
        chrome = new ChromeSession();
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
