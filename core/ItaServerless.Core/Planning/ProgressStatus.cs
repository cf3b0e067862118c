// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// A measure's state in a round, as in NACC's e-Plan. <see cref="Waiting"/> is never stored:
/// it is the absence of a report (see <see cref="ProgressStatuses.Of"/>).
/// </summary>
public enum ProgressStatus
{
    /// <summary>รอรายงาน: no report yet.</summary>
    Waiting,
    /// <summary>อยู่ระหว่างดำเนินการ</summary>
    InProgress,
    /// <summary>ดำเนินการแล้วเสร็จ</summary>
    Done,
    /// <summary>ไม่สามารถดำเนินการได้ (a reason is required).</summary>
    CannotDo,
}

public static class ProgressStatuses
{
    /// <summary>The status shown for a measure: its report's status, or Waiting without one.</summary>
    public static ProgressStatus Of(Progress? progress) => progress?.Status ?? ProgressStatus.Waiting;

    /// <summary>"waiting", "inProgress", "done", "cannotDo".</summary>
    public static string Code(this ProgressStatus status) => status switch
    {
        ProgressStatus.Waiting => "waiting",
        ProgressStatus.InProgress => "inProgress",
        ProgressStatus.Done => "done",
        _ => "cannotDo",
    };

    public static string NameTh(this ProgressStatus status) => status switch
    {
        ProgressStatus.Waiting => "รอรายงาน",
        ProgressStatus.InProgress => "อยู่ระหว่างดำเนินการ",
        ProgressStatus.Done => "ดำเนินการแล้วเสร็จ",
        _ => "ไม่สามารถดำเนินการได้",
    };

    public static string NameEn(this ProgressStatus status) => status switch
    {
        ProgressStatus.Waiting => "Waiting for report",
        ProgressStatus.InProgress => "In progress",
        ProgressStatus.Done => "Done",
        _ => "Cannot be done",
    };

    /// <summary>A reported status (not waiting), from its code or Thai name.</summary>
    public static Validated<ProgressStatus> ParseReported(string? text, string field = "status")
    {
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s)) return Validated<ProgressStatus>.Fail(TextRules.Required(field));
        foreach (var status in Enum.GetValues<ProgressStatus>())
        {
            if (!string.Equals(status.Code(), s, StringComparison.OrdinalIgnoreCase) && status.NameTh() != s) continue;
            return status == ProgressStatus.Waiting
                ? Validated<ProgressStatus>.Fail(new ValidationError(ErrorCodes.NotAllowed, field,
                    "สถานะ รอรายงาน หมายถึงยังไม่มีรายงาน จึงบันทึกเป็นรายงานไม่ได้",
                    "Waiting means no report yet; it cannot be reported."))
                : Validated<ProgressStatus>.Ok(status);
        }

        return Validated<ProgressStatus>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
            "สถานะต้องเป็น inProgress, done หรือ cannotDo",
            "The status must be inProgress, done or cannotDo."));
    }
}
