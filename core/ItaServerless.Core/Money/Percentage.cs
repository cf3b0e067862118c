// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Money;

/// <summary>Percentages as printed in reports: 2 decimals, half rounded up (away from zero).</summary>
public static class Percentage
{
    /// <summary>part / whole × 100, rounded to 2 decimals half-up; 0 when whole is 0.</summary>
    public static decimal Of(decimal part, decimal whole) =>
        whole == 0m ? 0.00m : Round(part * 100m / whole);

    public static decimal Of(Baht part, Baht whole) => Of(part.Amount, whole.Amount);

    public static decimal Of(int part, int whole) => Of((decimal)part, whole);

    public static decimal Round(decimal value) => Validation.TwoDecimals.Normalize(value);
}
