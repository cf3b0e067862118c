// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Scoring;
using ItaServerless.Reports.Documents;

namespace ItaServerless.Reports.Tests;

/// <summary>
/// The measures document of เทศบาลตำบลนาคำ for FY 2569, answering its ITA 2568 result (seed 004):
/// a real Core assessment with every score of the seed, and measures in the words of seeds 001 and 004 §3.
/// </summary>
internal static class SampleMeasures
{
    public const string Organization = "เทศบาลตำบลนาคำ";

    /// <summary>Seed 004's scores (o7 is printed twice as o6 in the seed; both are 0).</summary>
    public static Assessment Seed004Assessment()
    {
        var questions = new Dictionary<string, decimal> { ["i1"] = 99.33m, ["i5"] = 99.33m, ["i6"] = 99.33m };
        for (var i = 1; i <= 15; i++) questions.TryAdd($"i{i}", 100m);
        for (var e = 1; e <= 9; e++) questions[$"e{e}"] = 100m;
        decimal[] oit = [0, 0, 100, 50, 100, 0, 0, 0, 100, 50, 0, 0, 0, 50, 50, 100, 100, 100, 0, 100, 0, 100, 50, 100, 100, 100, 100, 100];
        for (var o = 1; o <= oit.Length; o++) questions[$"o{o}"] = oit[o - 1];
        var indicators = new Dictionary<string, decimal>
        {
            ["1"] = 99.78m, ["2"] = 99.55m, ["3"] = 100m, ["4"] = 100m, ["5"] = 100m,
            ["6"] = 98.00m, ["7"] = 99.20m, ["8"] = 97.47m, ["9"] = 38.00m, ["10"] = 80.00m,
        };
        return Assessment.Create(new AssessmentDraft("na-kham", 2568, 83.03m,
            new Dictionary<string, decimal> { ["IIT"] = 99.87m, ["EIT"] = 98.22m, ["OIT"] = 59.00m }, indicators, questions)).Value;
    }

    public static MeasuresDocumentData Seed(bool withAssessment = true) => new(
        Organization, "ศรีสงคราม", "นครพนม", FiscalYear.Of(2569),
        withAssessment ? ItaResult.From(Analysis.Of(Seed004Assessment())) : null,
        SeedMeasures(),
        new Signer("นายสมชาย ใจดี", ["นายกเทศมนตรีตำบลนาคำ"]),
        new DateOnly(2025, 11, 25)) { Emblem = TestImages.Emblem() };

    private static List<MeasurePlanRow> SeedMeasures()
    {
        const string period = "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙ (ต.ค.๖๘ - ก.ย.๖๙)";
        const string followUp = "รายงานผลการดำเนินการในที่ประชุมคณะผู้บริหาร พนักงาน และลูกจ้าง (ประจำเดือนเมษายน ๒๕๖๙)";
        return
        [
            new(1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", [1],
                ["จัดทำคู่มือการขอรับบริการสำหรับผู้มารับบริการหรือมาติดต่อ และประชาสัมพันธ์หรือเผยแพร่คู่มือให้แก่บุคลากรในหน่วยงานถือปฏิบัติอย่างเคร่งครัด",
                 "ประชุมจัดทำแผน กำหนดระยะเวลาการดำเนินโครงการตามแผน",
                 "เพิ่มช่องทางการแสดงความคิดเห็น/ข้อเสนอแนะในช่องทางการติดต่อของหน่วยงาน"],
                "ทุกสำนัก/กอง", period, followUp),
            new(2, "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง", [2],
                ["การให้บุคลากรในหน่วยงานมีส่วนร่วมในการจัดทำแผนการดำเนินงานและแผนการใช้จ่ายงบประมาณ",
                 "ประชุมชี้แจงข้อมูลการใช้จ่ายงบประมาณ แผนการจัดซื้อจัดจ้าง"],
                "กองคลัง", "ธ.ค. ๖๘ – มี.ค. ๖๙", followUp),
            new(3, "การเผยแพร่ข้อมูลข่าวสาร", [9],
                ["ทุกส่วนราชการต้องเปิดเผยข้อมูลพื้นฐานเกี่ยวกับการปฏิบัติงานทุกด้าน ครบถ้วนชัดเจน โดยเผยแพร่ในหัวข้อที่สามารถเข้าถึงและสืบค้นข้อมูลได้โดยง่าย"],
                "(งานบริหารทั่วไป) สำนักปลัด", period, followUp),
            new(4, "ปรับปรุงข้อมูลแผนและรายงานการจัดซื้อจัดจ้างบนเว็บไซต์ให้เป็นปัจจุบัน", [9],
                ["ตรวจสอบข้อมูลจากระบบจัดซื้อจัดจ้างภาครัฐ (e - GP)", "นำข้อมูลเสนอผู้บริหารเพื่อพิจารณา นำข้อมูลเข้าสู่เว็บไซต์ของหน่วยงาน"],
                "กองคลัง", "ต.ค. ๖๘ – ธ.ค. ๖๘", followUp),
            new(5, "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน", [10, 5],
                ["แต่งตั้งผู้รับผิดชอบในการจัดทำแผนปฏิบัติการป้องกันการทุจริตฯ",
                 "ประกาศเจตนารมณ์ No Gift Policy และเผยแพร่บนเว็บไซต์ของหน่วยงาน"],
                "สำนักปลัด (งานบริหารทั่วไป)", period, followUp),
        ];
    }

    /// <summary>A plan of <paramref name="count"/> measures; measure 7 has 20 steps (the layout stress case).</summary>
    public static MeasuresDocumentData Large(int count) => Seed() with
    {
        Measures = Enumerable.Range(1, count).Select(i => new MeasurePlanRow(
            i,
            $"มาตรการ{SampleText.Indicators[(i - 1) % 10]}",
            [1 + (i - 1) % 10],
            Enumerable.Range(0, i == 7 ? 20 : 1 + i % 4).Select(s => SampleText.Steps[(i + s) % SampleText.Steps.Length]).ToList(),
            SampleText.Responsible[i % SampleText.Responsible.Length],
            SampleText.Periods[i % SampleText.Periods.Length],
            SampleText.Results[i % SampleText.Results.Length])).ToList(),
    };
}
