// SPDX-License-Identifier: MIT
namespace ItaServerless.Core.Calendar;

/// <summary>
/// Thailand's civil time: UTC+7 all year (no daylight saving since 1920), so a fixed offset
/// is exact and avoids depending on the host's time-zone database.
/// </summary>
public static class BangkokTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToBangkok(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>The calendar date in Bangkok at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToBangkok(instant).DateTime);
}
