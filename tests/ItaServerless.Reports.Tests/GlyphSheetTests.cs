// SPDX-License-Identifier: MIT
using ItaServerless.Reports.Fonts;
using ItaServerless.Reports.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ItaServerless.Reports.Tests;

public class GlyphSheetTests
{
    public static readonly string[] HardWords =
        ["ที่", "ผู้ใหญ่", "ปั้น", "ฟ้า", "ป่า", "ฝ้าย", "ญู", "ฐ", "น้ำ", "กตัญญู", "ปู่", "ฟื้น", "ฐุ", "ฎุ", "ปิ่น", "ฝั่ง", "ฬ่", "ป่ำ", "กิ่ง", "ก้ำ"];

    [Fact]
    public void Hard_words_round_trip_through_pdftotext_and_render_to_png()
    {
        var typesetter = new Typesetter(TestFiles.Laksaman);
        using var document = new PdfDocument();
        document.Options.CompressContentStreams = false;
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(148);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var big = new TextStyle(40);
            var small = new TextStyle(16);
            for (var i = 0; i < HardWords.Length; i++)
            {
                double x = 30 + (i % 5) * 110, y = 60 + (i / 5) * 90;
                // Left: shaped; below: the same word unshaped, drawn straight with PDFsharp, for comparison.
                typesetter.Draw(gfx, HardWords[i], big, x, y);
                gfx.DrawString(HardWords[i], typesetter.Font(small), XBrushes.Gray, x, y + 28, XStringFormats.BaseLineLeft);
            }
        }
        typesetter.FixToUnicode(document);
        PdfStreams.CompressPageContents(document);
        using var stream = new MemoryStream();
        document.Save(stream);
        var path = TestFiles.Save("glyph-sheet.pdf", stream.ToArray());

        var text = TestFiles.PdfToText(path);
        foreach (var word in HardWords) Assert.Contains(word, text);
        Assert.DoesNotContain(text, c => c is >= '\uF700' and <= '\uF8FF');
        Assert.Single(TestFiles.PdfToPng(path));
        var (exitCode, output) = TestFiles.QpdfCheck(path);
        Assert.True(exitCode == 0, output);
    }
}
