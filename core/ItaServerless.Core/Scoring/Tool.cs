// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>The three ITA instruments.</summary>
public enum Tool
{
    /// <summary>Internal staff perception survey.</summary>
    IIT,
    /// <summary>External stakeholder perception survey.</summary>
    EIT,
    /// <summary>Open data: the organization's website disclosure check.</summary>
    OIT,
}

public static class Tools
{
    public static IReadOnlyList<Tool> All { get; } = [Tool.IIT, Tool.EIT, Tool.OIT];

    /// <summary>"IIT", "EIT", "OIT".</summary>
    public static string Code(this Tool tool) => tool.ToString();

    /// <summary>The Thai name used in NACC's reports.</summary>
    public static string NameTh(this Tool tool) => tool switch
    {
        Tool.IIT => "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        Tool.EIT => "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        _ => "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
    };

    public static string NameEn(this Tool tool) => tool switch
    {
        Tool.IIT => "Internal Integrity and Transparency Assessment",
        Tool.EIT => "External Integrity and Transparency Assessment",
        _ => "Open Data Integrity and Transparency Assessment",
    };

    /// <summary>The letter that starts the tool's question ids: i, e, o.</summary>
    public static char QuestionPrefix(this Tool tool) => tool switch
    {
        Tool.IIT => 'i',
        Tool.EIT => 'e',
        _ => 'o',
    };

    public static IReadOnlyList<Indicator> Indicators(this Tool tool) =>
        Indicator.All.Where(i => i.Tool == tool).ToArray();

    public static Validated<Tool> Parse(string? code, string field = "tool")
    {
        foreach (var tool in All)
        {
            if (string.Equals(tool.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) return Validated<Tool>.Ok(tool);
        }

        return Validated<Tool>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "เครื่องมือการประเมินต้องเป็น IIT, EIT หรือ OIT", "The tool must be IIT, EIT or OIT."));
    }
}
