// SPDX-License-Identifier: MIT
using FsCheck.Fluent;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;

namespace ItaServerless.Core.Tests;

public class ThaiDigitsTests
{
    [Fact]
    public void Converts_digits_both_ways()
    {
        Assert.Equal("๒๕๖๙", ThaiDigits.ToThaiDigits("2569"));
        Assert.Equal("ที่ พง ๕๒๔๐๑/๑๒๒๔", ThaiDigits.ToThaiDigits("ที่ พง 52401/1224"));
        Assert.Equal("๐๑๒๓๔๕๖๗๘๙", ThaiDigits.ToThaiDigits(123456789).Insert(0, "๐"));
        Assert.Equal("2569-04", ThaiDigits.ToAsciiDigits("๒๕๖๙-๐๔"));
        Assert.Equal(83, ThaiDigits.ParseInt("๘๓"));
        Assert.Equal(1224, ThaiDigits.ParseInt("๑2๒4"));
        Assert.False(ThaiDigits.TryParseInt("๘๓.๐๓", out _));
        Assert.Throws<FormatException>(() => ThaiDigits.ParseInt("abc"));
    }

    [Fact]
    public void Thai_digit_round_trip_holds_for_all_text() =>
        PropertyCheck.ForAll(
            Gen.Elements("0123456789กขค .,-/ab๐๑๒๓๔๕๖๗๘๙".ToCharArray()).ListOf().Select(cs => new string(cs.ToArray())),
            text =>
            {
                var thai = ThaiDigits.ToThaiDigits(text);
                return !thai.Any(char.IsAsciiDigit)
                    && ThaiDigits.ToAsciiDigits(thai) == ThaiDigits.ToAsciiDigits(text)
                    && ThaiDigits.ToThaiDigits(ThaiDigits.ToAsciiDigits(thai)) == thai;
            });

    [Fact]
    public void Integers_round_trip_through_thai_digits() =>
        PropertyCheck.ForAll(Gen.Choose(int.MinValue, int.MaxValue), n => ThaiDigits.ParseInt(ThaiDigits.ToThaiDigits(n)) == n);
}

public class ThaiFormatTests
{
    [Fact]
    public void Full_dates_in_buddhist_era_with_thai_digits()
    {
        Assert.Equal("๒ ตุลาคม ๒๕๖๖", ThaiFormat.Date(new DateOnly(2023, 10, 2)));
        Assert.Equal("12 มกราคม 2567", ThaiFormat.Date(new DateOnly(2024, 1, 12), thaiDigits: false));
        Assert.Equal("๑ ตุลาคม ๒๕๖๘", ThaiFormat.Date(new DateTimeOffset(2025, 9, 30, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Formal_dates_name_the_era_as_announcements_sign_them()
    {
        // Seed 003: "ประกาศ ณ วันที่ ๒ ตุลาคม พ.ศ. ๒๕๖๖".
        Assert.Equal("๒ ตุลาคม พ.ศ. ๒๕๖๖", ThaiFormat.FormalDate(new DateOnly(2023, 10, 2)));
        Assert.Equal("12 มกราคม พ.ศ. 2567", ThaiFormat.FormalDate(new DateOnly(2024, 1, 12), thaiDigits: false));
    }

    [Fact]
    public void Month_names()
    {
        Assert.Equal("ตุลาคม", ThaiMonths.Full(10));
        Assert.Equal("เม.ย.", ThaiMonths.Abbreviated(4));
        Assert.Equal(12, ThaiMonths.FromName("ธ.ค."));
        Assert.Equal(2, ThaiMonths.FromName("กุมภาพันธ์"));
        Assert.Null(ThaiMonths.FromName("October"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThaiMonths.Full(13));
        Assert.Equal(12, Enumerable.Range(1, 12).Select(ThaiMonths.Abbreviated).Distinct().Count());
    }

    [Fact]
    public void Periods_as_in_the_seeds()
    {
        var fy2566 = FiscalYear.Of(2566);
        Assert.Equal("ต.ค.๖๕ – เม.ย.๖๖", ThaiFormat.Period(Period.Create(fy2566, "2565-10", "2566-04").Value));
        Assert.Equal("ต.ค.65 – เม.ย.66", ThaiFormat.Period(Period.Create(fy2566, "2565-10", "2566-04").Value, thaiDigits: false));
        Assert.Equal("ม.ค.๖๖", ThaiFormat.Period(Period.Create(fy2566, "2566-01", "2566-01").Value));
        Assert.Equal("ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙", ThaiFormat.Period(Period.WholeYear(FiscalYear.Of(2569))));
        Assert.Equal("ต.ค.๖๕", ThaiFormat.MonthYearShort(YearMonth.Of(2565, 10)));
        Assert.Equal("เมษายน ๒๕๖๖", ThaiFormat.MonthYear(YearMonth.Of(2566, 4)));
        Assert.Equal("ต.ค.๐๐", ThaiFormat.MonthYearShort(YearMonth.Of(2600, 10)));
    }

    [Fact]
    public void Rounds_and_fiscal_years()
    {
        Assert.Equal("รอบ ๖ เดือน", ThaiFormat.RoundName(ReportingRound.SixMonths));
        Assert.Equal("รอบ ๑๒ เดือน", ThaiFormat.RoundName(ReportingRound.TwelveMonths));
        Assert.Equal("รอบ 12 เดือน", ThaiFormat.RoundName(ReportingRound.TwelveMonths, thaiDigits: false));
        Assert.Equal("ปีงบประมาณ พ.ศ. ๒๕๖๙", ThaiFormat.FiscalYear(FiscalYear.Of(2569)));
    }

    [Fact]
    public void Money_percentages_and_scores()
    {
        Assert.Equal("4,840.00 บาท", ThaiFormat.Baht(Baht.Of(4840m)));
        Assert.Equal("100,000.00", ThaiFormat.BahtAmount(Baht.Of(100_000m)));
        Assert.Equal("0.00 บาท", ThaiFormat.Baht(Baht.Zero));
        Assert.Equal("๔,๘๔๐.๐๐ บาท", ThaiFormat.Baht(Baht.Of(4840m), thaiDigits: true));
        Assert.Equal("ไม่ใช้งบประมาณ", ThaiFormat.Budget(Baht.Zero));
        Assert.Equal("1,234,567.89 บาท", ThaiFormat.Budget(Baht.Of(1_234_567.89m)));
        Assert.Equal("ร้อยละ 4.84", ThaiFormat.Percent(4.84m));
        Assert.Equal("ร้อยละ ๑๐๐.๐๐", ThaiFormat.Percent(100m, thaiDigits: true));
        Assert.Equal("ร้อยละ 0.01", ThaiFormat.Percent(0.005m));
        Assert.Equal("83.03", ThaiFormat.Score(Score.Of(83.03m)));
        Assert.Equal("๑๐๐.๐๐", ThaiFormat.Score(Score.Of(100m), thaiDigits: true));
        Assert.Equal("๑๕", ThaiFormat.Count(15, thaiDigits: true));
    }

    [Fact]
    public void Baht_text_round_trips_for_all_amounts() =>
        PropertyCheck.ForAll(Gen.Zip(PropertyCheck.BahtAmounts, Gen.Elements(true, false)), t =>
        {
            var amount = Baht.Of(t.Item1);
            var text = ThaiFormat.Baht(amount, t.Item2);
            return Baht.Parse(text).Value == amount && ThaiFormat.Baht(Baht.Parse(text).Value, t.Item2) == text;
        });
}
