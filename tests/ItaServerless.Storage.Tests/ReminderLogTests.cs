// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Reminders;
using ItaServerless.Storage.Repositories;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;
using ItaServerless.Testing;

namespace ItaServerless.Storage.Tests;

/// <summary>The reminder log's claims and the open-work index against Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ReminderLogTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly FiscalYearRound Round = new(FiscalYear.Of(2569), ReportingRound.SixMonths);
    private static readonly DateTimeOffset T0 = new(2026, 4, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly ReminderSubject Subject = new(new DateOnly(2026, 4, 30), ["finance@example.go.th", "cc:plan@example.go.th"], 3);
    private StorageTables _tables = null!;

    public async Task InitializeAsync()
    {
        _tables = new StorageTables(StorageAccount.FromConnectionString(azurite.ConnectionString).Tables, AzuriteFixture.UniqueName("m"));
        await _tables.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ReminderKey Key(string unit = "finance", int slot = -7) => new("na-kham", Round, unit, ReminderSlot.FromOffset(slot));

    [Fact]
    public async Task Concurrent_claims_of_one_key_and_channel_grant_one()
    {
        var log = new TableReminderLog(_tables);
        var claims = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => log.TryClaimAsync(Key(), "email", Subject, T0, Lease)));
        var granted = Assert.Single(claims, c => c.Granted);
        Assert.All(claims.Where(c => !c.Granted), c => Assert.Equal(ReminderClaimOutcome.HeldByAnother, c.Outcome));
        // Another channel of the same reminder is a separate claim.
        Assert.True((await log.TryClaimAsync(Key(), "webhook", Subject, T0, Lease)).Granted);

        Assert.True(await log.CompleteAsync(granted.Delivery!, delivered: true, null, T0.AddSeconds(2)));
        var again = await log.TryClaimAsync(Key(), "email", Subject, T0.AddDays(1), Lease);
        Assert.Equal(ReminderClaimOutcome.AlreadyDelivered, again.Outcome);
        Assert.Equal(ReminderDeliveryState.Delivered, again.Delivery!.State);
        Assert.Equal(Subject.Recipients, again.Delivery.Subject.Recipients);
        Assert.Equal(new DateOnly(2026, 4, 30), again.Delivery.Subject.DueDate);
    }

    [Fact]
    public async Task A_failed_delivery_is_claimed_again_and_counts_attempts()
    {
        var log = new TableReminderLog(_tables);
        var first = await log.TryClaimAsync(Key(), "email", Subject, T0, Lease);
        Assert.True(await log.CompleteAsync(first.Delivery!, delivered: false, "SMTP 451 try later", T0));

        var retry = await log.TryClaimAsync(Key(), "email", Subject, T0.AddDays(1), Lease);
        Assert.True(retry.Granted);
        Assert.Equal(2, retry.Delivery!.Attempts);
        // The first claim's version is gone: its late outcome is not recorded over the retry.
        Assert.False(await log.CompleteAsync(first.Delivery!, delivered: true, null, T0.AddDays(1)));
        Assert.True(await log.CompleteAsync(retry.Delivery, delivered: true, null, T0.AddDays(1)));

        var row = Assert.Single(await log.ListAsync("na-kham", Round));
        Assert.Equal(ReminderDeliveryState.Delivered, row.State);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task A_live_claim_keeps_others_away_until_its_lease_passes()
    {
        var log = new TableReminderLog(_tables);
        var crashed = await log.TryClaimAsync(Key(), "email", Subject, T0, Lease);
        Assert.True(crashed.Granted);
        Assert.Equal(ReminderClaimOutcome.HeldByAnother, (await log.TryClaimAsync(Key(), "email", Subject, T0.AddMinutes(9), Lease)).Outcome);

        var takeover = await log.TryClaimAsync(Key(), "email", Subject, T0.AddMinutes(11), Lease);
        Assert.True(takeover.Granted);
        Assert.Equal(2, takeover.Delivery!.Attempts);
        Assert.False(await log.CompleteAsync(crashed.Delivery!, delivered: true, null, T0.AddMinutes(12)));
    }

    [Fact]
    public async Task The_whole_log_of_an_organization_lists_newest_first_and_only_its_own()
    {
        var log = new TableReminderLog(_tables);
        var twelve = new FiscalYearRound(FiscalYear.Of(2569), ReportingRound.TwelveMonths);
        var a = await log.TryClaimAsync(Key(slot: -30), "email", Subject, T0, Lease);
        await log.CompleteAsync(a.Delivery!, true, null, T0);
        var b = await log.TryClaimAsync(new ReminderKey("na-kham", twelve, "office", ReminderSlot.FromOffset(-14)), "email", Subject, T0.AddDays(3), Lease);
        await log.CompleteAsync(b.Delivery!, false, "refused", T0.AddDays(3));
        await log.TryClaimAsync(new ReminderKey("na-kham-2", Round, "office", ReminderSlot.OnDueDate), "email", Subject, T0.AddDays(9), Lease);

        var all = await log.ListAllAsync("na-kham", 10);
        Assert.Equal(["2569|12m|office|-14", "2569|6m|finance|-30"], all.Select(d => d.Key.Value));
        Assert.Equal(ReminderDeliveryState.Failed, all[0].State);
        Assert.Equal("refused", all[0].Detail);
        Assert.Single(await log.ListAllAsync("na-kham", 1));
    }

    [Fact]
    public async Task The_work_index_pairs_the_directory_with_open_rounds_and_clears_only_an_unchanged_mark()
    {
        var orgs = new TableOrganizationRepository(_tables);
        var plans = new TablePlanRepository(_tables);
        var index = new TableReminderWorkIndex(_tables);
        await orgs.CreateAsync(RepositoryTests.Org("na-kham"), RepositoryTests.Actor);
        await orgs.CreateAsync(RepositoryTests.Org("ban-mai", "อบต.บ้านใหม่"), RepositoryTests.Actor);
        await orgs.CreateAsync(RepositoryTests.Org("zz-last", "อบต.สุดท้าย"), RepositoryTests.Actor);
        await plans.CreateMeasureAsync("na-kham", RepositoryTests.MeasureOf(1), RepositoryTests.Actor);

        var listed = await index.ListAsync().ToListAsync();
        Assert.Equal(["ban-mai", "na-kham", "zz-last"], listed.Select(c => c.OrganizationId));
        Assert.Empty(listed[0].OpenRounds);
        Assert.Null(listed[0].OpenVersion);
        Assert.Equal(RepositoryTests.Org().DueDates, listed[1].DueDates);
        var twelve = new FiscalYearRound(FiscalYear.Of(2569), ReportingRound.TwelveMonths);
        Assert.Equal(new HashSet<FiscalYearRound> { Round, twelve }, listed[1].OpenRounds);

        // A measure created after the listing keeps the mark: the clear is refused.
        await plans.CreateMeasureAsync("na-kham", RepositoryTests.MeasureOf(2), RepositoryTests.Actor);
        Assert.False(await index.TrySetOpenRoundsAsync("na-kham", [twelve], listed[1].OpenVersion!.Value));
        var now = (await index.ListAsync().ToListAsync())[1];
        Assert.Equal(2, now.OpenRounds.Count);
        Assert.True(await index.TrySetOpenRoundsAsync("na-kham", [twelve], now.OpenVersion!.Value));
        now = (await index.ListAsync().ToListAsync())[1];
        Assert.Equal([twelve], now.OpenRounds);
        Assert.True(await index.TrySetOpenRoundsAsync("na-kham", [], now.OpenVersion!.Value));
        Assert.Empty((await index.ListAsync().ToListAsync())[1].OpenRounds);
    }
}
