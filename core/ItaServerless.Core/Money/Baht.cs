// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Money;

/// <summary>
/// An exact, non-negative amount of baht with at most 2 decimals (satang). Budgets and
/// disbursements; 0 means ไม่ใช้งบประมาณ for a budget. Thai text: <see cref="ThaiFormat.Baht"/>.
/// </summary>
public readonly record struct Baht : IComparable<Baht>
{
    /// <summary>A trillion baht: far above any local budget, far below decimal's limits.</summary>
    public const decimal MaxAmount = 999_999_999_999.99m;

    public static readonly Baht Zero = default;

    private Baht(decimal amount) => Amount = amount;

    public decimal Amount { get; }

    public bool IsZero => Amount == 0m;

    public static Validated<Baht> Create(decimal amount, string field = "")
    {
        if (amount < 0)
        {
            return Validated<Baht>.Fail(new ValidationError(ErrorCodes.Negative, field,
                "จำนวนเงินต้องไม่ติดลบ", "The amount must not be negative."));
        }

        if (amount > MaxAmount)
        {
            return Validated<Baht>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
                "จำนวนเงินสูงเกินไป", $"The amount must not exceed {MaxAmount.ToString("N2", CultureInfo.InvariantCulture)} baht."));
        }

        if (!TwoDecimals.Fits(amount))
        {
            return Validated<Baht>.Fail(new ValidationError(ErrorCodes.TooManyDecimals, field,
                "จำนวนเงินมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง (สตางค์)", "The amount may have at most 2 decimals (satang)."));
        }

        // Normalise the scale so that 5 and 5.00 are the same value and print the same.
        return Validated<Baht>.Ok(new Baht(TwoDecimals.Normalize(amount)));
    }

    /// <summary>Throws <see cref="ValidationException"/> when negative, too large or finer than a satang.</summary>
    public static Baht Of(decimal amount) => Create(amount).Value;

    public static Baht FromSatang(long satang) => Of(satang / 100m);

    public long Satang => (long)(Amount * 100m);

    /// <summary>
    /// Parses "4,840.00", "4840", "๔,๘๔๐.๐๐" or "4,840.00 บาท" back into an amount.
    /// </summary>
    public static Validated<Baht> Parse(string? text, string field = "")
    {
        var s = ThaiDigits.ToAsciiDigits(text?.Trim() ?? "");
        if (s.EndsWith("บาท", StringComparison.Ordinal)) s = s[..^3].TrimEnd();
        return decimal.TryParse(s, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var amount)
            ? Create(amount, field)
            : Validated<Baht>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "จำนวนเงินต้องเป็นตัวเลข เช่น 4,840.00", "The amount must be a number such as 4,840.00."));
    }

    public static Baht operator +(Baht a, Baht b) => Of(a.Amount + b.Amount);

    public static bool operator <(Baht a, Baht b) => a.Amount < b.Amount;

    public static bool operator >(Baht a, Baht b) => a.Amount > b.Amount;

    public static bool operator <=(Baht a, Baht b) => a.Amount <= b.Amount;

    public static bool operator >=(Baht a, Baht b) => a.Amount >= b.Amount;

    public int CompareTo(Baht other) => Amount.CompareTo(other.Amount);

    /// <summary>"4840.00" (invariant, no grouping): for logs and JSON-like text.</summary>
    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}

public static class BahtExtensions
{
    public static Baht Sum(this IEnumerable<Baht> amounts) => amounts.Aggregate(Baht.Zero, (a, b) => a + b);
}
