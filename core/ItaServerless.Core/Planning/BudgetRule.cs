// SPDX-License-Identifier: MIT
using ItaServerless.Core.Money;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Planning;

/// <summary>
/// เบิกจ่ายไม่เกินงบประมาณ, seen from the budget's side. A report is checked against the budget when
/// it is written; a later budget cut below what a round already reports disbursed is refused, not
/// allowed and flagged: the published round report would otherwise show spending above the budget,
/// which is exactly what an auditor looks for. The officer corrects the report first, then the budget.
/// </summary>
public static class BudgetRule
{
    /// <summary>Errors (field "budget") when <paramref name="replacement"/>'s budget is below a reported amount.</summary>
    public static IReadOnlyList<ValidationError> CheckCut(Measure replacement, IEnumerable<Progress> reported)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        var highest = reported.Where(p => p.Measure == replacement.Key).OrderByDescending(p => p.Disbursed).FirstOrDefault();
        if (highest is null || highest.Disbursed <= replacement.Budget) return [];
        return
        [
            new ValidationError(ErrorCodes.BelowDisbursed, "budget",
                $"งบประมาณต่ำกว่ายอดเบิกจ่ายที่รายงานแล้วใน{ThaiFormat.RoundName(highest.Round.Round)} ({ThaiFormat.Baht(highest.Disbursed)}) กรุณาแก้ไขรายงานผลก่อน",
                $"The budget is below the {highest.Disbursed} baht already reported as disbursed in the {highest.Round.Round.Code} round; correct that report first."),
        ];
    }
}
