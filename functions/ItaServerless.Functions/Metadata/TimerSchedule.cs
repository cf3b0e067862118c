// SPDX-License-Identifier: MIT
using NCrontab;

namespace ItaServerless.Functions.Metadata;

/// <summary>
/// A six-field NCRONTAB schedule (seconds first), evaluated in UTC as the Functions host does on
/// Linux plans. Thailand is UTC+7: "0 0 1 * * *" runs at 08:00 Bangkok time.
/// </summary>
public sealed class TimerSchedule
{
    private static readonly CrontabSchedule.ParseOptions Options = new() { IncludingSeconds = true };
    private readonly CrontabSchedule _schedule;

    private TimerSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        _schedule = schedule;
    }

    public string Expression { get; }

    /// <summary>Parses a six-field expression; null when it is not one (TimeSpan schedules are not accepted: Consumption plans reject them).</summary>
    public static TimerSchedule? TryParse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression)) return null;
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6) return null;
        var parsed = CrontabSchedule.TryParse(expression, Options);
        return parsed is null ? null : new TimerSchedule(expression, parsed);
    }

    public static TimerSchedule Parse(string expression) =>
        TryParse(expression) ?? throw new FormatException($"Not a six-field NCRONTAB expression: '{expression}'.");

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var next = _schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    public override string ToString() => Expression;
}
