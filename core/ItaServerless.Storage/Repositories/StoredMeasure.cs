// SPDX-License-Identifier: MIT
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The stored shape of a measure (JSON in "Data"), Storage's own: renaming a field of the API's
/// <see cref="MeasureDraft"/> changes neither stored rows nor audit hashes. Codes, not Thai words;
/// money in satang; months "2568-10" (none: the whole year); unit ids, or ["*"] for every division.
/// Rows written before this shape hold the API draft of the time: the same names, but the budget
/// in baht ("Budget") and the months in "Period" ({From, To, WholeYear}); they still read.
/// </summary>
internal sealed record StoredMeasure(
    string? Plan,
    int Number,
    string? Title,
    IReadOnlyList<int>? Indicators = null,
    IReadOnlyList<string?>? Questions = null,
    IReadOnlyList<string?>? Method = null,
    IReadOnlyList<string?>? Responsible = null,
    string? From = null,
    string? To = null,
    string? FollowUp = null,
    long BudgetSatang = 0,
    string? Kind = null,
    int? Dimension = null,
    [property: JsonPropertyName("Budget"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] decimal? LegacyBudget = null,
    [property: JsonPropertyName("Period"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] StoredMeasure.OldPeriod? LegacyPeriod = null)
{
    /// <summary>Which questionnaire the target questions were resolved in (for the record; reading does not need it).</summary>
    private const string CatalogYearProperty = "CatalogYear";

    /// <summary>The months of a row written as the API draft.</summary>
    internal sealed record OldPeriod(string? From = null, string? To = null, bool? WholeYear = null);

    public static void Write(TableEntity row, Measure m)
    {
        StoredJson.Write(row, new StoredMeasure(
            m.Plan.Code(), m.Number, m.Title,
            m.Indicators.Select(i => i.Number).ToArray(),
            m.Questions.Select(q => q.Value).ToArray(),
            m.Method.ToArray(),
            m.Responsible.IsEveryDivision ? [ResponsibleUnits.EveryDivisionCode] : m.Responsible.UnitIds.ToArray(),
            m.Period.IsWholeYear ? null : m.Period.From.ToString(),
            m.Period.IsWholeYear ? null : m.Period.To.ToString(),
            m.FollowUp, m.Budget.Satang, m.Kind?.Code(), m.Dimension));
        if (m.Questions.Count > 0)
        {
            row[CatalogYearProperty] = CatalogFor(m).AssessmentYear;
        }
    }

    /// <summary>Rebuilds the measure as accepted, without today's input rules (<see cref="Measure.Restore"/>).</summary>
    public static Measure Read(TableEntity row) => StoredJson.Read<StoredMeasure>(row).ToMeasure(TablePlanRepository.YearOf(row.PartitionKey));

    private Measure ToMeasure(FiscalYear year)
    {
        var (from, to) = LegacyPeriod is { } old ? (old.WholeYear == true ? (null, null) : (old.From, old.To)) : (From, To);
        return Measure.Restore(
            year,
            new MeasureKey(PlanNames.ParsePlan(Plan).Value, Number),
            Title ?? "",
            (Indicators ?? []).Select(n => Indicator.Create(n).Value).ToArray(),
            (Questions ?? []).Select(q => QuestionId.Parse(q).Value).ToArray(),
            (Method ?? []).Select(s => s ?? throw new FormatException("A step is null.")).ToArray(),
            ResponsibleUnits.Restore(Responsible),
            Period.Create(year, from, to).Value,
            FollowUp,
            LegacyBudget is { } baht ? Baht.Of(baht) : Baht.FromSatang(BudgetSatang),
            string.IsNullOrEmpty(Kind) ? null : PlanNames.ParseKind(Kind).Value,
            Dimension);
    }

    /// <summary>
    /// A catalog holding every target question: <see cref="QuestionCatalog.ForMeasuresOf"/> first,
    /// then newest first.
    /// </summary>
    private static QuestionCatalog CatalogFor(Measure measure)
    {
        var preferred = QuestionCatalog.ForMeasuresOf(measure.FiscalYear);
        var candidates = QuestionCatalog.Years.OrderByDescending(y => y).Select(y => QuestionCatalog.ForYear(y).Value);
        foreach (var catalog in preferred is null ? candidates : candidates.Prepend(preferred))
        {
            if (measure.Questions.All(catalog.Contains))
            {
                return catalog;
            }
        }
        throw new InvalidOperationException($"No question catalog contains every question of measure {measure.Key}.");
    }
}
