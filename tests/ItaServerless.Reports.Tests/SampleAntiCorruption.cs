// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Reports.Documents;

namespace ItaServerless.Reports.Tests;

/// <summary>
/// Seed 003 (เทศบาลตำบลโคกพุทรา, anti-corruption plan 2566, round 12 months): its 15 items, their
/// dimensions and budgets, every one done, 4,840.00 of 100,000.00 baht disbursed. The summary is
/// Core's <see cref="RoundSummary"/> of Core measures and progress reports built from the same items.
/// </summary>
internal static class SampleAntiCorruption
{
    public const string Organization = "เทศบาลตำบลโคกพุทรา";

    private static readonly (string Title, int Dimension, decimal Budget, decimal Disbursed, string Kind)[] SeedItems =
    [
        ("มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของเทศบาลตำบลโคกพุทรา”", 1, 0m, 0m, "มาตรการ"),
        ("โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐานด้วยความวิริยะอุตสาหะและซื่อสัตย์สุจริต", 1, 0m, 0m, "โครงการ"),
        ("มาตรการจัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", 2, 0m, 0m, "มาตรการ"),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลตำบลโคกพุทรา", 2, 0m, 0m, "มาตรการ"),
        ("มาตรการแสดงเจตนารมณ์ในการนำคุณธรรมมาใช้ในการบริหารงานของผู้บริหารเทศบาลตำบลโคกพุทราด้วยการจัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", 2, 0m, 0m, "มาตรการ"),
        ("กิจกรรม “สร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน”", 2, 0m, 0m, "กิจกรรม"),
        ("มาตรการ “จัดทำข้อตกลงการปฏิบัติราชการตามหลักธรรมาภิบาล”", 2, 0m, 0m, "มาตรการ"),
        ("มาตรการการสร้างความโปร่งใสในการบริหารงานบุคคล", 2, 0m, 0m, "มาตรการ"),
        ("มาตรการจัดการเรื่องราวร้องทุกข์/ร้องเรียนของเทศบาลตำบลโคกพุทรา", 3, 0m, 0m, "มาตรการ"),
        ("มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้งหรือตรวจสอบพบการทุจริต ของเทศบาลตำบลโคกพุทรา", 4, 0m, 0m, "มาตรการ"),
        ("โครงการจัดทำแผนการตรวจสอบภายในประจำปี", 4, 0m, 0m, "โครงการ"),
        ("มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตของเทศบาลตำบลโคกพุทรา", 4, 0m, 0m, "มาตรการ"),
        ("กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น", 4, 100_000m, 4_840m, "กิจกรรม"),
        ("กิจกรรมติดตามประเมินผลการควบคุมภายใน", 4, 0m, 0m, "กิจกรรม"),
        ("มาตรการบริหารจัดการความเสี่ยงการทุจริตของเทศบาลตำบลโคกพุทรา", 2, 0m, 0m, "มาตรการ"),
    ];

    private static readonly string[][] Methods =
    [
        ["เผยแพร่ประชาสัมพันธ์ความรู้ด้านกฎหมาย ระเบียบที่เกี่ยวข้องกับบุคลากร ผู้บริหารและสมาชิกสภาท้องถิ่นผ่านช่องทางหลากหลาย เช่น เว็บไซต์ สื่อสังคมออนไลน์ บอร์ดประชาสัมพันธ์ จดหมายข่าว เป็นต้น", "จัดทำมาตรการเกี่ยวกับประมวลจริยธรรม"],
        ["เสนอโครงการเพื่อพิจารณาขออนุมัติจากผู้บริหารท้องถิ่น", "ประชาสัมพันธ์โครงการให้บุคลากรรับทราบ", "แต่งตั้งคณะกรรมการจริยธรรมเทศบาล"],
        ["ผู้บริหารและบุคลากรจัดประชุมเพื่อร่วมกันจัดทำมาตรการ “No Gift Policy” ไม่รับ - ไม่ให้", "จัดทำประกาศใช้ No Gift Policy พร้อมแนวทางการดำเนินการตามมาตรการ No Gift Policy"],
        ["ดำเนินการประชุมคณะทำงานฯ ตามมาตรการจัดการเรื่องราวร้องเรียน/ร้องทุกข์ ของเทศบาลตำบลโคกพุทรา เพื่อกำกับติดตามการจัดการเรื่องร้องเรียน/ร้องทุกข์ ให้สามารถตอบสนองความต้องการหรือแก้ไขปัญหาความเดือดร้อนให้แก่ประชาชนได้อย่างเหมาะสม รวดเร็ว และสะดวก"],
        ["จัดทำคู่มือระเบียบกฎหมายที่เกี่ยวข้องเพื่อให้สมาชิกสภาท้องถิ่นใช้สำหรับการประชุม", "จัดอบรมให้ความรู้ที่เกี่ยวข้องกับบทบาทและอำนาจหน้าที่ของสมาชิกสภาท้องถิ่น อย่างน้อยปีละ ๑ ครั้ง"],
    ];

    private static readonly string[] Results =
    [
        "เทศบาลตำบลโคกพุทรา มีการบริหารงานโดยยึดตามระเบียบ กฎหมาย ข้อบังคับในการปฏิบัติงานอย่างเคร่งครัดด้วยความเป็นธรรม คำนึงสิทธิเสรีภาพของประชาชน และผู้มีส่วนได้ส่วนเสีย",
        "ผู้บริหารและบุคลากรได้แสดงเจตจำนงตามมาตรการ “No Gift Policy” ไม่รับ - ไม่ให้",
        "ผู้ปฏิบัติงานปฏิบัติตามข้อตกลงการปฏิบัติราชการกับผู้บังคับบัญชา",
        "มีเจ้าหน้าที่รับผิดชอบการรับเรื่องร้องเรียน/ร้องทุกข์\nมีการแจ้งผลการดำเนินการหรือความก้าวหน้า ผลเรื่องร้องเรียน/ร้องทุกข์ให้ผู้ร้องเรียนทราบ",
        "สมาชิกสภาท้องถิ่นสามารถนำองค์ความรู้ที่ได้ไปปรับใช้ในการตรวจสอบ ติดตาม และประเมินผลการปฏิบัติงานของฝ่ายบริหารด้วยความเป็นธรรม ตรงไปตรงมา",
    ];

    public static AntiCorruptionReportData Seed003() => Data(SeedItems.Length);

    /// <summary>Seed 003's items, repeated (with their numbers continued) up to <paramref name="count"/>.</summary>
    public static AntiCorruptionReportData Data(int count)
    {
        var year = FiscalYear.Of(2566);
        var round = ReportingRound.TwelveMonths;
        var items = Enumerable.Range(0, count).Select(i => (Number: i + 1, Item: SeedItems[i % SeedItems.Length])).ToList();

        // Core objects, as the product stores them, give the summary.
        var measures = items.Select(x => Measure.Create(new MeasureDraft("anticorruption", x.Number, x.Item.Title,
            Responsible: ["*"], Period: new PeriodDraft(WholeYear: true), Budget: x.Item.Budget, Kind: x.Item.Kind,
            Dimension: x.Item.Dimension), year, null).Value).ToList();
        var reports = items.Select((x, i) => Progress.Create(new ProgressDraft("done", Result: Results[i % Results.Length],
            Disbursed: x.Item.Disbursed, Reporter: new ReporterDraft("นายรังสรรค์ ศรีเพชร", "หัวหน้าสำนักปลัดเทศบาล")),
            measures[i], round).Value).ToList();
        var summary = RoundSummary.Of(new FiscalYearRound(year, round), measures, reports);

        var projects = items.Select((x, i) => new AntiCorruptionProject(
            x.Number, x.Item.Title, x.Item.Dimension, measures[i].Budget, reports[i].Disbursed, reports[i].Status,
            Methods[i % Methods.Length], reports[i].Result ?? "")).ToList();

        return new AntiCorruptionReportData(
            Organization, "โพธิ์ทอง", "อ่างทอง", year, round,
            new MemoHeader("สำนักปลัด โทรศัพท์ ๐ ๓๕๖๑ ๐๘๙๑ โทรสาร ๐ ๓๕๖๑ ๐๘๙๖", "อท ๕๓๗๐๑/๒๔๗", new DateOnly(2023, 10, 2),
                "การรายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตของเทศบาลตำบลโคกพุทรา พ.ศ. ๒๕๖๖ (๑ ตุลาคม ๒๕๖๕ - ๓๐ กันยายน ๒๕๖๖)",
                "หัวหน้าสำนักปลัดเทศบาล / ปลัดเทศบาลตำบลโคกพุทรา / นายกเทศมนตรีตำบลโคกพุทรา"),
            new Signer("นายฤกษ์ ทงคำพูล", ["นักวิเคราะห์นโยบายและแผนชำนาญการ"]),
            [
                new Endorsement("ความเห็นของหัวหน้าสำนักปลัด", "", new Signer("นางสาวกนกพร มูลพร้อม", ["หัวหน้าสำนักปลัดเทศบาล"])),
                new Endorsement("ความเห็นของปลัดเทศบาลตำบลโคกพุทรา", "", new Signer("นายโชติ สุวานิช",
                    ["ผู้อำนวยการกองสาธารณสุขและสิ่งแวดล้อม รักษาราชการแทน", "ปลัดเทศบาลตำบลโคกพุทรา"])),
            ],
            new Endorsement("ความเห็นของนายกเทศมนตรีตำบลโคกพุทรา", "", new Signer("นายสุวิน ทองมัน", ["นายกเทศมนตรีตำบลโคกพุทรา"])),
            new DateOnly(2023, 10, 2),
            projects,
            summary,
            new ReporterLine("นายรังสรรค์ ศรีเพชร", "หัวหน้าสำนักปลัดเทศบาล"),
            new DateOnly(2024, 1, 12)) { Emblem = TestImages.Emblem() };
    }
}
