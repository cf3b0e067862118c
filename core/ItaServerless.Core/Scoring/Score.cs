// SPDX-License-Identifier: MIT
using System.Globalization;
using ItaServerless.Core.Thai;
using ItaServerless.Core.Validation;

namespace ItaServerless.Core.Scoring;

/// <summary>An ITA score: 0–100 with at most 2 decimals, as NACC publishes them.</summary>
public readonly record struct Score : IComparable<Score>
{
    public const decimal PassMark = 85m;

    private Score(decimal value) => Value = value;

    public decimal Value { get; }

    public static Validated<Score> Create(decimal value, string field = "")
    {
        if (value is < 0m or > 100m)
        {
            return Validated<Score>.Fail(new ValidationError(ErrorCodes.OutOfRange, field,
                "คะแนนต้องอยู่ระหว่าง 0 ถึง 100", "A score must be between 0 and 100."));
        }

        if (!TwoDecimals.Fits(value))
        {
            return Validated<Score>.Fail(new ValidationError(ErrorCodes.TooManyDecimals, field,
                "คะแนนมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง", "A score may have at most 2 decimals."));
        }

        return Validated<Score>.Ok(new Score(TwoDecimals.Normalize(value)));
    }

    public static Score Of(decimal value) => Create(value).Value;

    /// <summary>Parses "83.03" or "๘๓.๐๓".</summary>
    public static Validated<Score> Parse(string? text, string field = "") =>
        decimal.TryParse(ThaiDigits.ToAsciiDigits(text?.Trim() ?? ""), NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var value)
            ? Create(value, field)
            : Validated<Score>.Fail(new ValidationError(ErrorCodes.InvalidFormat, field,
                "คะแนนต้องเป็นตัวเลข เช่น 83.03", "A score must be a number such as 83.03."));

    public Grade Grade => Grades.Of(this);

    public bool Passes => Value >= PassMark;

    public QuestionClassification Classification => QuestionClassifications.Of(this);

    public int CompareTo(Score other) => Value.CompareTo(other.Value);

    public static bool operator <(Score a, Score b) => a.Value < b.Value;

    public static bool operator >(Score a, Score b) => a.Value > b.Value;

    public static bool operator <=(Score a, Score b) => a.Value <= b.Value;

    public static bool operator >=(Score a, Score b) => a.Value >= b.Value;

    /// <summary>"83.03" (always 2 decimals); Thai digits: <see cref="ThaiFormat.Score"/>.</summary>
    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture);
}
