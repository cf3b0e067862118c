// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Tests;

public class ReportingRoundTests
{
    private static readonly FiscalYear Fy2569 = FiscalYear.Of(2569);

    [Fact]
    public void Rounds_cover_the_first_half_and_the_whole_year()
    {
        Assert.Equal(new DateOnly(2025, 10, 1), ReportingRound.SixMonths.PeriodStart(Fy2569));
        Assert.Equal(new DateOnly(2026, 3, 31), ReportingRound.SixMonths.PeriodEnd(Fy2569));
        Assert.Equal(new DateOnly(2025, 10, 1), ReportingRound.TwelveMonths.PeriodStart(Fy2569));
        Assert.Equal(new DateOnly(2026, 9, 30), ReportingRound.TwelveMonths.PeriodEnd(Fy2569));
    }

    [Fact]
    public void Rounds_parse_from_their_codes()
    {
        Assert.Same(ReportingRound.SixMonths, ReportingRound.Parse("6m").Value);
        Assert.Same(ReportingRound.TwelveMonths, ReportingRound.Parse(" 12M ").Value);
        Assert.Equal(("unknown_value", "round"), ReportingRound.Parse("9m").Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Throws<ValidationException>(() => ReportingRound.FromCode(""));
    }

    [Fact]
    public void Default_due_dates_are_30_April_and_31_October()
    {
        var due = RoundDueDates.Default;
        Assert.Equal(new DateOnly(2026, 4, 30), due.DueDate(Fy2569, ReportingRound.SixMonths));
        Assert.Equal(new DateOnly(2026, 10, 31), due.DueDate(Fy2569, ReportingRound.TwelveMonths));
    }

    [Fact]
    public void Due_dates_can_be_changed_per_organization()
    {
        var due = RoundDueDates.Create(4, 15, 10, 22).Value;
        Assert.Equal(new DateOnly(2026, 4, 15), due.DueDate(Fy2569, ReportingRound.SixMonths));
        Assert.Equal(new DateOnly(2026, 10, 22), due.DueDate(Fy2569, ReportingRound.TwelveMonths));
        // A due day before the period end falls in the following year.
        var late = RoundDueDates.Create(3, 31, 1, 15).Value;
        Assert.Equal(new DateOnly(2026, 3, 31), late.DueDate(Fy2569, ReportingRound.SixMonths));
        Assert.Equal(new DateOnly(2027, 1, 15), late.DueDate(Fy2569, ReportingRound.TwelveMonths));
    }

    [Fact]
    public void Impossible_due_days_are_rejected_with_their_field()
    {
        var result = RoundDueDates.Create(2, 29, 13, 1);
        Assert.Equal(["dueDates.sixMonths", "dueDates.twelveMonths"], result.Errors.Select(e => e.Field));
        Assert.False(DueDay.Create(4, 31).IsValid);
    }

    [Theory]
    [InlineData(2025, 10, 1, "2568/12m 2569/6m")]
    [InlineData(2025, 10, 31, "2568/12m 2569/6m")]
    [InlineData(2025, 11, 1, "2569/6m")]
    [InlineData(2026, 3, 31, "2569/6m")]
    [InlineData(2026, 4, 1, "2569/6m 2569/12m")]
    [InlineData(2026, 4, 30, "2569/6m 2569/12m")]
    [InlineData(2026, 5, 1, "2569/12m")]
    [InlineData(2026, 10, 15, "2569/12m 2570/6m")]
    public void Open_rounds_on_a_date(int y, int m, int d, string expected) =>
        Assert.Equal(expected, string.Join(" ", FiscalYearRound.OpenOn(new DateOnly(y, m, d), RoundDueDates.Default)));

    [Fact]
    public void Open_rounds_at_an_instant_use_Bangkok_time()
    {
        // 31 Oct 2025 17:30 UTC is 1 Nov 00:30 in Bangkok: last year's 12m round has closed.
        var rounds = FiscalYearRound.OpenAt(new DateTimeOffset(2025, 10, 31, 17, 30, 0, TimeSpan.Zero), RoundDueDates.Default);
        Assert.Equal("2569/6m", string.Join(" ", rounds));
    }

    [Fact]
    public void A_round_is_overdue_after_its_due_date()
    {
        var round = new FiscalYearRound(Fy2569, ReportingRound.SixMonths);
        Assert.False(round.IsOverdueOn(new DateOnly(2026, 4, 30), RoundDueDates.Default));
        Assert.True(round.IsOverdueOn(new DateOnly(2026, 5, 1), RoundDueDates.Default));
        Assert.Equal(new DateOnly(2026, 4, 1), new FiscalYearRound(Fy2569, ReportingRound.TwelveMonths).OpensOn);
    }
}
