// SPDX-License-Identifier: MIT
using ItaServerless.Core.Calendar;
using ItaServerless.Core.Money;
using ItaServerless.Core.Persistence;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

public sealed record ReporterDraft(string? Name, string? Position);

/// <summary>
/// The raw input of a progress report. Status: "inProgress", "done" or "cannotDo" (or the
/// Thai words); Reason is required for cannotDo and refused otherwise.
/// </summary>
public sealed record ProgressDraft(
    string? Status,
    string? Reason = null,
    string? Result = null,
    string? Outcome = null,
    string? Recommendation = null,
    string? Problems = null,
    decimal? Disbursed = null,
    ReporterDraft? Reporter = null,
    IReadOnlyList<string?>? Evidence = null);

/// <summary>Who reported (ผู้รายงาน): name required, position optional.</summary>
public sealed record Reporter
{
    public const int MaxLength = 200;

    private Reporter(string name, string? position)
    {
        Name = name;
        Position = position;
    }

    public string Name { get; }

    public string? Position { get; }

    public static Validated<Reporter> Create(string? name, string? position, string field = "reporter")
    {
        var errors = new ErrorCollector();
        var n = errors.Take(TextRules.Required(name, FieldPath.Join(field, "name"), MaxLength));
        var p = errors.Take(TextRules.Check(position, FieldPath.Join(field, "position"), MaxLength, required: false));
        return errors.Result(() => new Reporter(n!, p));
    }

    /// <summary>A reporter as stored: only a name is required; today's length limits are not re-applied.</summary>
    public static Reporter Restore(string? name, string? position) =>
        string.IsNullOrWhiteSpace(name) ? throw new StoredDataException("A stored reporter has no name.") : new Reporter(name, position);
}

/// <summary>
/// A measure's progress in one round. Rule on money: the disbursed amount may not exceed
/// the measure's budget — also when the budget is 0 (ไม่ใช้งบประมาณ), where it must be 0:
/// spending on such a measure means its budget must be recorded first, or the round
/// summary's percentage of budget would be meaningless.
/// </summary>
public sealed class Progress
{
    public const int MaxTextLength = 4000;
    public const int MaxEvidence = 20;
    public const int MaxUrlLength = WebAddress.MaxLength;

    private Progress(FiscalYearRound round, MeasureKey measure, ProgressStatus status, string? reason, string? result,
        string? outcome, string? recommendation, string? problems, Baht disbursed, Reporter reporter, IReadOnlyList<Uri> evidence)
    {
        Round = round;
        Measure = measure;
        Status = status;
        Reason = reason;
        Result = result;
        Outcome = outcome;
        Recommendation = recommendation;
        Problems = problems;
        Disbursed = disbursed;
        Reporter = reporter;
        Evidence = evidence;
    }

    public FiscalYearRound Round { get; }

    public MeasureKey Measure { get; }

    /// <summary>InProgress, Done or CannotDo (never Waiting).</summary>
    public ProgressStatus Status { get; }

    /// <summary>Why it cannot be done; only for CannotDo.</summary>
    public string? Reason { get; }

    /// <summary>ผลการดำเนินการ</summary>
    public string? Result { get; }

    /// <summary>ผลลัพธ์หรือความสำเร็จ</summary>
    public string? Outcome { get; }

    /// <summary>ข้อเสนอแนะ</summary>
    public string? Recommendation { get; }

    /// <summary>ปัญหา อุปสรรค</summary>
    public string? Problems { get; }

    /// <summary>เบิกจ่าย: at most the measure's budget.</summary>
    public Baht Disbursed { get; }

    public Reporter Reporter { get; }

    /// <summary>Absolute http(s) links to published evidence.</summary>
    public IReadOnlyList<Uri> Evidence { get; }

    /// <summary>
    /// Validates every field at once. Field paths: "status", "reason", "result", "outcome",
    /// "recommendation", "problems", "disbursed", "reporter.name", "reporter.position", "evidence[0]".
    /// </summary>
    public static Validated<Progress> Create(ProgressDraft draft, Measure measure, ReportingRound round)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(round);
        var errors = new ErrorCollector();

        var statusResult = ProgressStatuses.ParseReported(draft.Status);
        errors.Take(statusResult);
        var reason = errors.Take(TextRules.Check(draft.Reason, "reason", MaxTextLength, required: false, multiline: true));
        if (statusResult.IsValid && statusResult.Value == ProgressStatus.CannotDo && reason is null)
        {
            errors.Add(ErrorCodes.Required, "reason",
                "ต้องระบุเหตุผลที่ไม่สามารถดำเนินการได้", "A reason is required when the measure cannot be done.");
        }
        else if (statusResult.IsValid && statusResult.Value != ProgressStatus.CannotDo && reason is not null)
        {
            errors.Add(ErrorCodes.NotAllowed, "reason",
                "ระบุเหตุผลได้เฉพาะสถานะ ไม่สามารถดำเนินการได้", "A reason is only given when the measure cannot be done.");
        }

        var result = Text(errors, draft.Result, "result");
        var outcome = Text(errors, draft.Outcome, "outcome");
        var recommendation = Text(errors, draft.Recommendation, "recommendation");
        var problems = Text(errors, draft.Problems, "problems");

        var disbursedResult = Baht.Create(draft.Disbursed ?? 0m, "disbursed");
        errors.Take(disbursedResult);
        if (disbursedResult.IsValid && disbursedResult.Value > measure.Budget)
        {
            errors.Add(ErrorCodes.OverBudget, "disbursed",
                measure.Budget.IsZero
                    ? "มาตรการนี้ไม่ใช้งบประมาณ จึงเบิกจ่ายไม่ได้ กรุณาระบุงบประมาณของมาตรการก่อน"
                    : $"เบิกจ่ายเกินงบประมาณของมาตรการ ({Thai.ThaiFormat.Baht(measure.Budget)})",
                measure.Budget.IsZero
                    ? "This measure has no budget, so nothing can be disbursed; record its budget first."
                    : $"The disbursed amount exceeds the measure's budget ({measure.Budget} baht).");
        }

        var reporter = draft.Reporter is null
            ? Fail(errors, TextRules.Required("reporter"))
            : errors.Take(Reporter.Create(draft.Reporter.Name, draft.Reporter.Position));
        var evidence = CheckEvidence(errors, draft.Evidence);

        return errors.Result(() => new Progress(new FiscalYearRound(measure.FiscalYear, round), measure.Key,
            statusResult.Value, reason, result, outcome, recommendation, problems, disbursedResult.Value, reporter!, evidence));
    }

    /// <summary>
    /// Rebuilds a report accepted earlier. Only what makes it a report is checked (a reported status,
    /// a reason exactly for CannotDo, a non-negative amount, absolute links): rules that relate it to
    /// other data (the measure's budget) or that may tighten later were checked when it was written.
    /// </summary>
    public static Progress Restore(FiscalYearRound round, MeasureKey measure, ProgressStatus status, string? reason, string? result,
        string? outcome, string? recommendation, string? problems, Baht disbursed, Reporter reporter, IReadOnlyList<Uri> evidence)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(reporter);
        ArgumentNullException.ThrowIfNull(evidence);
        string what = $"Stored progress {measure}/{round.Round.Code}";
        if (status == ProgressStatus.Waiting) throw new StoredDataException($"{what} has no reported status.");
        if ((status == ProgressStatus.CannotDo) != !string.IsNullOrWhiteSpace(reason)) throw new StoredDataException($"{what}: a reason goes with, and only with, 'cannot do'.");
        if (evidence.Any(u => !u.IsAbsoluteUri)) throw new StoredDataException($"{what} has a relative evidence link.");
        return new Progress(round, measure, status, reason, result, outcome, recommendation, problems, disbursed, reporter, evidence.ToArray());
    }

    private static string? Text(ErrorCollector errors, string? value, string field) =>
        errors.Take(TextRules.Check(value, field, MaxTextLength, required: false, multiline: true));

    private static Reporter? Fail(ErrorCollector errors, ValidationError error)
    {
        errors.Add(error);
        return null;
    }

    private static Uri[] CheckEvidence(ErrorCollector errors, IReadOnlyList<string?>? links)
    {
        links ??= [];
        if (links.Count > MaxEvidence)
        {
            errors.Add(ErrorCodes.TooMany, "evidence", $"แนบลิงก์หลักฐานได้ไม่เกิน {MaxEvidence} รายการ", $"At most {MaxEvidence} evidence links.");
        }

        var uris = new List<Uri>();
        for (var i = 0; i < links.Count; i++)
        {
            var uri = errors.Take(WebAddress.Check(links[i], FieldPath.Index("evidence", i), required: true));
            if (uri is not null) uris.Add(uri);
        }

        return uris.ToArray();
    }
}
