// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Text;

namespace ItaServerless.Reports.Tests;

public class ThaiShaperTests
{
    // The glyph choices checked by eye on the glyph sheet (TestResults/artifacts/glyph-sheet-1.png).
    [Theory]
    [InlineData("ที่", "ที่")]                                  // tone stays high above an upper vowel
    [InlineData("ผู้ใหญ่", "ผู\uF70Bใหญ\uF70A")]                // tones lowered when no upper vowel
    [InlineData("ปั้น", "ป\uF710\uF714น")]                     // vowel and tone moved left over ป
    [InlineData("ฟ้า", "ฟ\uF706า")]                            // tone lowered and moved left
    [InlineData("ป่า", "ป\uF705า")]
    [InlineData("ฝ้าย", "ฝ\uF706าย")]
    [InlineData("ญู", "\uF70Fู")]                              // ญ without its tail above a lower vowel
    [InlineData("ฐ", "ฐ")]
    [InlineData("ฐุ", "\uF700ุ")]
    [InlineData("น้ำ", "น้ำ")]                                  // the nikhahit of ำ keeps the tone high
    [InlineData("กตัญญู", "กตัญ\uF70Fู")]
    [InlineData("ปู่", "ปู\uF705")]
    [InlineData("ฟื้น", "ฟ\uF704\uF714น")]
    [InlineData("ฎุ", "ฎ\uF718")]                              // lower vowel moved down under ฎ
    [InlineData("ฏู", "ฏ\uF719")]
    [InlineData("ป่ำ", "ป\uF713ำ")]                            // left, high: ำ sits at the upper-vowel level
    [InlineData("ABC ๑๒๓", "ABC ๑๒๓")]
    public void Chooses_the_pre_shifted_glyphs(string original, string expected)
    {
        var display = ThaiShaper.ToDisplay(original);
        Assert.Equal(Hex(expected), Hex(display));
        Assert.Equal(original, ThaiShaper.ToOriginal(display));
    }

    [Fact]
    public void Keeps_a_mark_when_the_font_lacks_its_shifted_glyph()
    {
        Assert.Equal("ป่า", ThaiShaper.ToDisplay("ป่า", _ => false));
    }

    [Fact]
    public void Laksaman_has_every_private_use_glyph_the_shaper_produces()
    {
        var face = TestFiles.Laksaman.Face(Fonts.FontStyle.Regular);
        Assert.All(ThaiShaper.PrivateUseCodePoints, c => Assert.True(face.HasGlyph(c), $"U+{(int)c:X4}"));
    }

    [Fact]
    public void Every_private_use_glyph_maps_back_to_one_thai_mark_or_consonant()
    {
        Assert.All(ThaiShaper.PrivateUseCodePoints, c =>
        {
            Assert.InRange(c, '\uF700', '\uF71A');
            Assert.InRange(ThaiShaper.OriginalOf(c), '\u0E01', '\u0E4E');
        });
    }

    private static string Hex(string s) => string.Join(" ", s.Select(c => ((int)c).ToString("X4")));
}
