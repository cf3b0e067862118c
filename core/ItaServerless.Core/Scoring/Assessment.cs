// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>
/// The raw input of an assessment, as the API receives it. Keys: tool codes ("IIT"),
/// indicator numbers as text ("9"), question ids ("o1"). Every map may be partial.
/// </summary>
public sealed record AssessmentDraft(
    string? OrganizationId,
    int AssessmentYear,
    decimal? Total,
    IReadOnlyDictionary<string, decimal>? ToolScores = null,
    IReadOnlyDictionary<string, decimal>? IndicatorScores = null,
    IReadOnlyDictionary<string, decimal>? QuestionScores = null);

/// <summary>
/// One organization's published ITA result for one assessment year. Scores are as NACC
/// published them: the total and indicator scores are not recomputed from the questions
/// (NACC weights them; seed 004's do not average out).
/// </summary>
public sealed class Assessment
{
    private Assessment(string organizationId, FiscalYear year, QuestionCatalog catalog, Score total,
        IReadOnlyDictionary<Tool, Score> tools, IReadOnlyDictionary<Indicator, Score> indicators,
        IReadOnlyDictionary<QuestionId, Score> questions)
    {
        OrganizationId = organizationId;
        AssessmentYear = year;
        Catalog = catalog;
        Total = total;
        ToolScores = tools;
        IndicatorScores = indicators;
        QuestionScores = questions;
    }

    public string OrganizationId { get; }

    /// <summary>The fiscal year assessed (ITA 2568 = FY 2568).</summary>
    public FiscalYear AssessmentYear { get; }

    /// <summary>The questionnaire of <see cref="AssessmentYear"/>.</summary>
    public QuestionCatalog Catalog { get; }

    public Score Total { get; }

    public IReadOnlyDictionary<Tool, Score> ToolScores { get; }

    public IReadOnlyDictionary<Indicator, Score> IndicatorScores { get; }

    public IReadOnlyDictionary<QuestionId, Score> QuestionScores { get; }

    /// <summary>The draft that recreates this assessment (for edits).</summary>
    public AssessmentDraft ToDraft() => new(
        OrganizationId,
        AssessmentYear.Year,
        Total.Value,
        ToolScores.ToDictionary(p => p.Key.Code(), p => p.Value.Value),
        IndicatorScores.ToDictionary(p => p.Key.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value.Value),
        QuestionScores.ToDictionary(p => p.Key.Value, p => p.Value.Value));

    /// <summary>
    /// Validates everything at once. Field paths: "organizationId", "assessmentYear", "total",
    /// "tools.IIT", "indicators.9", "questions.o1" (the API's names).
    /// </summary>
    public static Validated<Assessment> Create(AssessmentDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new ErrorCollector();
        var organization = errors.Take(Identifier.Check(draft.OrganizationId, "organizationId"));
        var year = errors.Take(FiscalYear.Create(draft.AssessmentYear, "assessmentYear"));
        var catalog = year is null ? null : errors.Take(QuestionCatalog.ForYear(year));
        var total = draft.Total is { } t ? errors.Take(Score.Create(t, "total")) : Missing(errors, "total");

        var tools = ScoreMap(errors, draft.ToolScores, "tools", (key, field) => Tools.Parse(key, field));
        var indicators = ScoreMap(errors, draft.IndicatorScores, "indicators", ParseIndicator);
        var questions = catalog is null
            ? new Dictionary<QuestionId, Score>()
            : ScoreMap(errors, draft.QuestionScores, "questions", (key, field) => catalog.Resolve(key, field).Map(q => q.Id));

        return errors.Result(() => new Assessment(organization!, year!, catalog!, total, tools, indicators, questions));
    }

    /// <summary>
    /// Rebuilds an assessment accepted earlier. Only what makes it an assessment of its year is
    /// checked: an organization, that year's questionnaire, and questions of it (the scores are
    /// <see cref="Score"/>s already); input rules were checked when it was written.
    /// </summary>
    public static Assessment Restore(string organizationId, FiscalYear year, Score total, IReadOnlyDictionary<Tool, Score> tools,
        IReadOnlyDictionary<Indicator, Score> indicators, IReadOnlyDictionary<QuestionId, Score> questions)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(questions);
        string what = $"Stored assessment {year} of {organizationId}";
        if (string.IsNullOrWhiteSpace(organizationId)) throw new StoredDataException("A stored assessment has no organization.");
        var catalog = QuestionCatalog.ForYear(year).TryGetValue(out var c) ? c : throw new StoredDataException($"{what}: no questionnaire of {year} ships with this build.");
        if (questions.Keys.FirstOrDefault(q => !catalog.Contains(q)) is { } unknown) throw new StoredDataException($"{what} scores question {unknown}, not in its questionnaire.");
        return new Assessment(organizationId, year, catalog, total, new Dictionary<Tool, Score>(tools), new Dictionary<Indicator, Score>(indicators),
            new Dictionary<QuestionId, Score>(questions));
    }

    public Score? ScoreOf(Indicator indicator) => IndicatorScores.TryGetValue(indicator, out var s) ? s : null;

    public Score? ScoreOf(Tool tool) => ToolScores.TryGetValue(tool, out var s) ? s : null;

    public Score? ScoreOf(QuestionId question) => QuestionScores.TryGetValue(question, out var s) ? s : null;

    private static Score Missing(ErrorCollector errors, string field)
    {
        errors.Add(TextRules.Required(field));
        return default;
    }

    private static Validated<Indicator> ParseIndicator(string key, string field) =>
        int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? Indicator.Create(n, field)
            : Validated<Indicator>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "ตัวชี้วัดต้องเป็นหมายเลข 1 ถึง 10", "The indicator must be a number from 1 to 10."));

    private static Dictionary<TKey, Score> ScoreMap<TKey>(ErrorCollector errors, IReadOnlyDictionary<string, decimal>? input,
        string field, Func<string, string, Validated<TKey>> parseKey)
        where TKey : notnull
    {
        var map = new Dictionary<TKey, Score>();
        foreach (var (key, value) in (input ?? new Dictionary<string, decimal>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = FieldPath.Key(field, key);
            var parsed = parseKey(key, path);
            var score = errors.Take(Score.Create(value, path));
            // Not ErrorCollector.Take: for an enum key its default would pass for a real key.
            if (!parsed.TryGetValue(out var parsedKey))
            {
                foreach (var error in parsed.Errors) errors.Add(error);
                continue;
            }

            if (!map.TryAdd(parsedKey, score))
            {
                errors.Add(ErrorCodes.Duplicate, path, "ระบุคะแนนของรายการนี้ซ้ำ", "This item's score is given twice.");
            }
        }

        return map;
    }
}
