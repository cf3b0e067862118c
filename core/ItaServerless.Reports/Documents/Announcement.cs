// SPDX-License-Identifier: MIT
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>The closing of an announcement (ประกาศ): "ประกาศ ณ วันที่ …" and the executive's signature under it.</summary>
internal static class Announcement
{
    public static void Sign(ReportBuilder builder, DateOnly date, Signer executive)
    {
        var lineHeight = builder.Typesetter.LineHeight(builder.BodyStyle);
        // The date line, the signing space, the name and the positions stay on one page.
        builder.KeepSpace((4 + executive.Positions.Count) * lineHeight + 12);
        var column = builder.Geometry.ContentWidth * 0.4;
        builder.Paragraph($"ประกาศ ณ วันที่ {ThaiFormat.FormalDate(date)}",
            new ParagraphStyle { LeftIndent = column, Align = TextAlign.Center, SpaceBefore = 12 });
        builder.Signature(new SignatureBlock(executive.Name, executive.Positions));
    }
}
