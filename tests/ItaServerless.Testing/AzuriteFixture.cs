// SPDX-License-Identifier: MIT
using Xunit;

namespace ItaServerless.Testing;

/// <summary>
/// xunit collection fixture: one Azurite per test project run. In the test project:
/// <code>[CollectionDefinition(AzuriteFixture.Collection)] public sealed class AzuriteCollection : ICollectionFixture&lt;AzuriteFixture&gt;;</code>
/// then <c>[Collection(AzuriteFixture.Collection)]</c> on the test classes, which take the fixture in their constructor.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IDisposable
{
    public const string Collection = "Azurite";

    private AzuriteServer? _server;

    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>Explicit BlobEndpoint/TableEndpoint with the devstoreaccount1 key.</summary>
    public string ConnectionString => Server.ConnectionString;

    public async Task InitializeAsync() => _server = await AzuriteServer.StartNewAsync();

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _server?.Dispose();

    /// <summary>A name unique within the run, valid for containers and tables (lowercase letters and digits).</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
