// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>One of the 10 ITA indicators (ตัวชี้วัด), each measured by one tool.</summary>
public sealed class Indicator : IEquatable<Indicator>, IComparable<Indicator>
{
    public static IReadOnlyList<Indicator> All { get; } =
    [
        new(1, Tool.IIT, "การปฏิบัติหน้าที่", "Performance of duties"),
        new(2, Tool.IIT, "การใช้งบประมาณ", "Use of budget"),
        new(3, Tool.IIT, "การใช้อำนาจ", "Use of authority"),
        new(4, Tool.IIT, "การใช้ทรัพย์สินของราชการ", "Use of government property"),
        new(5, Tool.IIT, "การแก้ไขปัญหาการทุจริต", "Tackling corruption"),
        new(6, Tool.EIT, "คุณภาพการดำเนินงาน", "Quality of operations"),
        new(7, Tool.EIT, "ประสิทธิภาพการสื่อสาร", "Effectiveness of communication"),
        new(8, Tool.EIT, "การปรับปรุงระบบการทำงาน", "Improvement of work systems"),
        new(9, Tool.OIT, "การเปิดเผยข้อมูล", "Disclosure of information"),
        new(10, Tool.OIT, "การป้องกันการทุจริต", "Prevention of corruption"),
    ];

    private Indicator(int number, Tool tool, string nameTh, string nameEn)
    {
        Number = number;
        Tool = tool;
        NameTh = nameTh;
        NameEn = nameEn;
    }

    /// <summary>1..10.</summary>
    public int Number { get; }

    public Tool Tool { get; }

    public string NameTh { get; }

    public string NameEn { get; }

    public static Validated<Indicator> Create(int number, string field = "indicator") =>
        number is >= 1 and <= 10
            ? Validated<Indicator>.Ok(All[number - 1])
            : Validated<Indicator>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
                "ตัวชี้วัดต้องเป็นหมายเลข 1 ถึง 10", "The indicator must be a number from 1 to 10."));

    public static Indicator Of(int number) => Create(number).Value;

    public bool Equals(Indicator? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Number;

    public int CompareTo(Indicator? other) => other is null ? 1 : Number.CompareTo(other.Number);

    /// <summary>"9 การเปิดเผยข้อมูล".</summary>
    public override string ToString() => $"{Number} {NameTh}";
}
