// SPDX-License-Identifier: MIT
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>One question of a year's ITA questionnaire.</summary>
public sealed record Question(QuestionId Id, Indicator Indicator, string TextTh)
{
    public Tool Tool => Id.Tool;
}

/// <summary>
/// The ITA questions of one assessment year. NACC renumbers the OIT items almost every year,
/// so each year is data: an embedded JSON file Scoring/Catalogs/&lt;year&gt;.json.
/// </summary>
public sealed class QuestionCatalog
{
    private const string ResourcePrefix = "ItaServerless.Core.Scoring.Catalogs.";
    private static readonly Lazy<FrozenDictionary<int, QuestionCatalog>> Embedded = new(LoadEmbedded);

    private readonly FrozenDictionary<QuestionId, Question> _byId;

    private QuestionCatalog(int year, IReadOnlyList<Question> questions)
    {
        AssessmentYear = year;
        Questions = questions;
        _byId = questions.ToFrozenDictionary(q => q.Id);
    }

    /// <summary>Buddhist Era assessment year, e.g. 2568.</summary>
    public int AssessmentYear { get; }

    /// <summary>In questionnaire order (IIT, EIT, OIT; by number).</summary>
    public IReadOnlyList<Question> Questions { get; }

    /// <summary>The assessment years shipped with this build, ascending.</summary>
    public static IReadOnlyList<int> Years => Embedded.Value.Keys.Order().ToArray();

    public static Validated<QuestionCatalog> ForYear(int assessmentYear, string field = "assessmentYear") =>
        Embedded.Value.TryGetValue(assessmentYear, out var catalog)
            ? Validated<QuestionCatalog>.Ok(catalog)
            : Validated<QuestionCatalog>.Fail(new ValidationError(ErrorCodes.UnknownAssessmentYear, field,
                $"ยังไม่มีรายการข้อคำถาม ITA ของปี พ.ศ. {assessmentYear} (มีปี {string.Join(", ", Years)})",
                $"There is no ITA question list for {assessmentYear} (available: {string.Join(", ", Years)})."));

    public static Validated<QuestionCatalog> ForYear(FiscalYear assessmentYear, string field = "assessmentYear") =>
        ForYear(assessmentYear.Year, field);

    /// <summary>
    /// The questionnaire that a fiscal year's measures answer: last year's assessment, or the latest
    /// shipped year before it; null when none is (then measures name indicators only).
    /// </summary>
    public static QuestionCatalog? ForMeasuresOf(FiscalYear measuresYear) =>
        Embedded.Value.Where(p => p.Key < measuresYear.Year).OrderByDescending(p => p.Key).Select(p => p.Value).FirstOrDefault();

    public bool Contains(QuestionId id) => _byId.ContainsKey(id);

    public Question? Find(QuestionId id) => _byId.GetValueOrDefault(id);

    public Question this[QuestionId id] =>
        _byId.TryGetValue(id, out var q) ? q : throw new KeyNotFoundException($"No question {id} in {AssessmentYear}.");

    public IReadOnlyList<Question> QuestionsOf(Indicator indicator) =>
        Questions.Where(q => q.Indicator == indicator).ToArray();

    /// <summary>Parses an id and checks that this year's questionnaire has it.</summary>
    public Validated<Question> Resolve(string? id, string field)
    {
        var parsed = QuestionId.Parse(id, field);
        if (!parsed.TryGetValue(out var qid)) return Validated<Question>.Fail(parsed.Errors);
        return _byId.TryGetValue(qid, out var question)
            ? Validated<Question>.Ok(question)
            : Validated<Question>.Fail(new ValidationError(ErrorCodes.UnknownQuestion, field,
                $"ไม่มีข้อคำถาม {qid} ในการประเมิน ITA ปี พ.ศ. {AssessmentYear}",
                $"The ITA {AssessmentYear} questionnaire has no question {qid}."));
    }

    /// <summary>
    /// Reads a catalog file: {"assessmentYear": 2568, "questions": [{"id": "i1", "indicator": 1,
    /// "text": "..."}]}. Throws <see cref="FormatException"/> when the data is inconsistent
    /// (unknown indicator, an id whose tool differs from its indicator's, duplicates, empty text).
    /// </summary>
    public static QuestionCatalog FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<CatalogFile>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new FormatException("Empty question catalog.");
        if (!FiscalYear.Create(file.AssessmentYear).IsValid) throw new FormatException($"Bad assessment year {file.AssessmentYear}.");
        var questions = new List<Question>();
        foreach (var q in file.Questions ?? [])
        {
            var id = QuestionId.Parse(q.Id);
            var indicator = Indicator.Create(q.Indicator);
            if (!id.IsValid || !indicator.IsValid || string.IsNullOrWhiteSpace(q.Text))
            {
                throw new FormatException($"Bad question '{q.Id}' in {file.AssessmentYear}.");
            }

            if (id.Value.Tool != indicator.Value.Tool)
            {
                throw new FormatException($"Question {q.Id} belongs to {id.Value.Tool} but indicator {q.Indicator} to {indicator.Value.Tool}.");
            }

            questions.Add(new Question(id.Value, indicator.Value, q.Text.Trim()));
        }

        if (questions.Count == 0) throw new FormatException($"No questions in {file.AssessmentYear}.");
        var duplicate = questions.GroupBy(q => q.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new FormatException($"Question {duplicate.Key} appears twice in {file.AssessmentYear}.");
        return new QuestionCatalog(file.AssessmentYear, questions.OrderBy(q => q.Id).ToArray());
    }

    private static FrozenDictionary<int, QuestionCatalog> LoadEmbedded()
    {
        var assembly = typeof(QuestionCatalog).Assembly;
        var catalogs = new Dictionary<int, QuestionCatalog>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var catalog = FromJson(ReadResource(assembly, name));
            if (name != $"{ResourcePrefix}{catalog.AssessmentYear}.json")
            {
                throw new FormatException($"{name} holds the questions of {catalog.AssessmentYear}.");
            }

            catalogs.Add(catalog.AssessmentYear, catalog);
        }

        return catalogs.ToFrozenDictionary();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record CatalogFile(int AssessmentYear, List<CatalogQuestion>? Questions);

    private sealed record CatalogQuestion(string? Id, int Indicator, string? Text);
}
