// SPDX-License-Identifier: MIT
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Reports;
using ItaServerless.Core.Thai;
using ItaServerless.Reports.Layout;

namespace ItaServerless.Reports.Documents;

/// <summary>A person who signs: the name (printed in parentheses) and the position lines under it.</summary>
public sealed record Signer(string Name, IReadOnlyList<string> Positions)
{
    /// <summary>An official as printed under a signature, the position line by line.</summary>
    public static Signer Of(Official official)
    {
        ArgumentNullException.ThrowIfNull(official);
        return new(official.Name, Signers.Lines(official.Position));
    }
}

/// <summary>The memo header fields not stored elsewhere (they come with the report request).</summary>
public sealed record MemoHeader(string Department, string Number, DateOnly Date, string Subject, string To);

/// <summary>A superior's comment or order on the memo (ความเห็น… / คำสั่ง…), signed.</summary>
public sealed record Endorsement(string Heading, string Comment, Signer Signer)
{
    /// <summary>An official's empty comment (ความเห็น…) or, for the executive, order (คำสั่ง…), headed with the first line of the position.</summary>
    public static Endorsement Of(Official official)
    {
        var signer = Signer.Of(official);
        return new((official.Role == OfficialRole.Executive ? "คำสั่ง" : "ความเห็น") + signer.Positions[0], "", signer);
    }
}

/// <summary>A titled part of the memo body (เรื่องเดิม, ข้อเท็จจริง, ข้อเสนอเพื่อพิจารณา) with its paragraphs.</summary>
public sealed record MemoSection(string Heading, IReadOnlyList<string> Paragraphs);

/// <summary>The official memo (บันทึกข้อความ): title, header fields, body, closing, signature chain.</summary>
internal static class Memo
{
    public const string Title = "บันทึกข้อความ";

    public static void Write(ReportBuilder builder, MemoHeader header, byte[]? emblem, IReadOnlyList<MemoSection> body,
        string closing, Signer drafter, IReadOnlyList<Endorsement> endorsements)
    {
        builder.MemoTitle(Title, emblem);
        builder.Field("ส่วนราชการ", header.Department);
        builder.Fields(("ที่", header.Number), ("วันที่", ThaiFormat.Date(header.Date)));
        builder.Field("เรื่อง", header.Subject);
        builder.Space(6);
        builder.Field("เรียน", header.To);
        foreach (var section in body)
        {
            if (section.Heading.Length > 0) builder.Heading(section.Heading, spaceBefore: 6);
            else builder.Space(6);
            foreach (var paragraph in section.Paragraphs) builder.Paragraph(paragraph, ParagraphStyle.Indented);
        }
        builder.Paragraph(closing, ParagraphStyle.Indented with { SpaceBefore = 6 });
        builder.Signature(new SignatureBlock(drafter.Name, drafter.Positions));
        foreach (var endorsement in endorsements)
        {
            builder.Space(6);
            builder.Signature(new SignatureBlock(endorsement.Signer.Name, endorsement.Signer.Positions)
            {
                Preamble = [endorsement.Heading],
                // One entry per line, so the signature keeps all of a multi-line comment on its page.
                Comment = endorsement.Comment.Length > 0 ? endorsement.Comment.Split('\n') : [],
            });
        }
    }
}
