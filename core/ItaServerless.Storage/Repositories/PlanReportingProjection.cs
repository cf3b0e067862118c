// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Planning;
using Azure.Data.Tables;
using ItaServerless.Storage.Tables;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// Row "~reporting" of a plan partition ("{organization}|{fiscal year}"): each measure's plan,
/// number, title and responsible units, and each progress row's round and measure. What the daily
/// reminder sweep needs of a year, in one point read (a few KB even for 50 measures), where the
/// measures themselves may hold hundreds of KB of steps and reports.
/// </summary>
internal sealed class PlanReportingProjection : PartitionProjection
{
    public static readonly PlanReportingProjection Instance = new();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override string RowKey => "~reporting";

    protected override JsonElement? Summarize(TableEntity row)
    {
        if (EntityKinds.Measure.Owns(row.RowKey))
        {
            // As stored (both shapes name these alike), so rows summarized before keep their summary.
            var measure = StoredJson.Read<StoredMeasure>(row);
            return JsonSerializer.SerializeToElement(new Summary(measure.Plan, measure.Number, null, measure.Title, measure.Responsible), Json);
        }

        if (EntityKinds.Progress.Owns(row.RowKey))
        {
            var progress = EntityKinds.Progress.FromRow(row);
            return JsonSerializer.SerializeToElement(new Summary(progress.Measure.Plan.Code(), progress.Measure.Number, progress.Round.Code, null, null), Json);
        }

        return null;
    }

    /// <summary>The year's measures with the rounds each was reported in, in plan order.</summary>
    public static IReadOnlyList<MeasureReporting> Measures(IReadOnlyDictionary<string, JsonElement> map, FiscalYear year)
    {
        var summaries = map.Values.Select(v => v.Deserialize<Summary>(Json) ?? throw new FormatException("A null summary in ~reporting.")).ToArray();
        var reported = summaries.Where(s => s.Round is not null).ToLookup(s => s.Key, s => ReportingRound.FromCode(s.Round!));
        return summaries.Where(s => s.Round is null)
            .Select(s => new MeasureReporting(year, s.Key, s.Title ?? throw new FormatException("A measure summary without a title."),
                ResponsibleUnits.Restore(s.Responsible), reported[s.Key]))
            .OrderBy(m => m.Plan).ThenBy(m => m.Number)
            .ToArray();
    }

    /// <summary>A measure (Title and Responsible set) or a report (Round set).</summary>
    private sealed record Summary(string? Plan, int? Number, string? Round, string? Title, IReadOnlyList<string?>? Responsible)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public MeasureKey Key => new(PlanNames.ParsePlan(Plan).Value, Number ?? throw new FormatException("A summary without a measure number."));
    }
}
