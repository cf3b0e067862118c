// SPDX-License-Identifier: MIT
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Calendar;

/// <summary>พ.ศ. = ค.ศ. + 543, and the check that catches a Common Era year typed by mistake.</summary>
public static class BuddhistEra
{
    public const int Offset = 543;

    public static int FromCommonEra(int ceYear) => ceYear + Offset;

    public static int ToCommonEra(int beYear) => beYear - Offset;

    /// <summary>
    /// Accepts a Buddhist Era year in [min, max]. A year that looks like ค.ศ. (1900..2299)
    /// gets its own error suggesting the พ.ศ. year (2026 → 2569).
    /// </summary>
    public static Validated<int> CheckYear(int year, string field, int min, int max)
    {
        if (year >= min && year <= max) return Validated<int>.Ok(year);
        if (year is >= 1900 and < 2300)
        {
            var suggestion = FromCommonEra(year);
            return Validated<int>.Fail(new ValidationError(ErrorCodes.YearLooksLikeCe, field,
                $"ปี {year} ดูเหมือนเป็นปี ค.ศ. กรุณาระบุเป็นปี พ.ศ. (หมายถึง พ.ศ. {suggestion} หรือไม่)",
                $"The year {year} looks like a Common Era (ค.ศ.) year; use the Buddhist Era (พ.ศ.) year: did you mean {suggestion}?"));
        }

        return Validated<int>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
            $"ปี พ.ศ. ต้องอยู่ระหว่าง {min} ถึง {max}",
            $"The Buddhist Era year must be between {min} and {max}."));
    }
}
