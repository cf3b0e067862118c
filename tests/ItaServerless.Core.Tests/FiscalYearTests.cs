// SPDX-License-Identifier: MIT
using FsCheck.Fluent;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Tests;

public class FiscalYearTests
{
    [Fact]
    public void Fiscal_year_2569_runs_from_1_October_2025_to_30_September_2026()
    {
        var fy = FiscalYear.Of(2569);
        Assert.Equal(new DateOnly(2025, 10, 1), fy.Start);
        Assert.Equal(new DateOnly(2026, 9, 30), fy.End);
        Assert.Equal(YearMonth.Of(2568, 10), fy.FirstMonth);
        Assert.Equal(YearMonth.Of(2569, 9), fy.LastMonth);
        Assert.True(fy.Contains(new DateOnly(2025, 10, 1)));
        Assert.True(fy.Contains(new DateOnly(2026, 9, 30)));
        Assert.False(fy.Contains(new DateOnly(2025, 9, 30)));
        Assert.False(fy.Contains(new DateOnly(2026, 10, 1)));
        Assert.Equal("2569", fy.ToString());
    }

    [Theory]
    [InlineData(2025, 9, 30, 2568)]
    [InlineData(2025, 10, 1, 2569)]
    [InlineData(2026, 9, 30, 2569)]
    [InlineData(2024, 2, 29, 2567)]
    public void Fiscal_year_of_a_date(int y, int m, int d, int expected) =>
        Assert.Equal(expected, FiscalYear.FromDate(new DateOnly(y, m, d)).Year);

    [Fact]
    public void Fiscal_year_of_an_instant_uses_Bangkok_time()
    {
        // 17:00 UTC on 30 Sep 2025 is already 1 Oct 2025 00:00 in Bangkok.
        Assert.Equal(2569, FiscalYear.From(new DateTimeOffset(2025, 9, 30, 17, 0, 0, TimeSpan.Zero)).Year);
        Assert.Equal(2568, FiscalYear.From(new DateTimeOffset(2025, 9, 30, 16, 59, 59, TimeSpan.Zero)).Year);
        Assert.Equal(2569, FiscalYear.From(new DateTimeOffset(2025, 9, 30, 12, 0, 0, TimeSpan.FromHours(-12))).Year);
    }

    [Fact]
    public void A_common_era_year_is_rejected_with_the_buddhist_era_suggestion()
    {
        var result = FiscalYear.Create(2026);
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCodes.YearLooksLikeCe, error.Code);
        Assert.Equal("fiscalYear", error.Field);
        Assert.Contains("2569", error.MessageEn);
        Assert.Contains("ค.ศ.", error.MessageTh);
        Assert.Contains("2569", error.MessageTh);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2499)]
    [InlineData(2701)]
    [InlineData(1899)]
    public void Years_outside_the_range_are_rejected(int year) =>
        Assert.Equal(ErrorCodes.OutOfRange, Assert.Single(FiscalYear.Create(year).Errors).Code);

    [Fact]
    public void Throwing_constructor_and_parse()
    {
        Assert.Throws<ValidationException>(() => FiscalYear.Of(2026));
        Assert.Equal(2569, FiscalYear.Parse("๒๕๖๙").Value.Year);
        Assert.Equal(2569, FiscalYear.Parse(" พ.ศ. 2569 ").Value.Year);
        Assert.Equal(ErrorCodes.InvalidFormat, FiscalYear.Parse("next", "year").Errors.Single().Code);
        Assert.Equal("year", FiscalYear.Parse("2026", "year").Errors.Single().Field);
    }

    [Fact]
    public void Fiscal_years_compare_by_value()
    {
        Assert.Equal(FiscalYear.Of(2569), FiscalYear.Of(2568).Next);
        Assert.True(FiscalYear.Of(2568) < FiscalYear.Of(2569));
        Assert.True(FiscalYear.Of(2569) == FiscalYear.Of(2569));
        Assert.Equal(FiscalYear.Of(2568), FiscalYear.Of(2569).Previous);
    }

    [Fact]
    public void Every_date_is_in_exactly_one_fiscal_year() =>
        PropertyCheck.ForAll(PropertyCheck.Dates, date =>
        {
            var fy = FiscalYear.FromDate(date);
            var others = new[] { fy.Year - 1, fy.Year + 1 }
                .Where(y => y is >= FiscalYear.MinYear and <= FiscalYear.MaxYear)
                .Select(FiscalYear.Of);
            return fy.Contains(date) && !others.Any(o => o.Contains(date))
                && YearMonth.FromDate(date).FiscalYear == fy;
        });

    [Fact]
    public void An_instant_lies_between_its_fiscal_years_Bangkok_midnights() =>
        PropertyCheck.ForAll(
            from day in Gen.Choose(new DateOnly(1957, 1, 1).DayNumber, new DateOnly(2156, 12, 31).DayNumber)
            from minute in Gen.Choose(0, 24 * 60 - 1)
            from offset in Gen.Choose(-12, 14)
            select (day, minute, offset),
            t =>
            {
                var (day, minute, offset) = t;
                var local = DateOnly.FromDayNumber(day).ToDateTime(TimeOnly.MinValue).AddMinutes(minute);
                var instant = new DateTimeOffset(local, TimeSpan.FromHours(offset));
                var fy = FiscalYear.From(instant);
                var opens = new DateTimeOffset(fy.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
                var closes = new DateTimeOffset(fy.End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(7));
                return opens <= instant && instant < closes;
            });
}
