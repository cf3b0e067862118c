// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Tests;

public class YearMonthTests
{
    [Fact]
    public void Parses_and_formats_buddhist_era_months()
    {
        var m = YearMonth.Parse("2568-10").Value;
        Assert.Equal(2568, m.Year);
        Assert.Equal(10, m.Month);
        Assert.Equal("2568-10", m.ToString());
        Assert.Equal(new DateOnly(2025, 10, 1), m.FirstDay);
        Assert.Equal(new DateOnly(2025, 10, 31), m.LastDay);
        Assert.Equal(2569, m.FiscalYear.Year);
        Assert.Equal(YearMonth.Of(2569, 4), YearMonth.Parse("๒๕๖๙-๔").Value);
        Assert.Equal(new DateOnly(2024, 2, 29), YearMonth.Of(2567, 2).LastDay);
    }

    [Theory]
    [InlineData("2568/10", ErrorCodes.InvalidFormat)]
    [InlineData("68-10", ErrorCodes.InvalidFormat)]
    [InlineData("", ErrorCodes.InvalidFormat)]
    [InlineData("2568-13", ErrorCodes.OutOfRange)]
    [InlineData("2025-10", ErrorCodes.YearLooksLikeCe)]
    public void Rejects_bad_months(string text, string code) =>
        Assert.Equal(code, YearMonth.Parse(text, "period.from").Errors.Single().Code);

    [Fact]
    public void Adds_months_across_years()
    {
        Assert.Equal(YearMonth.Of(2569, 1), YearMonth.Of(2568, 12).AddMonths(1));
        Assert.Equal(YearMonth.Of(2568, 9), YearMonth.Of(2569, 9).AddMonths(-12));
        Assert.True(YearMonth.Of(2568, 12) < YearMonth.Of(2569, 1));
    }
}

public class PeriodTests
{
    private static readonly FiscalYear Fy2569 = FiscalYear.Of(2569);

    [Fact]
    public void Whole_year_and_month_ranges()
    {
        var whole = Period.WholeYear(Fy2569);
        Assert.True(whole.IsWholeYear);
        Assert.Equal(Fy2569.Start, whole.Start);
        Assert.Equal(Fy2569.End, whole.End);

        var range = Period.Create(Fy2569, "2568-10", "2569-04").Value;
        Assert.False(range.IsWholeYear);
        Assert.Equal(new DateOnly(2026, 4, 30), range.End);
        Assert.True(range.Contains(new DateOnly(2026, 4, 30)));
        Assert.False(range.Contains(new DateOnly(2026, 5, 1)));
    }

    [Fact]
    public void A_range_of_the_twelve_months_is_the_whole_year()
    {
        Assert.True(Period.Create(Fy2569, "2568-10", "2569-09").Value.IsWholeYear);
        Assert.Equal(Period.WholeYear(Fy2569), Period.Create(Fy2569, null, " ").Value);
    }

    [Fact]
    public void Months_outside_the_fiscal_year_are_rejected_with_field_paths()
    {
        var result = Period.Create(Fy2569, "2568-09", "2569-10");
        Assert.Equal([("period_outside_year", "period.from"), ("period_outside_year", "period.to")],
            result.Errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void Reversed_or_half_given_ranges_are_rejected()
    {
        Assert.Equal(("period_reversed", "period.to"),
            Period.Create(Fy2569, "2569-04", "2568-10").Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Equal(("required", "period.to"),
            Period.Create(Fy2569, "2569-04", null).Errors.Select(e => (e.Code, e.Field)).Single());
        Assert.Equal(("invalid_format", "p.from"),
            Period.Create(Fy2569, "April", "2569-05", "p").Errors.Select(e => (e.Code, e.Field)).Single());
    }
}
