// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>
/// A progress-reporting round: "6m" (รอบ ๖ เดือน, 1 Oct – 31 Mar) or "12m" (รอบ ๑๒ เดือน,
/// the whole fiscal year). Both start with the fiscal year; they differ in their end.
/// </summary>
public sealed class ReportingRound : IEquatable<ReportingRound>
{
    public static readonly ReportingRound SixMonths = new("6m", 6);
    public static readonly ReportingRound TwelveMonths = new("12m", 12);

    public static IReadOnlyList<ReportingRound> All { get; } = [SixMonths, TwelveMonths];

    private ReportingRound(string code, int months)
    {
        Code = code;
        Months = months;
    }

    /// <summary>"6m" or "12m": the stable code used in URLs, JSON and storage.</summary>
    public string Code { get; }

    /// <summary>Length of the covered period in months (6 or 12).</summary>
    public int Months { get; }

    public DateOnly PeriodStart(FiscalYear year) => year.Start;

    /// <summary>31 March for 6m, 30 September for 12m.</summary>
    public DateOnly PeriodEnd(FiscalYear year) => year.Start.AddMonths(Months).AddDays(-1);

    public static Validated<ReportingRound> Parse(string? code, string field = "round")
    {
        var found = All.FirstOrDefault(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
        return found is not null
            ? Validated<ReportingRound>.Ok(found)
            : Validated<ReportingRound>.Fail(new ValidationError(ErrorCodes.UnknownValue, field,
                "รอบการรายงานต้องเป็น 6m (รอบ ๖ เดือน) หรือ 12m (รอบ ๑๒ เดือน)",
                "The reporting round must be 6m or 12m."));
    }

    public static ReportingRound FromCode(string code) => Parse(code).Value;

    public bool Equals(ReportingRound? other) => ReferenceEquals(this, other);

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => Months;

    public override string ToString() => Code;
}
