// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Storage.Repositories;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

[Collection(AzuriteFixture.Collection)]
public sealed class IdempotencyStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 30, 3, 0, 0, TimeSpan.Zero);
    private TableIdempotencyStore _store = null!;

    public async Task InitializeAsync()
    {
        var tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("i"));
        await tables.EnsureCreatedAsync();
        _store = new TableIdempotencyStore(tables);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_answer_is_replayed_for_a_day_and_then_the_key_is_free_again()
    {
        Assert.Equal(IdempotencyState.Claimed, (await _store.ClaimAsync("org", "k", "body-1", T0)).State);
        await _store.CompleteAsync("org", "k", new StoredResponse(201, "application/json", "/api/x/1", "\"e\"", [1, 2, 3]));

        var replay = await _store.ClaimAsync("org", "k", "body-1", T0.AddHours(23));
        Assert.Equal(IdempotencyState.Completed, replay.State);
        Assert.Equal([1, 2, 3], replay.Response!.Body);
        Assert.Equal(WithheldBody.None, replay.Response.Withheld);
        Assert.Equal(IdempotencyState.Mismatch, (await _store.ClaimAsync("org", "k", "body-2", T0.AddHours(23))).State);

        // After the retention, the same key names a new request, whatever its body.
        Assert.Equal(IdempotencyState.Claimed, (await _store.ClaimAsync("org", "k", "body-2", T0 + IIdempotencyStore.Retention)).State);
        Assert.Equal(IdempotencyState.InProgress, (await _store.ClaimAsync("org", "k", "body-2", T0 + IIdempotencyStore.Retention)).State);
    }

    [Theory]
    [InlineData(WithheldBody.Secret)]
    [InlineData(WithheldBody.TooLarge)]
    public async Task A_withheld_body_is_stored_as_withheld(WithheldBody withheld)
    {
        await _store.ClaimAsync("org", "w" + withheld, "b", T0);
        await _store.CompleteAsync("org", "w" + withheld, new StoredResponse(201, "application/json", "/api/x/2", null, [], withheld));
        var replay = (await _store.ClaimAsync("org", "w" + withheld, "b", T0.AddMinutes(1))).Response!;
        Assert.Equal(withheld, replay.Withheld);
        Assert.Empty(replay.Body);
        Assert.Equal("/api/x/2", replay.Location);
    }
}
