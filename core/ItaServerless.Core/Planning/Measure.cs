// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// The raw input of a measure's period: months as "2568-10", or WholeYear = true (ตลอดปีงบประมาณ).
/// No months and no WholeYear also means the whole year.
/// </summary>
public sealed record PeriodDraft(string? From = null, string? To = null, bool? WholeYear = null);

/// <summary>
/// The raw input of a measure, as the API receives it. Plan: "ita" or "anticorruption".
/// Kind ("project", "activity", "measure", "guideline" or the Thai word) and dimension (1–4)
/// are for anti-corruption items only.
/// </summary>
public sealed record MeasureDraft(
    string? Plan,
    int? Number,
    string? Title,
    IReadOnlyList<int>? Indicators = null,
    IReadOnlyList<string?>? Questions = null,
    IReadOnlyList<string?>? Method = null,
    IReadOnlyList<string?>? Responsible = null,
    PeriodDraft? Period = null,
    string? FollowUp = null,
    decimal? Budget = null,
    string? Kind = null,
    int? Dimension = null);

/// <summary>
/// A measure is identified within its organization and fiscal year by plan and number; its
/// text form ("ita-3", "anticorruption-13") is the measure's id in the API.
/// </summary>
public readonly record struct MeasureKey(Plan Plan, int Number)
{
    public override string ToString() => $"{Plan.Code()}-{Number}";

    public static bool TryParse(string? id, out MeasureKey key)
    {
        key = default;
        var dash = id?.LastIndexOf('-') ?? -1;
        if (dash <= 0) return false;
        var plan = PlanNames.ParsePlan(id![..dash]);
        if (!plan.IsValid || !int.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var number) || number is < 1 or > Measure.MaxNumber) return false;
        key = new MeasureKey(plan.Value, number);
        return key.ToString() == id;
    }
}

/// <summary>
/// A measure (มาตรการ/แนวทาง/โครงการ/กิจกรรม) of one fiscal year: what is done, how, by whom,
/// when, with which budget, aimed at which ITA indicators and questions.
/// </summary>
public sealed class Measure
{
    public const int MaxNumber = 9999;
    public const int MaxTitleLength = 500;
    public const int MaxStepLength = 2000;
    public const int MaxSteps = 50;
    public const int MaxFollowUpLength = 2000;
    public const int MaxQuestions = 100;

    private Measure(FiscalYear year, Plan plan, int number, string title, IReadOnlyList<Indicator> indicators,
        IReadOnlyList<QuestionId> questions, IReadOnlyList<string> method, ResponsibleUnits responsible,
        Period period, string? followUp, Baht budget, MeasureKind? kind, int? dimension)
    {
        FiscalYear = year;
        Plan = plan;
        Number = number;
        Title = title;
        Indicators = indicators;
        Questions = questions;
        Method = method;
        Responsible = responsible;
        Period = period;
        FollowUp = followUp;
        Budget = budget;
        Kind = kind;
        Dimension = dimension;
    }

    public FiscalYear FiscalYear { get; }

    public Plan Plan { get; }

    /// <summary>1..9999, the measure's number in its plan (ลำดับ).</summary>
    public int Number { get; }

    public MeasureKey Key => new(Plan, Number);

    public string Title { get; }

    /// <summary>Target indicators, distinct, ascending; at least one for an ITA measure.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>Target questions of the catalog given at creation, distinct, questionnaire order.</summary>
    public IReadOnlyList<QuestionId> Questions { get; }

    /// <summary>Method steps (วิธีการดำเนินการ), in order; may be empty.</summary>
    public IReadOnlyList<string> Method { get; }

    public ResponsibleUnits Responsible { get; }

    public Period Period { get; }

    public string? FollowUp { get; }

    /// <summary>0 = ไม่ใช้งบประมาณ.</summary>
    public Baht Budget { get; }

    /// <summary>Anti-corruption items only.</summary>
    public MeasureKind? Kind { get; }

    /// <summary>Anti-corruption items only: มิติ 1–4.</summary>
    public int? Dimension { get; }

    /// <summary>The draft that recreates this measure (for edits).</summary>
    public MeasureDraft ToDraft() => new(
        Plan.Code(),
        Number,
        Title,
        Indicators.Select(i => i.Number).ToArray(),
        Questions.Select(q => (string?)q.Value).ToArray(),
        Method.Select(s => (string?)s).ToArray(),
        Responsible.IsEveryDivision ? [ResponsibleUnits.EveryDivisionCode] : Responsible.UnitIds.Select(u => (string?)u).ToArray(),
        Period.IsWholeYear ? null : new PeriodDraft(Period.From.ToString(), Period.To.ToString()),
        FollowUp,
        Budget.Amount,
        Kind?.Code(),
        Dimension);

    /// <summary>
    /// Validates every field of <paramref name="draft"/> in one pass. <paramref name="catalog"/>
    /// is the questionnaire the target questions refer to (usually last year's assessment); when
    /// null, giving questions is an error. Field paths: "plan", "number", "title", "indicators[0]",
    /// "questions[0]", "method[2]", "responsible[1]", "period.from", "period.to", "followUp",
    /// "budget", "kind", "dimension".
    /// </summary>
    public static Validated<Measure> Create(MeasureDraft draft, FiscalYear year, QuestionCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(year);
        var errors = new ErrorCollector();

        var planResult = PlanNames.ParsePlan(draft.Plan);
        errors.Take(planResult);
        var plan = planResult.IsValid ? planResult.Value : (Plan?)null;

        var number = draft.Number ?? 0;
        if (draft.Number is null) errors.Add(TextRules.Required("number"));
        else if (number is < 1 or > MaxNumber)
        {
            errors.Add(ErrorCodes.OutOfRange, "number", $"ลำดับต้องอยู่ระหว่าง 1 ถึง {MaxNumber}", $"The number must be between 1 and {MaxNumber}.");
        }

        var title = errors.Take(TextRules.Required(draft.Title, "title", MaxTitleLength));
        var indicators = CheckIndicators(errors, draft.Indicators, plan);
        var questions = CheckQuestions(errors, draft.Questions, catalog);
        var method = CheckMethod(errors, draft.Method);
        var responsible = errors.Take(ResponsibleUnits.Create(draft.Responsible));
        var period = errors.Take(CheckPeriod(draft.Period, year));
        var followUp = errors.Take(TextRules.Check(draft.FollowUp, "followUp", MaxFollowUpLength, required: false, multiline: true));
        var budgetResult = Baht.Create(draft.Budget ?? 0m, "budget");
        errors.Take(budgetResult);
        var (kind, dimension) = CheckAntiCorruptionFields(errors, draft, plan);

        return errors.Result(() => new Measure(year, plan!.Value, number, title!, indicators, questions, method,
            responsible!, period!, followUp, budgetResult.Value, kind, dimension));
    }

    /// <summary>
    /// Rebuilds a measure accepted earlier. Only what makes it a measure of its year is checked (a
    /// number that fits its key, a title, distinct targets, a period of the year, kind and dimension
    /// exactly for anti-corruption items): limits that may tighten later (lengths, counts, the
    /// questionnaire it was written against, at least one indicator) were checked when it was written.
    /// </summary>
    public static Measure Restore(FiscalYear year, MeasureKey key, string title, IReadOnlyList<Indicator> indicators,
        IReadOnlyList<QuestionId> questions, IReadOnlyList<string> method, ResponsibleUnits responsible, Period period,
        string? followUp, Baht budget, MeasureKind? kind, int? dimension)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(responsible);
        ArgumentNullException.ThrowIfNull(period);
        string what = $"Stored measure {key} of {year}";
        if (key.Number is < 1 or > MaxNumber) throw new StoredDataException($"{what} has a number outside 1..{MaxNumber}.");
        if (string.IsNullOrWhiteSpace(title)) throw new StoredDataException($"{what} has no title.");
        if (indicators.Any(i => i is null) || indicators.Distinct().Count() != indicators.Count) throw new StoredDataException($"{what} lists an indicator twice.");
        if (questions.Any(q => q is null) || questions.Distinct().Count() != questions.Count) throw new StoredDataException($"{what} lists a question twice.");
        if (method.Any(s => s is null)) throw new StoredDataException($"{what} has a missing step.");
        if (period.FiscalYear != year) throw new StoredDataException($"{what} runs in fiscal year {period.FiscalYear}.");
        var antiCorruption = key.Plan == Plan.AntiCorruption;
        if (antiCorruption != kind.HasValue || antiCorruption != dimension.HasValue || dimension is < 1 or > 4)
        {
            throw new StoredDataException($"{what}: kind and dimension (1-4) go with, and only with, anti-corruption items.");
        }

        return new Measure(year, key.Plan, key.Number, title, indicators.ToArray(), questions.ToArray(), method.ToArray(),
            responsible, period, followUp, budget, kind, dimension);
    }

    private static Validated<Period> CheckPeriod(PeriodDraft? draft, FiscalYear year)
    {
        var hasMonths = !string.IsNullOrWhiteSpace(draft?.From) || !string.IsNullOrWhiteSpace(draft?.To);
        return (draft?.WholeYear, hasMonths) switch
        {
            (true, true) => Validated<Period>.Fail(new ValidationError(ErrorCodes.NotAllowed, "period.wholeYear",
                "เลือกได้อย่างใดอย่างหนึ่ง: ตลอดปีงบประมาณ หรือ ช่วงเดือน", "Give either wholeYear or from/to months, not both.")),
            (false, false) => Validated<Period>.Fail([TextRules.Required("period.from"), TextRules.Required("period.to")]),
            _ => Period.Create(year, draft?.From, draft?.To),
        };
    }

    private static Indicator[] CheckIndicators(ErrorCollector errors, IReadOnlyList<int>? numbers, Plan? plan)
    {
        numbers ??= [];
        if (numbers.Count == 0 && plan == Plan.Ita)
        {
            errors.Add(ErrorCodes.Required, "indicators",
                "มาตรการ ITA ต้องระบุตัวชี้วัดอย่างน้อย 1 ตัว", "An ITA measure must target at least one indicator.");
        }

        var found = new List<Indicator>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var result = Indicator.Create(numbers[i], FieldPath.Index("indicators", i));
            var indicator = errors.Take(result);
            if (indicator is null) continue;
            if (found.Contains(indicator)) errors.Add(Duplicate(FieldPath.Index("indicators", i)));
            else found.Add(indicator);
        }

        return found.Order().ToArray();
    }

    private static QuestionId[] CheckQuestions(ErrorCollector errors, IReadOnlyList<string?>? ids, QuestionCatalog? catalog)
    {
        ids ??= [];
        if (ids.Count > MaxQuestions)
        {
            errors.Add(ErrorCodes.TooMany, "questions", $"ระบุข้อคำถามได้ไม่เกิน {MaxQuestions} ข้อ", $"At most {MaxQuestions} questions.");
        }

        if (ids.Count > 0 && catalog is null)
        {
            errors.Add(ErrorCodes.UnknownAssessmentYear, "questions",
                "ยังไม่มีรายการข้อคำถาม ITA ของปีที่ใช้อ้างอิง จึงระบุข้อคำถามไม่ได้",
                "There is no ITA question list for the reference year, so questions cannot be given.");
            return [];
        }

        var found = new List<QuestionId>();
        for (var i = 0; i < ids.Count; i++)
        {
            var path = FieldPath.Index("questions", i);
            var question = errors.Take(catalog!.Resolve(ids[i], path));
            if (question is null) continue;
            if (found.Contains(question.Id)) errors.Add(Duplicate(path));
            else found.Add(question.Id);
        }

        return found.Order().ToArray();
    }

    private static string[] CheckMethod(ErrorCollector errors, IReadOnlyList<string?>? steps)
    {
        steps ??= [];
        if (steps.Count > MaxSteps)
        {
            errors.Add(ErrorCodes.TooMany, "method", $"ระบุขั้นตอนได้ไม่เกิน {MaxSteps} ขั้นตอน", $"At most {MaxSteps} steps.");
        }

        var method = new List<string>();
        for (var i = 0; i < steps.Count; i++)
        {
            var step = errors.Take(TextRules.Required(steps[i], FieldPath.Index("method", i), MaxStepLength, multiline: true));
            if (step is not null) method.Add(step);
        }

        return method.ToArray();
    }

    private static (MeasureKind? Kind, int? Dimension) CheckAntiCorruptionFields(ErrorCollector errors, MeasureDraft draft, Plan? plan)
    {
        if (plan == Plan.Ita)
        {
            if (!string.IsNullOrWhiteSpace(draft.Kind)) errors.Add(OnlyAntiCorruption("kind"));
            if (draft.Dimension is not null) errors.Add(OnlyAntiCorruption("dimension"));
            return (null, null);
        }

        var kindResult = PlanNames.ParseKind(draft.Kind);
        errors.Take(kindResult);
        if (draft.Dimension is null) errors.Add(TextRules.Required("dimension"));
        else if (draft.Dimension is < 1 or > 4)
        {
            errors.Add(ErrorCodes.OutOfRange, "dimension", "มิติต้องเป็น 1 ถึง 4", "The dimension must be 1 to 4.");
        }

        return (kindResult.IsValid ? kindResult.Value : null, draft.Dimension);
    }

    private static ValidationError Duplicate(string field) =>
        new(ErrorCodes.Duplicate, field, "ระบุรายการนี้ซ้ำ", "This item is listed twice.");

    private static ValidationError OnlyAntiCorruption(string field) =>
        new(ErrorCodes.NotAllowed, field,
            "ประเภทและมิติใช้กับแผนปฏิบัติการป้องกันการทุจริตเท่านั้น",
            "Kind and dimension apply to anti-corruption plan items only.");
}
