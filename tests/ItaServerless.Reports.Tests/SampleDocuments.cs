// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Reports.Documents;

namespace ItaServerless.Reports.Tests;

/// <summary>Document inputs with the content of the seeds (เทศบาลตำบลคึกคัก, seed 000).</summary>
internal static class SampleDocuments
{
    public const string Organization = "เทศบาลตำบลคึกคัก";

    public static ProgressReportData Progress(int measureCount = 10)
    {
        var measures = Enumerable.Range(1, measureCount).Select(i =>
        {
            var status = (i % 5) switch
            {
                0 => ProgressStatus.InProgress,
                4 => ProgressStatus.CannotDo,
                3 when i > 10 => ProgressStatus.Waiting,
                _ => ProgressStatus.Done,
            };
            var budget = i % 3 == 0 ? Baht.Of(15_000m + i * 1_250.50m) : Baht.Zero;
            return new MeasureProgressRow(
                i,
                SampleText.Indicators[(i - 1) % 10],
                [SampleText.Steps[i % SampleText.Steps.Length], SampleText.Steps[(i + 3) % SampleText.Steps.Length]],
                SampleText.Responsible[i % SampleText.Responsible.Length],
                SampleText.Periods[i % SampleText.Periods.Length],
                status,
                status == ProgressStatus.Waiting ? "" : SampleText.Results[i % SampleText.Results.Length],
                status == ProgressStatus.Done ? "เจ้าหน้าที่ปฏิบัติตามคู่มืออย่างถูกต้อง ผู้ใหญ่บ้านและประชาชนรับทราบข้อมูลข่าวสาร" : "",
                status == ProgressStatus.CannotDo ? "ไม่สามารถดำเนินการได้เนื่องจากงบประมาณไม่เพียงพอ ควรปรับแผนในปีถัดไป" : "ดำเนินการต่อเนื่องทุกปี",
                budget,
                status == ProgressStatus.Done ? budget : Baht.Zero);
        }).ToList();
        var year = FiscalYear.Of(2569);
        var summary = SampleSummary.Of(new FiscalYearRound(year, ReportingRound.SixMonths), measures.Select(m => (m.Status, m.Budget, m.Disbursed)));

        return new ProgressReportData(
            Organization,
            year,
            ReportingRound.SixMonths,
            new MemoHeader(
                "สำนักปลัดเทศบาล ฝ่ายปกครอง งานกฎหมายและนิติการ โทร. ๐ ๓๖๔๐ ๖๓๓๘",
                "พง ๕๒๔๐๑/๑๒๒๔",
                new DateOnly(2026, 4, 20),
                "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙ รอบ ๖ เดือน",
                "นายกเทศมนตรีตำบลคึกคัก"),
            new Signer("นายอรรถพร พูลช่วย", ["นิติกรปฏิบัติการ"]),
            [
                new Endorsement("ความเห็นหัวหน้าฝ่ายปกครอง", "เห็นควรพิจารณา", new Signer("นางสาวนิชามณัฐ สว่างพงศ์", ["หัวหน้าฝ่ายปกครอง"])),
                new Endorsement("ความเห็นปลัดเทศบาลตำบลคึกคัก", "เห็นชอบ", new Signer("นายบรรเจิด ทองชูใจ", ["รองปลัดเทศบาล รักษาราชการแทน", "ปลัดเทศบาลตำบลคึกคัก"])),
                new Endorsement("คำสั่งนายกเทศมนตรีตำบลคึกคัก", "อนุมัติ/ดำเนินการตามเสนอ", new Signer("นายสวัสดิ์ ตันแกง", ["นายกเทศมนตรีตำบลคึกคัก"])),
            ],
            measures,
            summary) { Emblem = TestImages.Emblem() };
    }

    /// <summary>The analysis of seed 004 (เทศบาลตำบลนาคำ, ITA 2568), shortened to a few questions per indicator.</summary>
    public static AnalysisReportData Analysis()
    {
        IndicatorScoreRow Indicator(int number, string name, string tool, decimal score, params (string Code, string Text, decimal Score)[] questions) =>
            new(number, name, tool, Score.Of(score), questions.Select(q => new QuestionScoreRow(q.Code, q.Text, Score.Of(q.Score))).ToList());

        var indicators = new List<IndicatorScoreRow>
        {
            Indicator(1, "การปฏิบัติหน้าที่", "IIT", 99.78m, ("i1", "บุคลากรในหน่วยงานของท่าน ปฏิบัติงานตามหน้าที่ที่ได้รับมอบหมายอย่างมุ่งมั่นตั้งใจ", 100m),
                ("i2", "บุคลากรในหน่วยงานของท่าน ปฏิบัติงานหรือให้บริการแก่ผู้มาติดต่อ อย่างเท่าเทียมกัน", 99.56m)),
            Indicator(2, "การใช้งบประมาณ", "IIT", 99.55m, ("i6", "หน่วยงานของท่าน มีการใช้จ่ายงบประมาณ โดยคำนึงถึงความคุ้มค่า", 99.55m)),
            Indicator(3, "การใช้อำนาจ", "IIT", 100m, ("i10", "ผู้บังคับบัญชาของท่าน มอบหมายงานอย่างเป็นธรรม", 100m)),
            Indicator(6, "คุณภาพการดำเนินงาน", "EIT", 98.00m, ("e1", "เจ้าหน้าที่ของหน่วยงานที่ท่านติดต่อ ปฏิบัติงาน/ให้บริการแก่ท่าน ตามขั้นตอนและระยะเวลาที่กำหนด", 92.50m)),
            Indicator(9, "การเปิดเผยข้อมูล", "OIT", 38.00m,
                ("o1", "โครงสร้างและอำนาจหน้าที่", 0m), ("o3", "ข้อมูลการติดต่อ", 100m), ("o4", "ข่าวประชาสัมพันธ์", 50m),
                ("o6", "แผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี พ.ศ. ๒๕๖๘", 0m),
                ("o12", "รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ประจำปี พ.ศ. ๒๕๖๘", 0m)),
            Indicator(10, "การป้องกันการทุจริต", "OIT", 80.00m,
                ("o21", "ประกาศเจตนารมณ์และการสร้างวัฒนธรรม ตามนโยบาย No Gift Policy จากการปฏิบัติหน้าที่", 0m),
                ("o25", "แผนปฏิบัติการป้องกันการทุจริต", 100m)),
        };
        var period = "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๙ (ต.ค.๖๘ - ก.ย.๖๙)";
        var plan = new List<DevelopmentPlanRow>
        {
            new(1, "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
                "การประชุมประจำเดือนเพื่อสร้างกระบวนการพูดคุย ปรึกษาหารือ เพื่อทบทวนปัญหา/อุปสรรคในการปฏิบัติงาน",
                [SampleText.Steps[0], SampleText.Steps[2], SampleText.Steps[3], SampleText.Steps[4]], period, "ทุกสำนัก/กอง"),
            new(9, "การเผยแพร่ข้อมูลข่าวสาร",
                "มีการเปิดเผยข้อมูลของหน่วยงาน ได้แก่ โครงสร้างผู้บริหาร อำนาจหน้าที่ กฎหมาย คู่มือการปฏิบัติงาน ทางเว็บไซต์ของหน่วยงาน",
                ["ทุกส่วนราชการต้องเปิดเผยข้อมูลพื้นฐานเกี่ยวกับการปฏิบัติงานทุกด้าน ครบถ้วนชัดเจน เป็นปัจจุบัน"], period, "สำนักปลัด (งานบริหารทั่วไป)"),
            new(10, "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
                "การจัดทำแผนปฏิบัติการป้องกันการทุจริต เพื่อยกระดับคุณธรรมและความโปร่งใส",
                ["แต่งตั้งผู้รับผิดชอบในการจัดทำแผนปฏิบัติการป้องกันการทุจริตฯ", SampleText.Steps[5]], period, "สำนักปลัด งานบริหารทั่วไป"),
        };
        return new AnalysisReportData(
            "เทศบาลตำบลนาคำ", "อำเภอศรีสงคราม จังหวัดนครพนม", FiscalYear.Of(2568), Score.Of(83.03m),
            [new("IIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน", Score.Of(99.79m)),
             new("EIT", "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก", Score.Of(98.23m)),
             new("OIT", "แบบตรวจการเปิดเผยข้อมูลสาธารณะ", Score.Of(59.00m))],
            indicators, plan);
    }
}
