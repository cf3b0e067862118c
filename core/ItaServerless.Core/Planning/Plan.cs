// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>Which plan a measure belongs to.</summary>
public enum Plan
{
    /// <summary>มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน (answers the ITA analysis).</summary>
    Ita,
    /// <summary>แผนปฏิบัติการป้องกันการทุจริต (seed 003): adds kind and dimension.</summary>
    AntiCorruption,
}

/// <summary>The kind of an anti-corruption plan item.</summary>
public enum MeasureKind
{
    /// <summary>โครงการ</summary>
    Project,
    /// <summary>กิจกรรม</summary>
    Activity,
    /// <summary>มาตรการ</summary>
    Measure,
    /// <summary>แนวปฏิบัติ</summary>
    Guideline,
}

public static class PlanNames
{
    /// <summary>"ita" / "anticorruption".</summary>
    public static string Code(this Plan plan) => plan == Plan.Ita ? "ita" : "anticorruption";

    public static string NameTh(this Plan plan) => plan == Plan.Ita
        ? "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        : "แผนปฏิบัติการป้องกันการทุจริต";

    public static string NameEn(this Plan plan) => plan == Plan.Ita
        ? "Integrity and transparency measures"
        : "Anti-corruption action plan";

    /// <summary>"project", "activity", "measure", "guideline".</summary>
    public static string Code(this MeasureKind kind) => kind.ToString().ToLowerInvariant();

    public static string NameTh(this MeasureKind kind) => kind switch
    {
        MeasureKind.Project => "โครงการ",
        MeasureKind.Activity => "กิจกรรม",
        MeasureKind.Measure => "มาตรการ",
        _ => "แนวปฏิบัติ",
    };

    /// <summary>The four dimensions (มิติ) of the anti-corruption plan, as named in seed 003.</summary>
    public static string DimensionNameTh(int dimension) => dimension switch
    {
        1 => "การสร้างวัฒนธรรมสุจริต",
        2 => "การบริหารราชการด้วยความโปร่งใส",
        3 => "การส่งเสริมบทบาทและการมีส่วนร่วมของประชาชน",
        4 => "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "A dimension is 1..4."),
    };

    public static Validated<Plan> ParsePlan(string? code, string field = "plan") =>
        Parse(code, field, Enum.GetValues<Plan>(), Code,
            "แผนต้องเป็น ita หรือ anticorruption", "The plan must be ita or anticorruption.");

    /// <summary>Accepts the code ("project") or the Thai name ("โครงการ").</summary>
    public static Validated<MeasureKind> ParseKind(string? code, string field = "kind") =>
        Parse(code, field, Enum.GetValues<MeasureKind>(), k => k.Code(),
            "ประเภทต้องเป็น โครงการ กิจกรรม มาตรการ หรือ แนวปฏิบัติ",
            "The kind must be project, activity, measure or guideline.", k => k.NameTh());

    private static Validated<T> Parse<T>(string? code, string field, T[] values, Func<T, string> codeOf,
        string messageTh, string messageEn, Func<T, string>? thaiName = null)
    {
        var text = code?.Trim();
        foreach (var value in values)
        {
            if (string.Equals(codeOf(value), text, StringComparison.OrdinalIgnoreCase)
                || (thaiName is not null && thaiName(value) == text))
            {
                return Validated<T>.Ok(value);
            }
        }

        return Validated<T>.Fail(string.IsNullOrEmpty(text)
            ? TextRules.Required(field)
            : new ValidationError(ErrorCodes.UnknownValue, field, messageTh, messageEn));
    }
}
