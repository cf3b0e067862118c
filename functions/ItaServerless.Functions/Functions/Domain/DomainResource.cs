// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Organizations;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Thai;
using ItaServerless.Functions.Functions.Assessments;
using StatusNames = ItaServerless.Core.Planning.ProgressStatuses;
using ToolNames = ItaServerless.Core.Scoring.Tools;

namespace ItaServerless.Functions.Functions.Domain;

/// <summary>A coded value and its names: a plan, a measure kind, a tool, an organization kind, a signer's role.</summary>
public sealed record DomainTerm(string Code, string NameTh, string? NameEn = null);

public sealed record IndicatorTerm(int Number, string Tool, string NameTh, string NameEn);

public sealed record DimensionTerm(int Number, string NameTh);

/// <summary>A progress status; <c>reportable</c> is false for รอรายงาน (the absence of a report).</summary>
public sealed record StatusTerm(string Code, string NameTh, string NameEn, bool Reportable);

/// <summary>A reporting round: its months (1–12) and the due day ("04-30") an organization gets unless it sets its own.</summary>
public sealed record RoundTerm(string Code, int Months, string NameTh, string PeriodTh, int FirstMonth, int LastMonth, string DefaultDueDate);

/// <summary>A question's classification: scores from <c>from</c> (inclusive) up to <c>below</c> (exclusive); null = unbounded.</summary>
public sealed record ClassificationTerm(string Code, string NameTh, string NameEn, string Colour, decimal? From, decimal? Below);

/// <summary>The "every division" marker of a measure's responsible list.</summary>
public sealed record EveryDivisionTerm(string Code, string NameTh);

/// <summary>The top-level fields each PUT accepts, so that a client can send back what it does not show.</summary>
public sealed record EditableFields(IReadOnlyList<string> Organization, IReadOnlyList<string> Unit, IReadOnlyList<string> Official);

/// <summary>GET /api/domain: the vocabulary of the domain, built from core, identical for every organization.</summary>
public sealed record DomainResource(
    IReadOnlyList<IndicatorTerm> Indicators,
    IReadOnlyList<DomainTerm> Tools,
    IReadOnlyList<DomainTerm> Plans,
    IReadOnlyList<DomainTerm> MeasureKinds,
    IReadOnlyList<DimensionTerm> Dimensions,
    IReadOnlyList<StatusTerm> ProgressStatuses,
    IReadOnlyList<RoundTerm> Rounds,
    IReadOnlyList<ClassificationTerm> Classifications,
    decimal PassMark,
    IReadOnlyList<int> AssessmentYears,
    int FiscalYearFirstMonth,
    EveryDivisionTerm EveryDivision,
    IReadOnlyList<DomainTerm> OrganizationKinds,
    IReadOnlyList<DomainTerm> OfficialRoles,
    EditableFields Editable)
{
    // Any year will do: rounds and the fiscal year start in the same months every year.
    private static readonly FiscalYear SampleYear = FiscalYear.Of(2569);

    public static DomainResource Build(EditableFields editable) => new(
        Indicator.All.Select(i => new IndicatorTerm(i.Number, i.Tool.Code(), i.NameTh, i.NameEn)).ToArray(),
        ToolNames.All.Select(t => new DomainTerm(t.Code(), t.NameTh(), t.NameEn())).ToArray(),
        Enum.GetValues<Plan>().Select(p => new DomainTerm(p.Code(), p.NameTh(), p.NameEn())).ToArray(),
        Enum.GetValues<MeasureKind>().Select(k => new DomainTerm(k.Code(), k.NameTh())).ToArray(),
        DimensionTerms(),
        Enum.GetValues<ProgressStatus>().Select(s => new StatusTerm(s.Code(), s.NameTh(), s.NameEn(),
            StatusNames.ParseReported(s.Code()).IsValid)).ToArray(),
        ReportingRound.All.Select(Round).ToArray(),
        ClassificationTerms(),
        Score.PassMark,
        QuestionCatalog.Years,
        SampleYear.FirstMonth.Month,
        new EveryDivisionTerm(ResponsibleUnits.EveryDivisionCode, ThaiFormat.EveryDivision),
        Enum.GetValues<OrganizationKind>().Select(k => new DomainTerm(k.Code(), KindName(k))).ToArray(),
        Enum.GetValues<OfficialRole>().Select(r => new DomainTerm(r.Code(), r.NameTh())).ToArray(),
        editable);

    private static RoundTerm Round(ReportingRound round)
    {
        var first = round.PeriodStart(SampleYear).Month;
        var last = round.PeriodEnd(SampleYear).Month;
        return new RoundTerm(round.Code, round.Months, ThaiFormat.RoundName(round),
            ThaiMonths.Abbreviated(first) + ThaiFormat.RangeSeparator + ThaiMonths.Abbreviated(last),
            first, last, RoundDueDates.Default.For(round).ToString());
    }

    /// <summary>The dimensions core names: 1, 2, … up to the first number it refuses.</summary>
    private static DimensionTerm[] DimensionTerms()
    {
        var terms = new List<DimensionTerm>();
        for (var n = 1; ; n++)
        {
            try
            {
                terms.Add(new DimensionTerm(n, PlanNames.DimensionNameTh(n)));
            }
            catch (ArgumentOutOfRangeException)
            {
                return terms.ToArray();
            }
        }
    }

    private static ClassificationTerm[] ClassificationTerms() =>
        Enum.GetValues<QuestionClassification>().Select(c => new ClassificationTerm(AnalysisResource.Code(c), c.NameTh(), c.NameEn(), c.Colour(),
            c switch
            {
                QuestionClassification.Maintain => QuestionClassifications.MaintainFrom,
                QuestionClassification.Raise => QuestionClassifications.RaiseFrom,
                _ => null,
            },
            c switch
            {
                QuestionClassification.Maintain => null,
                QuestionClassification.Raise => QuestionClassifications.MaintainFrom,
                _ => QuestionClassifications.RaiseFrom,
            })).ToArray();

    /// <summary>
    /// Core names organization kinds by their code only (the short Thai name, or "other"); these
    /// are the labels the form shows. They belong in core (OrganizationKinds.NameTh) once it has them.
    /// </summary>
    private static string KindName(OrganizationKind kind) => kind switch
    {
        OrganizationKind.SubdistrictAdministrativeOrganization => "องค์การบริหารส่วนตำบล (อบต.)",
        OrganizationKind.ProvincialAdministrativeOrganization => "องค์การบริหารส่วนจังหวัด (อบจ.)",
        OrganizationKind.Other => "อื่น ๆ",
        _ => kind.Code(),
    };
}
