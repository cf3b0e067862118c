// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;

namespace ItaServerless.Core.Tests;

/// <summary>Seed 003: เทศบาลตำบลโคกพุทรา's anti-corruption plan 2566, 12-month round (15 projects).</summary>
internal static class Seed003
{
    public static readonly FiscalYear Year = FiscalYear.Of(2566);
    public static readonly FiscalYearRound Round = new(Year, ReportingRound.TwelveMonths);

    private static readonly (string Title, string Kind, int Dimension, decimal Budget, decimal Disbursed)[] Rows =
    [
        ("มาตรการ “ส่งเสริมการปฏิบัติงานตามประมวลจริยธรรมของเทศบาลตำบลโคกพุทรา”", "measure", 1, 0m, 0m),
        ("โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐานด้วยความวิริยะอุตสาหะและซื่อสัตย์สุจริต", "project", 1, 0m, 0m),
        ("มาตรการจัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", "measure", 2, 0m, 0m),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสของเทศบาลตำบลโคกพุทรา", "measure", 2, 0m, 0m),
        ("มาตรการแสดงเจตนารมณ์ในการนำคุณธรรมมาใช้ในการบริหารงานของผู้บริหารเทศบาลตำบลโคกพุทรา", "measure", 2, 0m, 0m),
        ("กิจกรรม “สร้างความโปร่งใสในการพิจารณาเลื่อนขั้นเงินเดือน”", "activity", 2, 0m, 0m),
        ("มาตรการ “จัดทำข้อตกลงการปฏิบัติราชการตามหลักธรรมาภิบาล”", "measure", 2, 0m, 0m),
        ("มาตรการการสร้างความโปร่งใสในการบริหารงานบุคคล", "measure", 2, 0m, 0m),
        ("มาตรการจัดการเรื่องราวร้องทุกข์/ร้องเรียนของเทศบาลตำบลโคกพุทรา", "measure", 3, 0m, 0m),
        ("มาตรการจัดการในกรณีได้ทราบ หรือรับแจ้งหรือตรวจสอบพบการทุจริตของเทศบาลตำบลโคกพุทรา", "measure", 4, 0m, 0m),
        ("โครงการจัดทำแผนการตรวจสอบภายในประจำปี", "project", 4, 0m, 0m),
        ("มาตรการจัดให้มีระบบและช่องทางการรับเรื่องร้องเรียนเกี่ยวกับการทุจริตของเทศบาลตำบลโคกพุทรา", "measure", 4, 0m, 0m),
        ("กิจกรรมส่งเสริมและพัฒนาศักยภาพสมาชิกสภาท้องถิ่น", "activity", 4, 100_000m, 4_840m),
        ("กิจกรรมติดตามประเมินผลการควบคุมภายใน", "activity", 4, 0m, 0m),
        ("มาตรการบริหารจัดการความเสี่ยงการทุจริตของเทศบาลตำบลโคกพุทรา", "measure", 2, 0m, 0m),
    ];

    public static IReadOnlyList<Measure> Measures { get; } = Rows
        .Select((r, i) => Measure.Create(new MeasureDraft("anticorruption", i + 1, r.Title, Responsible: ["*"],
            Budget: r.Budget, Kind: r.Kind, Dimension: r.Dimension), Year, null).Value)
        .ToArray();

    public static IReadOnlyList<Progress> Reports { get; } = Measures
        .Select((m, i) => Progress.Create(new ProgressDraft("done", Disbursed: Rows[i].Disbursed,
            Reporter: new ReporterDraft("นายรังสรรค์ ศรีเพชร", "หัวหน้าสำนักปลัดเทศบาล"), Problems: "ไม่มี", Recommendation: "ไม่มี"),
            m, ReportingRound.TwelveMonths).Value)
        .ToArray();
}
