// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Text;

namespace ItaServerless.Reports.Tests;

public sealed class ThaiLineBreakerTests
{
    [Theory]
    [InlineData("ใช้งบประมาณจำนวนหนึ่งแสนบาท", "งบประมาณ")]
    [InlineData("กองคลังและงานนิติการร่วมกันตรวจสอบ", "นิติการ")]
    public void Words_icu_splits_stay_whole(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        var opportunities = ThaiLineBreaker.Opportunities(text);
        Assert.DoesNotContain(opportunities, p => p > at && p < at + word.Length);
        // The word is still a unit of its own: a line may start and end around it.
        Assert.Contains(at, opportunities);
        Assert.Contains(at + word.Length, opportunities);
    }

    [Theory]
    [InlineData("ประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ได้สิ้นสุดแล้ว", "พ.ศ. ๒๕๖๖")]
    [InlineData("ปีงบประมาณ พ.ศ.2566", "พ.ศ.2566")]
    public void The_era_stays_with_its_year(string text, string unit)
    {
        var at = text.IndexOf(unit, StringComparison.Ordinal);
        Assert.DoesNotContain(ThaiLineBreaker.Opportunities(text), p => p > at && p < at + unit.Length);
    }

    [Fact]
    public void Other_words_keep_their_dictionary_breaks()
    {
        const string text = "ประชาสัมพันธ์ช่องทางร้องเรียนการทุจริต";
        var opportunities = ThaiLineBreaker.Opportunities(text);
        Assert.Contains(text.IndexOf("ช่องทาง", StringComparison.Ordinal), opportunities);
        Assert.Contains(text.IndexOf("ร้องเรียน", StringComparison.Ordinal), opportunities);
    }
}
