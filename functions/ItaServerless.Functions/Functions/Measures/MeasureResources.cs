// SPDX-License-Identifier: MIT
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;
using ItaServerless.Core.Thai;
using ItaServerless.Core.UseCases;

namespace ItaServerless.Functions.Functions.Measures;

public sealed record PeriodResource(string From, string To, bool WholeYear, string Text);

public sealed record MeasureResource(
    string Id,
    string Plan,
    int Number,
    string Title,
    IReadOnlyList<int> Indicators,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Method,
    IReadOnlyList<string> Responsible,
    PeriodResource Period,
    string? FollowUp,
    decimal Budget,
    string? Kind,
    int? Dimension,
    [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag)
{
    public static MeasureResource From(Versioned<Measure> v)
    {
        var m = v.Value;
        return new MeasureResource(
            m.Key.ToString(),
            m.Plan.Code(),
            m.Number,
            m.Title,
            m.Indicators.Select(i => i.Number).ToArray(),
            m.Questions.Select(q => q.Value).ToArray(),
            m.Method,
            m.Responsible.IsEveryDivision ? [ResponsibleUnits.EveryDivisionCode] : m.Responsible.UnitIds,
            new PeriodResource(m.Period.From.ToString(), m.Period.To.ToString(), m.Period.IsWholeYear, ThaiFormat.Period(m.Period)),
            m.FollowUp,
            m.Budget.Amount,
            m.Kind?.Code(),
            m.Dimension,
            v.Version.Value);
    }
}

public sealed record ReporterResource(string Name, string? Position);

public sealed record ProgressResource(
    string Measure,
    string Round,
    string Status,
    string StatusTh,
    string? Reason,
    string? Result,
    string? Outcome,
    string? Recommendation,
    string? Problems,
    decimal Disbursed,
    ReporterResource Reporter,
    IReadOnlyList<string> Evidence,
    DateTimeOffset ReportedAt,
    [property: System.Text.Json.Serialization.JsonPropertyName("etag")] string ETag)
{
    public static ProgressResource From(Versioned<ProgressRecord> stored) => From(stored.Value, stored.Version);

    public static ProgressResource From(Saved<ProgressRecord> saved) => From(saved.Value, saved.Version);

    private static ProgressResource From(ProgressRecord record, EntityVersion version) => From(record.Progress, record.ReportedAt, version);

    private static ProgressResource From(Progress p, DateTimeOffset reportedAt, EntityVersion version) => new(
        p.Measure.ToString(),
        p.Round.Round.Code,
        p.Status.Code(),
        p.Status.NameTh(),
        p.Reason,
        p.Result,
        p.Outcome,
        p.Recommendation,
        p.Problems,
        p.Disbursed.Amount,
        new ReporterResource(p.Reporter.Name, p.Reporter.Position),
        p.Evidence.Select(u => u.ToString()).ToArray(),
        reportedAt,
        version.Value);
}

public sealed record RoundSummaryResource(
    int Year,
    string Round,
    int Total,
    int Waiting,
    int InProgress,
    int Done,
    int CannotDo,
    decimal Budget,
    decimal Disbursed,
    decimal DisbursedPercent,
    decimal ImplementedPercent,
    string ImplementationLevelTh)
{
    public static RoundSummaryResource From(RoundSummary s) => new(
        s.Round.Year.Year, s.Round.Round.Code, s.Total, s.Waiting, s.InProgress, s.Done, s.CannotDo,
        s.TotalBudget.Amount, s.TotalDisbursed.Amount, s.DisbursedPercent, s.ImplementedPercent, s.ImplementationLevel.NameTh());
}
