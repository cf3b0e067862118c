// SPDX-License-Identifier: MIT
using System.Text.Json;
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Planning;

namespace ItaServerless.Storage.Repositories;

/// <summary>
/// The stored shape of a progress report (JSON in "Data"), Storage's own: renaming a field of the
/// API's <see cref="ProgressDraft"/> changes neither stored rows nor audit hashes. Codes, not Thai
/// words; money in satang. Rows written before this shape hold the API draft of the time in
/// <see cref="Draft"/> (read with a copy of its shape, <see cref="OldDraft"/>).
/// </summary>
internal sealed record StoredProgress(
    string Plan,
    int Number,
    string Round,
    DateTimeOffset ReportedAt,
    string? Status = null,
    string? Reason = null,
    string? Result = null,
    string? Outcome = null,
    string? Recommendation = null,
    string? Problems = null,
    long DisbursedSatang = 0,
    string? ReporterName = null,
    string? ReporterPosition = null,
    IReadOnlyList<string>? Evidence = null,
    StoredProgress.OldDraft? Draft = null)
{
    /// <summary>The API's progress draft as the first releases stored it.</summary>
    internal sealed record OldDraft(
        string? Status,
        string? Reason = null,
        string? Result = null,
        string? Outcome = null,
        string? Recommendation = null,
        string? Problems = null,
        decimal? Disbursed = null,
        OldReporter? Reporter = null,
        IReadOnlyList<string?>? Evidence = null);

    internal sealed record OldReporter(string? Name, string? Position);

    public static void Write(Azure.Data.Tables.TableEntity row, ProgressRecord record) => StoredJson.Write(row, From(record));

    public static ProgressRecord Read(Azure.Data.Tables.TableEntity row) => StoredJson.Read<StoredProgress>(row).ToRecord(TablePlanRepository.YearOf(row.PartitionKey));

    public static StoredProgress From(ProgressRecord record)
    {
        var p = record.Progress;
        return new StoredProgress(p.Measure.Plan.Code(), p.Measure.Number, p.Round.Round.Code, record.ReportedAt, p.Status.Code(), p.Reason,
            p.Result, p.Outcome, p.Recommendation, p.Problems, p.Disbursed.Satang, p.Reporter.Name, p.Reporter.Position,
            p.Evidence.Select(u => u.AbsoluteUri).ToArray());
    }

    /// <summary>Rebuilds the report as accepted, without today's input rules (<see cref="Progress.Restore"/>).</summary>
    public ProgressRecord ToRecord(FiscalYear year)
    {
        try
        {
            var key = new MeasureKey(PlanNames.ParsePlan(Plan).Value, Number);
            var round = new FiscalYearRound(year, ReportingRound.FromCode(Round));
            var progress = Draft is { } legacy
                ? Progress.Restore(round, key, ProgressStatuses.ParseReported(legacy.Status).Value, legacy.Reason, legacy.Result, legacy.Outcome,
                    legacy.Recommendation, legacy.Problems, Baht.Of(legacy.Disbursed ?? 0m),
                    Reporter.Restore(legacy.Reporter?.Name, legacy.Reporter?.Position), Links(legacy.Evidence?.OfType<string>()))
                : Progress.Restore(round, key, ProgressStatuses.ParseReported(Status).Value, Reason, Result, Outcome, Recommendation, Problems,
                    Baht.FromSatang(DisbursedSatang), Reporter.Restore(ReporterName, ReporterPosition), Links(Evidence));
            return new ProgressRecord(progress, ReportedAt);
        }
        catch (Exception e) when (e is Core.Validation.ValidationException or UriFormatException or JsonException)
        {
            throw new StoredDataException($"Stored progress {Plan}-{Number}/{Round} of {year} cannot be read: {e.Message}", e);
        }
    }

    private static Uri[] Links(IEnumerable<string>? links) => (links ?? []).Select(l => new Uri(l, UriKind.Absolute)).ToArray();
}
