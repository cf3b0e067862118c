// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Reminders;

namespace ItaServerless.Core.Tests.Reminders;

public class ReminderSlotTests
{
    private static readonly DateOnly Due = new(2026, 4, 30);

    [Theory]
    [InlineData("2026-03-30", null)]
    [InlineData("2026-03-31", -30)]
    [InlineData("2026-04-15", -30)]
    [InlineData("2026-04-16", -14)]
    [InlineData("2026-04-22", -14)]
    [InlineData("2026-04-23", -7)]
    [InlineData("2026-04-27", -3)]
    [InlineData("2026-04-29", -1)]
    [InlineData("2026-04-30", 0)]
    [InlineData("2026-05-06", 0)]
    [InlineData("2026-05-07", 7)]
    [InlineData("2026-05-13", 7)]
    [InlineData("2026-05-14", 14)]
    [InlineData("2026-10-29", 182)]
    public void Latest_slot_on_a_day(string today, int? expected)
    {
        var slot = ReminderSlot.LatestOn(DateOnly.Parse(today), Due);
        Assert.Equal(expected, slot?.Offset);
    }

    [Fact]
    public void Only_schedule_offsets_are_slots()
    {
        foreach (var ok in new[] { -30, -14, -7, -3, -1, 0, 7, 14, 70 }) Assert.True(ReminderSlot.IsValidOffset(ok), ok.ToString());
        foreach (var bad in new[] { -31, -15, -2, 1, 6, 8, 13 }) Assert.False(ReminderSlot.IsValidOffset(bad), bad.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderSlot.FromOffset(5));
        Assert.True(ReminderSlot.FirstOverdue.IsOverdue);
        Assert.False(ReminderSlot.OnDueDate.IsOverdue);
    }

    [Fact]
    public void Key_is_deterministic_and_round_trips()
    {
        var round = new FiscalYearRound(FiscalYear.Of(2569), ReportingRound.SixMonths);
        var key = new ReminderKey("na-kham", round, "finance", ReminderSlot.FromOffset(-7));
        Assert.Equal("2569|6m|finance|-7", key.Value);
        Assert.Equal("na-kham|2569|6m|finance|-7", key.FullValue);
        Assert.Equal(key, ReminderKey.TryParse("na-kham", key.Value));
        Assert.Equal("2570|12m|office|14",
            new ReminderKey("na-kham", new FiscalYearRound(FiscalYear.Of(2570), ReportingRound.TwelveMonths), "office", ReminderSlot.FromOffset(14)).Value);
        Assert.Null(ReminderKey.TryParse("na-kham", "2569|6m|finance|-8"));
        Assert.Null(ReminderKey.TryParse("na-kham", "2569|9m|finance|-7"));
        Assert.Null(ReminderKey.TryParse("na-kham", "2569|6m|Finance|-7"));
        Assert.Null(ReminderKey.TryParse("na-kham", "2569|6m|finance"));
    }

    [Fact]
    public void Windows_run_from_thirty_days_before_until_the_next_due_date()
    {
        var fy = FiscalYear.Of(2569);
        var six = new FiscalYearRound(fy, ReportingRound.SixMonths);
        var twelve = new FiscalYearRound(fy, ReportingRound.TwelveMonths);
        Assert.Equal(new DateOnly(2026, 3, 31), ReminderSchedule.RemindFrom(six, RoundDueDates.Default));
        Assert.Equal(new DateOnly(2026, 10, 30), ReminderSchedule.RemindUntil(six, RoundDueDates.Default));
        Assert.Equal(new DateOnly(2026, 10, 1), ReminderSchedule.RemindFrom(twelve, RoundDueDates.Default));
        Assert.Equal(new DateOnly(2027, 4, 29), ReminderSchedule.RemindUntil(twelve, RoundDueDates.Default));

        Assert.DoesNotContain(ReminderSchedule.ActiveOn(new DateOnly(2026, 3, 30), RoundDueDates.Default), a => a.Round.Year == fy);
        var october = ReminderSchedule.ActiveOn(new DateOnly(2026, 10, 30), RoundDueDates.Default);
        Assert.Equal(new[] { six, twelve }, october.Select(a => a.Round));
        Assert.Equal(new[] { 182, -1 }, october.Select(a => a.Slot.Offset));
        Assert.Equal(new[] { twelve }, ReminderSchedule.ActiveOn(new DateOnly(2026, 10, 31), RoundDueDates.Default).Select(a => a.Round));
        // 09:00 in Bangkok on 31 March is 02:00 UTC on the same day; 23:30 UTC on 30 March is already 31 March there.
        Assert.Equal(-30, ReminderSchedule.ActiveAt(new DateTimeOffset(2026, 3, 30, 23, 30, 0, TimeSpan.Zero), RoundDueDates.Default).Single(a => a.Round == six).Slot.Offset);
    }
}
