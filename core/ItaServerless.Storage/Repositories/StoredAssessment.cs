// SPDX-License-Identifier: MIT
using System.Globalization;
using Azure.Data.Tables;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Scoring;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The stored shape of an assessment (JSON in "Data"), Storage's own: renaming a field of the API's
/// <see cref="AssessmentDraft"/> changes neither stored rows nor audit hashes. Keys are codes: tools
/// "IIT", indicators "9", questions "o1"; scores as NACC publishes them. Rows written as the API
/// draft have the same names and read as they are.
/// </summary>
internal sealed record StoredAssessment(
    string? OrganizationId,
    int AssessmentYear,
    decimal? Total,
    IReadOnlyDictionary<string, decimal>? ToolScores = null,
    IReadOnlyDictionary<string, decimal>? IndicatorScores = null,
    IReadOnlyDictionary<string, decimal>? QuestionScores = null)
{
    public static void Write(TableEntity row, Assessment a) => StoredJson.Write(row, new StoredAssessment(
        a.OrganizationId,
        a.AssessmentYear.Year,
        a.Total.Value,
        a.ToolScores.ToDictionary(p => p.Key.Code(), p => p.Value.Value),
        a.IndicatorScores.ToDictionary(p => p.Key.Number.ToString(CultureInfo.InvariantCulture), p => p.Value.Value),
        a.QuestionScores.ToDictionary(p => p.Key.Value, p => p.Value.Value)));

    /// <summary>Rebuilds the assessment as accepted (<see cref="Assessment.Restore"/>); it must be the one of its partition.</summary>
    public static Assessment Read(TableEntity row)
    {
        var stored = StoredJson.Read<StoredAssessment>(row);
        var year = FiscalYear.Create(stored.AssessmentYear).Value;
        if (TablePlanRepository.Partition(stored.OrganizationId ?? "", year) != row.PartitionKey)
        {
            throw new StoredDataException($"Stored assessment {stored.OrganizationId}/{stored.AssessmentYear} lies in partition {row.PartitionKey}.");
        }
        return Assessment.Restore(stored.OrganizationId!, year,
            Score.Create(stored.Total ?? throw new FormatException("no total")).Value,
            Scores(stored.ToolScores, key => Tools.Parse(key).Value),
            Scores(stored.IndicatorScores, key => Indicator.Create(int.Parse(key, NumberStyles.None, CultureInfo.InvariantCulture)).Value),
            Scores(stored.QuestionScores, key => QuestionId.Parse(key).Value));
    }

    private static Dictionary<TKey, Score> Scores<TKey>(IReadOnlyDictionary<string, decimal>? stored, Func<string, TKey> key) where TKey : notnull =>
        (stored ?? new Dictionary<string, decimal>()).ToDictionary(p => key(p.Key), p => Score.Create(p.Value).Value);
}
