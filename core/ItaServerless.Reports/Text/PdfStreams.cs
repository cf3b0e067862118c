// SPDX-License-Identifier: MIT
using System.IO.Compression;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace ItaServerless.Reports.Text;

/// <summary>
/// PDFsharp's own Flate encoder (6.2.4, as 6.5 before it) leaves the zlib stream unterminated (no final block, no Adler-32),
/// which `qpdf --check` reports as a warning. We switch its content compression off and deflate the
/// page contents ourselves with .NET's zlib.
/// </summary>
internal static class PdfStreams
{
    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(data);
        return output.ToArray();
    }

    public static void CompressPageContents(PdfDocument document)
    {
        foreach (var page in document.Pages)
            foreach (var item in page.Contents.Elements)
            {
                if (item is not PdfReference { Value: PdfContent content } || content.Elements.ContainsKey("/Filter")) continue;
                content.Stream.Value = Deflate(content.Stream.Value);
                content.Elements.SetName("/Filter", "/FlateDecode");
            }
    }
}
