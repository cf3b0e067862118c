// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Validation;

/// <summary>Amounts and scores are kept with exactly two decimals (satang, hundredths of a point).</summary>
public static class TwoDecimals
{
    /// <summary>True when <paramref name="value"/> has no digit beyond the second decimal.</summary>
    public static bool Fits(decimal value) => decimal.Round(value, 2) == value;

    /// <summary>Rounds half away from zero and sets the scale to 2, so that 5 and 5.00 print alike.</summary>
    public static decimal Normalize(decimal value) => decimal.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;
}
