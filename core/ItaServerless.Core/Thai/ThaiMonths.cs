// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Thai;

/// <summary>Thai month names as written in official documents; month 1 = January.</summary>
public static class ThaiMonths
{
    private static readonly string[] FullNames =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    private static readonly string[] AbbreviatedNames =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    /// <summary>"ตุลาคม" for 10.</summary>
    public static string Full(int month) => FullNames[Index(month)];

    /// <summary>"ต.ค." for 10.</summary>
    public static string Abbreviated(int month) => AbbreviatedNames[Index(month)];

    /// <summary>The month number of a full or abbreviated Thai name, or null.</summary>
    public static int? FromName(string name)
    {
        var trimmed = name.Trim();
        var i = Array.IndexOf(FullNames, trimmed);
        if (i < 0) i = Array.IndexOf(AbbreviatedNames, trimmed);
        return i < 0 ? null : i + 1;
    }

    private static int Index(int month) =>
        month is >= 1 and <= 12
            ? month - 1
            : throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1..12.");
}
