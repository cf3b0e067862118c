// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Scoring;

/// <summary>NACC's ITA grade bands. Only AA and A pass (the pass mark is 85).</summary>
public enum Grade
{
    /// <summary>95–100</summary>
    AA,
    /// <summary>85–94.99</summary>
    A,
    /// <summary>75–84.99</summary>
    B,
    /// <summary>65–74.99</summary>
    C,
    /// <summary>55–64.99</summary>
    D,
    /// <summary>50–54.99</summary>
    E,
    /// <summary>below 50</summary>
    F,
}

public static class Grades
{
    public static Grade Of(Score score) => score.Value switch
    {
        >= 95m => Grade.AA,
        >= 85m => Grade.A,
        >= 75m => Grade.B,
        >= 65m => Grade.C,
        >= 55m => Grade.D,
        >= 50m => Grade.E,
        _ => Grade.F,
    };

    /// <summary>Lowest score of the band (inclusive).</summary>
    public static decimal MinScore(this Grade grade) => grade switch
    {
        Grade.AA => 95m,
        Grade.A => 85m,
        Grade.B => 75m,
        Grade.C => 65m,
        Grade.D => 55m,
        Grade.E => 50m,
        _ => 0m,
    };

    public static bool Passes(this Grade grade) => grade is Grade.AA or Grade.A;

    /// <summary>"AA", "A", ... "F".</summary>
    public static string Code(this Grade grade) => grade.ToString();

    /// <summary>
    /// The level's Thai wording as used in NACC's ITA reports (ดีเยี่ยม, ดีมาก, ดี, ค่อนข้างดี,
    /// พอใช้, ต้องปรับปรุง, ตกต่ำ).
    /// </summary>
    public static string NameTh(this Grade grade) => grade switch
    {
        Grade.AA => "ดีเยี่ยม",
        Grade.A => "ดีมาก",
        Grade.B => "ดี",
        Grade.C => "ค่อนข้างดี",
        Grade.D => "พอใช้",
        Grade.E => "ต้องปรับปรุง",
        _ => "ตกต่ำ",
    };

    public static string NameEn(this Grade grade) => grade switch
    {
        Grade.AA => "Excellent",
        Grade.A => "Very good",
        Grade.B => "Good",
        Grade.C => "Fairly good",
        Grade.D => "Fair",
        Grade.E => "Needs improvement",
        _ => "Poor",
    };

    /// <summary>"ผ่าน" or "ไม่ผ่าน" (pass mark 85).</summary>
    public static string PassTh(bool passed) => passed ? "ผ่าน" : "ไม่ผ่าน";
}
